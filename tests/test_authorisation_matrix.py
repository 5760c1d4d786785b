"""The authorisation matrix: every command and every button of the router × every role, through
the fake Bot API to the whole running bot; exactly the allowed cells succeed.

The rows are keyed by the router's own tables (handlers/router.py COMMANDS and BUTTONS): a
command or a button prefix added there without a row here fails
`test_every_command_and_button_has_a_row`. Each cell is played by a person of its own (a fresh
user id), so that no cell sees another's state; "succeeds" is the action's own effect (its
answer, its rows), never merely the absence of a refusal."""

from __future__ import annotations

import re
import string
from collections.abc import Awaitable, Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from itertools import count, groupby
from pathlib import Path
from typing import Any

import time_machine

from bot.app import load_plan
from bot.catalog import CATALOG
from bot.config import DEFAULT_PLAN
from bot.domain.messages import Reply, reply_to_json
from bot.services import checkin
from handlers.router import BUTTONS, COMMANDS
from storage.attendance import AttendanceAnswer
from storage.broadcasts import BroadcastRepository
from storage.channels import LinkCodes
from storage.db import Database
from storage.documents import DocumentRepository
from storage.imports import ImportedPerson, ImportRepository
from storage.outbox import OutboxItem, OutboxRepository
from storage.people import AccountRepository
from storage.plans import first_series
from storage.roles import Reach, RoleRepository
from tests.conftest import NOW, Bot, running_bot
from tests.dashboard_helpers import CSRF_FIELD, client, get, logged_in
from tests.fake_telegram import FakeUser, SentMessage
from tests.hardening_helpers import CHANNEL, LOC_TAN, Person, add_person, settle

ROLES = (
    "stranger",
    "delegate",
    "focal_commune",
    "focal_unit",
    "organiser",
    "admin",
    "speaker",
    "reviewer",
    # Issue 15: the same roles granted within this series or its province act as above; granted
    # within another province's series (Lạng Sơn's) they act here as a stranger does.
    "organiser@series",
    "focal_unit@province",
    "admin@other",
    "organiser@other",
    "focal_commune@other",
    "focal_unit@other",
    "speaker@other",
    "reviewer@other",
)
REACHES = {
    "series": Reach(series_id="dong-nai-2026-bien-gioi"),
    "province": Reach(province="Đồng Nai"),
    "other": Reach(series_id="lang-son-2024-pgcm-15-nam"),
}
EVERYONE = frozenset(ROLES)
DELEGATE = frozenset({"delegate"})
UNREGISTERED = EVERYONE - DELEGATE
TOOLS = frozenset({"focal_commune", "focal_unit", "organiser", "admin"})


def expected(allowed: frozenset[str], role: str) -> bool:
    """Whether a cell of this role should succeed: a role of another series counts for nothing."""
    base, _, reach = role.partition("@")
    return "stranger" in allowed if reach == "other" else base in allowed

ORGANISERS = frozenset({"organiser", "admin"})
ADMIN = frozenset({"admin"})
SPEAKER = frozenset({"speaker"})
UNIT = "mttq"
SPEAKER_ID = "trung-uong"  # a speaker of the city session
# The example plan with two deadlines owed by the unit of the focal points in the matrix.
DEADLINES = f"""
deadlines:
  - id: bao-cao-don-vi
    what: Báo cáo kết quả tuyên truyền của đơn vị
    owner: {{unit: {UNIT}}}
    due: 30/11/2026
  - id: danh-sach-don-vi
    what: Danh sách báo cáo viên của đơn vị
    owner: {{unit: {UNIT}}}
    due: 30/11/2026
"""
CITY = 9  # the city session of the example plan, which invites the communes' leaders
SESSION_DAY = NOW + timedelta(days=1, hours=23, minutes=30)  # 27/11/2026 08:30 local
_ids = count(800_001)


@cache
def _pattern(key: str) -> re.Pattern[str]:
    """The Vietnamese text of a catalog key, its {fields} matching anything."""
    parts = [
        re.escape(literal) + ("(?s:.*?)" if name is not None else "")
        for literal, name, _, _ in string.Formatter().parse(CATALOG[key]["vi"])
    ]
    return re.compile("".join(parts))


@dataclass
class Trial:
    """One cell: a person of one role trying one case."""

    bot: Bot
    role: str
    person: Person
    user: FakeUser
    replies: list[SentMessage] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)  # what the preparation made

    def send(self, text: str) -> None:
        self.user.send_text(text)

    def press(self, data: str) -> None:
        self.user.press_raw(1, data)

    def said(self, *keys: str) -> bool:
        texts = [reply.text or "" for reply in self.replies]
        return any(_pattern(key).search(text) for key in keys for text in texts)

    def sent_file(self, key: str) -> bool:
        return any(
            r.upload is not None and _pattern(key).search(r.text or "") for r in self.replies
        )

    async def scalar(self, sql: str, *params: object) -> object:
        return await self.bot.db.scalar(sql, params)


Step = Callable[[Trial], None]
Check = Callable[[Trial], Awaitable[bool]]


def answer(*keys: str) -> Check:
    async def check(trial: Trial) -> bool:
        return trial.said(*keys)

    return check


def upload(key: str) -> Check:
    async def check(trial: Trial) -> bool:
        return trial.sent_file(key)

    return check


@dataclass(frozen=True)
class Case:
    name: str
    allowed: frozenset[str]
    act: Step
    succeeded: Check
    prepare: Callable[[Trial], Awaitable[None]] | None = None  # rows first
    steps: tuple[Step, ...] = ()  # then messages, each handled before the next
    at: datetime | None = None  # the wall clock of the action, when not NOW


@dataclass(frozen=True)
class Row:
    key: str  # a command of COMMANDS or a button prefix of BUTTONS
    cases: tuple[Case, ...]


def command(name: str, allowed: frozenset[str], *keys: str, args: str = "") -> Case:
    return Case(
        f"/{name} {args}".strip(), allowed, lambda t: t.send(f"/{name} {args}"), answer(*keys)
    )


# --------------------------------------------------------------- preparations and checks
async def _role_invite(trial: Trial) -> None:
    code = f"matrix{trial.person.user_id}"
    await RoleRepository(trial.bot.db).create_invite(code, "focal", f"unit:{UNIT}", "a", NOW)
    trial.data["code"] = code


async def _got_role(trial: Trial) -> bool:
    found = await trial.scalar(
        "SELECT 1 FROM roles WHERE external_id = ? AND role = 'focal' AND scope = ?",
        str(trial.person.user_id),
        f"unit:{UNIT}",
    )
    return found is not None


async def _imported(trial: Trial) -> None:
    person = ImportedPerson(
        1,
        f"Người Nhập {trial.person.user_id}",
        "Trưởng ấp",
        "thon-ap",
        "",
        LOC_TAN,
        "Xã Lộc Tấn",
        "",
    )
    (stored,) = await ImportRepository(trial.bot.db).store(
        [person], NOW, series_id=await first_series(trial.bot.db)
    )
    trial.data.update(code=stored.claim_code, delegate=stored.delegate_id)


async def _claimed(trial: Trial) -> bool:
    linked = await trial.scalar(
        "SELECT delegate_id FROM accounts WHERE external_id = ?", str(trial.person.user_id)
    )
    return linked == trial.data["delegate"]


async def _someone_with_a_link_code(trial: Trial) -> None:
    other = await add_person(trial.bot.db, next(_ids), NOW, name="Người Có Mã")
    code = f"{trial.person.user_id % 1_000_000:06d}"
    assert other.delegate_id is not None
    await LinkCodes(trial.bot.db).create(
        code, other.delegate_id, other.account_id, NOW + timedelta(days=3)
    )
    trial.data["code"] = code


async def _someone_to_check_in(trial: Trial) -> None:
    """A delegate who answered "Tham dự": the scan checks them in at once."""
    await _someone_who_declined(trial)
    await trial.bot.runtime.core.services.attendance.record(
        "2026-11-thanh-pho",
        trial.data["delegate"],
        AttendanceAnswer("in_person"),
        "telegram",
        0,
        NOW,
    )


async def _someone_who_declined(trial: Trial) -> None:
    """A delegate with a check-in code who has not answered "Tham dự": the scan asks the
    organiser to confirm, with the button `ciok:<code>`."""
    other = await add_person(trial.bot.db, next(_ids), NOW, name="Người Đến Họp")
    assert other.delegate_id is not None
    key = trial.bot.runtime.core.services.checkin_key
    trial.data.update(
        payload=checkin.payload(key, CITY, other.delegate_id), delegate=other.delegate_id
    )


async def _checked_in(trial: Trial) -> bool:
    return (
        await trial.scalar("SELECT 1 FROM checkins WHERE delegate_id = ?", trial.data["delegate"])
        is not None
    )


async def _confirmed(trial: Trial) -> None:
    if trial.person.delegate_id is not None:
        await trial.bot.runtime.core.services.attendance.record(
            "2026-11-thanh-pho",
            trial.person.delegate_id,
            AttendanceAnswer("in_person"),
            "telegram",
            trial.person.account_id,
            NOW,
        )


async def _answered(trial: Trial) -> bool:
    found = await trial.scalar(
        "SELECT answer FROM attendance WHERE delegate_id = ?", trial.person.delegate_id
    )
    return found == "in_person" and trial.said("attendance.recorded", "attendance.recorded_all")


def _broadcast_by(creator: Callable[[Trial], int]) -> Callable[[Trial], Awaitable[None]]:
    async def prepare(trial: Trial) -> None:
        broadcasts = BroadcastRepository(trial.bot.db)
        by = str(creator(trial))
        payload = reply_to_json(Reply("Thông báo"))
        broadcast_id, _ = await broadcasts.create(
            "telegram", by, by, "Thông báo", {}, [], payload, NOW
        )
        # one message not due for a month: the broadcast stays open until it is cancelled
        # (an empty one is finished by the reporter's next turn, maybe before the press)
        account = await AccountRepository(trial.bot.db).touch("telegram", "8", "8", "", NOW)
        waiting = OutboxItem(
            f"bc:{broadcast_id}:0", "broadcast", account.id, "telegram", "8", payload
        )
        await OutboxRepository(trial.bot.db).enqueue([waiting], NOW + timedelta(days=30))
        trial.data["broadcast"] = broadcast_id

    return prepare


async def _cancelled(trial: Trial) -> bool:
    status = await trial.scalar(
        "SELECT status FROM broadcasts WHERE id = ?", trial.data["broadcast"]
    )
    return status == "cancelled"


async def _draft(trial: Trial) -> None:
    documents = DocumentRepository(trial.bot.db)
    speaker = f"matrix-{trial.person.user_id}"  # a talk of its own: a new one replaces others
    draft = await documents.add_draft(
        "dong-nai-2026-bien-gioi", speaker, "bai.pdf", b"%PDF-1.4", "telegram:1", NOW
    )
    trial.data["draft"] = draft.id


async def _erased(trial: Trial) -> bool:
    gone = (
        trial.person.delegate_id is not None
        and await trial.scalar("SELECT 1 FROM delegates WHERE id = ?", trial.person.delegate_id)
        is None
    )
    return gone and trial.said("profile.erased")


async def _schedule(trial: Trial) -> bool:
    return any(
        (r.text or "").startswith(("Lịch hội nghị", "Anh/chị chưa đăng ký xã"))
        for r in trial.replies
    )


async def _answered_for_loc_tan(trial: Trial) -> bool:
    return any("Lộc Tấn" in (r.text or "") for r in trial.replies) and not trial.said(
        "common.button_expired"
    )


MATRIX: tuple[Row, ...] = (
    Row(
        "start",
        (
            command("start", EVERYONE, "reg.welcome", "reg.welcome_back", "reg.welcome_role"),
            Case(
                "/start r-<a focal point invite>",
                EVERYONE,
                lambda t: t.send(f"/start r-{t.data['code']}"),
                _got_role,
                _role_invite,
            ),
            Case(
                "/start p-<an imported delegate's code>",
                UNREGISTERED,
                lambda t: t.send(f"/start p-{t.data['code']}"),
                _claimed,
                _imported,
            ),
            Case(
                "/start ci-<a delegate's check-in code>",
                ORGANISERS,
                lambda t: t.send(f"/start {t.data['payload']}"),
                _checked_in,
                _someone_to_check_in,
                at=SESSION_DAY,
            ),
        ),
    ),
    Row("xacnhan", (command("xacnhan", DELEGATE, "attendance.choose"),)),
    Row(
        "lienket",
        (
            command("lienket", DELEGATE, "link.code"),
            Case(
                "/lienket <someone's code>",
                UNREGISTERED,
                lambda t: t.send(f"/lienket {t.data['code']}"),
                answer("link.done"),
                _someone_with_a_link_code,
            ),
        ),
    ),
    Row("kenh", (command("kenh", DELEGATE, "link.only_one", "link.choose"),)),
    Row("huy", (command("huy", EVERYONE, "reg.nothing_to_cancel", "reg.cancelled"),)),
    Row(
        "tonghop",
        (
            command("tonghop", TOOLS, "rollup.pick_session"),
            command("tonghop", TOOLS, "rollup.header", args=str(CITY)),
        ),
    ),
    Row("thongbao", (command("thongbao", TOOLS, "broadcast.ask_text"),)),
    Row("mau", (Case("/mau", TOOLS, lambda t: t.send("/mau"), upload("files.template")),)),
    Row("xuat", (command("xuat", TOOLS, "files.pick_session"),)),
    Row(
        "lichics",
        (Case("/lichics", EVERYONE, lambda t: t.send("/lichics"), upload("files.calendar")),),
    ),
    Row(
        "moi",
        (
            command("moi", ADMIN, "roles.invite_created", args="organiser"),
            command("moi", ORGANISERS, "roles.invite_created", args="dau-moi Lộc Tấn"),
        ),
    ),
    Row(
        "loimoi",
        (
            command("loimoi", ORGANISERS | {"focal_commune"}, "roles.invitation", args="Lộc Tấn"),
            command("loimoi", ORGANISERS | {"focal_unit"}, "roles.invitation", args=UNIT),
        ),
    ),
    Row("quyen", (command("quyen", EVERYONE, "roles.mine", "roles.none"),)),
    Row("lich", (Case("/lich", EVERYONE, lambda t: t.send("/lich"), _schedule),)),
    Row("lichcuatoi", (Case("/lichcuatoi", EVERYONE, lambda t: t.send("/lichcuatoi"), _schedule),)),
    Row("toi", (command("toi", DELEGATE, "profile.summary"),)),
    Row("sua", (command("sua", DELEGATE, "profile.ask_field"),)),
    Row("xoa", (command("xoa", DELEGATE, "profile.erase_confirm"),)),
    Row("help", (command("help", EVERYONE, "common.help"),)),
    Row("datngay", (command("datngay", ORGANISERS, "undated.usage"),)),
    Row("dashboard", (command("dashboard", TOOLS, "dashboard.link", "dashboard.disabled"),)),
    Row("lichbaocao", (command("lichbaocao", SPEAKER, "speakers.agenda"),)),
    Row(
        "duyetbai",
        (command("duyetbai", ORGANISERS | {"reviewer"}, "drafts.overview_title"),),
    ),
    Row(
        "hanchot",
        (
            command(
                "hanchot",
                ORGANISERS | {"focal_unit"},
                "deadlines.item",
                "deadlines.overview_title",
            ),
        ),
    ),
    Row("trogiup", (command("trogiup", EVERYONE, "common.help"),)),
    # ------------------------------------------------------------------------- buttons
    Row(
        "reg:",
        (
            Case(
                "reg:city (registering)",
                UNREGISTERED,
                lambda t: t.press("reg:city"),
                answer("reg.ask_name"),
                steps=(
                    lambda t: t.send("/start"),
                    lambda t: t.press("reg:delegate"),  # who holds a role chooses to register
                    lambda t: t.press("reg:consent:yes"),
                ),
            ),
            Case(
                "reg:delegate",
                EVERYONE,
                lambda t: t.press("reg:delegate"),
                answer("reg.welcome", "reg.welcome_back"),
            ),
        ),
    ),
    Row(
        "att:",
        (
            Case(f"att:p:{CITY}", DELEGATE, lambda t: t.press(f"att:p:{CITY}"), _answered),
            Case("att:all", DELEGATE, lambda t: t.press("att:all"), _answered),
        ),
    ),
    Row(
        "th:",
        (
            Case(f"th:{CITY}", TOOLS, lambda t: t.press(f"th:{CITY}"), answer("rollup.header")),
            Case(
                f"th:nudge:{CITY}",
                TOOLS,
                lambda t: t.press(f"th:nudge:{CITY}"),
                answer("rollup.nudged"),
            ),
        ),
    ),
    Row("xu:", (Case(f"xu:{CITY}", TOOLS, lambda t: t.press(f"xu:{CITY}"), upload("files.list")),)),
    Row(
        "ic:",
        (
            Case(
                "ic:b0:keep (nothing held)",
                TOOLS,
                lambda t: t.press("ic:b0:keep"),
                answer("files.conflict_decided"),
            ),
        ),
    ),
    Row(
        "bc:",
        (
            Case(
                "bc:aud:all (announcing)",
                TOOLS,
                lambda t: t.press("bc:aud:all"),
                answer("broadcast.preview"),
                steps=(lambda t: t.send("/thongbao"), lambda t: t.send("Kính mời dự họp.")),
            ),
            Case(
                "bc:cancel:<another organiser's>",
                ADMIN,
                lambda t: t.press(f"bc:cancel:{t.data['broadcast']}"),
                _cancelled,
                _broadcast_by(lambda t: 9001),
            ),
            Case(
                "bc:cancel:<one's own>",
                TOOLS,
                lambda t: t.press(f"bc:cancel:{t.data['broadcast']}"),
                _cancelled,
                _broadcast_by(lambda t: t.person.user_id),
            ),
        ),
    ),
    Row(
        "qr:",
        (
            Case(
                f"qr:{CITY} (confirmed)",
                DELEGATE,
                lambda t: t.press(f"qr:{CITY}"),
                upload("checkin.qr_caption"),
                _confirmed,
            ),
        ),
    ),
    Row(
        "ciok:",
        (
            Case(
                "ciok:<the check-in code of someone not «Tham dự»>",
                ORGANISERS,
                lambda t: t.press(f"ciok:{t.data['payload']}"),
                _checked_in,
                _someone_who_declined,
                at=SESSION_DAY,
            ),
        ),
    ),
    Row(
        "qa:",
        (
            Case(
                "qa:when:25279",
                EVERYONE,
                lambda t: t.press(f"qa:when:{LOC_TAN}"),
                _answered_for_loc_tan,
            ),
        ),
    ),
    Row(
        "sua:", (Case("sua:name", DELEGATE, lambda t: t.press("sua:name"), answer("reg.ask_name")),)
    ),
    Row(
        "kenh:",
        (
            Case(
                "kenh:<one's own account>",
                DELEGATE,
                lambda t: t.press(f"kenh:{t.person.account_id}"),
                answer("link.chosen"),
            ),
        ),
    ),
    Row(
        "sp:ok:",
        (
            Case(
                f"sp:ok:{CITY}:{SPEAKER_ID}",
                SPEAKER,
                lambda t: t.press(f"sp:ok:{CITY}:{SPEAKER_ID}"),
                answer("speakers.acked"),
            ),
        ),
    ),
    Row(
        "rv:",
        (
            Case(
                "rv:ok:<a draft in review>",
                frozenset({"reviewer"}),
                lambda t: t.press(f"rv:ok:{t.data['draft']}"),
                answer("drafts.approved"),
                _draft,
            ),
            Case(
                "rv:fix:<a draft in review>",
                frozenset({"reviewer"}),
                lambda t: t.press(f"rv:fix:{t.data['draft']}"),
                answer("drafts.ask_comment"),
                _draft,
            ),
        ),
    ),
    Row(
        "dl:done:",
        (
            Case(
                "dl:done:<the unit's deadline>",
                frozenset({"focal_unit"}),
                lambda t: t.press("dl:done:bao-cao-don-vi"),
                # One deadline for every owner's cell: the first marks it, the others (owners
                # too) are told it is done, which only an owner is told.
                answer("deadlines.marked", "deadlines.already_done"),
            ),
        ),
    ),
    Row(
        "xoa:",
        (
            Case("xoa:yes", DELEGATE, lambda t: t.press("xoa:yes"), _erased),
            Case("xoa:no", DELEGATE, lambda t: t.press("xoa:no"), answer("profile.erase_kept")),
        ),
    ),
)


def test_every_command_and_button_has_a_row() -> None:
    keys = [row.key for row in MATRIX]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(COMMANDS) | {prefix for prefix, _ in BUTTONS}
    assert all(row.cases for row in MATRIX)


async def _person(bot: Bot, role: str) -> Person:
    user_id = next(_ids)
    if role == "stranger":
        return Person(user_id, 0, None)  # never wrote to the bot
    if role == "delegate":
        return await add_person(bot.db, user_id, NOW, name="Lê Thị Đại Biểu")
    base, _, reach = role.partition("@")
    scope = {
        "focal_commune": f"commune:{LOC_TAN}",
        "focal_unit": f"unit:{UNIT}",
        "speaker": f"speaker:{SPEAKER_ID}",
    }.get(base, "")
    person = await add_person(bot.db, user_id, NOW)
    granted = REACHES.get(reach, Reach())
    await RoleRepository(bot.db).grant(
        CHANNEL, str(user_id), base.split("_")[0], "test", NOW, scope, granted
    )
    return person


@contextmanager
def clock(at: datetime | None) -> Iterator[None]:
    if at is None:
        yield
        return
    with time_machine.travel(at, tick=True):
        yield


async def _play(bot: Bot, cases: Iterable[Case]) -> list[tuple[Case, Trial]]:
    """Every case × every role at once: preparations, then each step, then the actions, the
    bot catching up after each; every cell's replies are those to its own chat."""
    cells = []
    for case in cases:
        for role in ROLES:
            person = await _person(bot, role)
            trial = Trial(bot, role, person, bot.server.user(person.user_id, f"Vai {role}"))
            if case.prepare is not None:
                await case.prepare(trial)
            cells.append((case, trial))
    for step in range(max(len(case.steps) for case, _ in cells)):
        for case, trial in cells:
            if step < len(case.steps):
                case.steps[step](trial)
        await settle(bot)
    mark = len(bot.server.sent)
    for case, trial in cells:
        case.act(trial)
    await settle(bot)
    for _, trial in cells:
        trial.replies = [r for r in bot.server.sent[mark:] if r.chat_id == trial.person.user_id]
    return cells


async def test_exactly_the_allowed_cells_succeed(bot: Bot, tmp_path: Path) -> None:
    plan = tmp_path / "plan-with-deadlines.yaml"
    plan.write_text(DEFAULT_PLAN.read_text(encoding="utf-8") + DEADLINES, encoding="utf-8")
    report, errors = await load_plan(bot.db, plan)
    assert report is not None, errors
    bot.runtime.core.services.plans.invalidate()
    cases = [case for row in MATRIX for case in row.cases]
    wrong = []
    played = 0
    for at, group in groupby(sorted(cases, key=lambda c: c.at or NOW), key=lambda c: c.at):
        with clock(at):
            for case, trial in await _play(bot, list(group)):
                played += 1
                succeeded = await case.succeeded(trial)
                if succeeded != expected(case.allowed, trial.role):
                    said = [(r.text or "")[:80] for r in trial.replies]
                    wrong.append(f"{case.name} × {trial.role}: succeeded={succeeded} {said}")
    print(f"\n{played} cells ({len(cases)} cases × {len(ROLES)} roles)")
    assert not wrong, "\n".join(wrong)


# --------------------------------------------------------------- the dashboard's own actions
# Issue 19: what the web dashboard changes, × every role. Only the roles that get a login link
# (organisers, admins, focal points) have a session; the others are played without one.
@dataclass(frozen=True)
class WebCase:
    name: str
    allowed: frozenset[str]
    path: Callable[[dict[str, int]], str]
    form: Callable[[dict[str, int], int], dict[str, str]]  # (targets, a number unique per cell)
    succeeded: Callable[[Bot, dict[str, int], int], Awaitable[bool]]


async def _edited(bot: Bot, targets: dict[str, int], target: str, n: int) -> bool:
    position = await bot.db.scalar(
        "SELECT position FROM delegates WHERE id = ?", (targets[target],)
    )
    return position == f"Chức vụ {n}"


def _edit_case(name: str, target: str, allowed: frozenset[str]) -> WebCase:
    async def succeeded(bot: Bot, targets: dict[str, int], n: int) -> bool:
        return await _edited(bot, targets, target, n)

    return WebCase(
        name,
        allowed,
        lambda targets: f"/delegate/{targets[target]}/edit",
        lambda targets, n: {"full_name": "Người Được Sửa", "position": f"Chức vụ {n}"},
        succeeded,
    )


async def _door_checked_in(bot: Bot, targets: dict[str, int], n: int) -> bool:
    found = await bot.db.scalar(
        "SELECT 1 FROM checkins WHERE delegate_id = ? AND method = 'list'", (targets[f"door{n}"],)
    )
    return found is not None


async def _walked_in(bot: Bot, targets: dict[str, int], n: int) -> bool:
    found = await bot.db.scalar(
        "SELECT 1 FROM delegates WHERE full_name = ?", (f"Khách Số {_letters(n)}",)
    )
    return found is not None


def _letters(n: int) -> str:
    """A name's letters for a number (names take no digits)."""
    return "".join(chr(ord("A") + int(digit)) for digit in str(n)).title()


WEB_CASES = (
    WebCase(
        "door: check a confirmed person in from the list",
        ORGANISERS,
        lambda targets: f"/session/{CITY}/door/checkin",
        lambda targets, n: {"delegate": str(targets[f"door{n}"])},
        _door_checked_in,
    ),
    WebCase(
        "door: add a walk-in",
        ORGANISERS,
        lambda targets: f"/session/{CITY}/door/walkin",
        lambda targets, n: {"full_name": f"Khách Số {_letters(n)}", "position": "Phóng viên"},
        _walked_in,
    ),
    _edit_case("edit a delegate of Lộc Tấn", "loc_tan", ORGANISERS | {"focal_commune"}),
    _edit_case(f"edit a delegate of the unit {UNIT}", "unit", ORGANISERS | {"focal_unit"}),
    _edit_case("edit a city-level delegate", "city", ORGANISERS),
)


async def test_exactly_the_allowed_dashboard_actions_succeed(db: Database, tmp_path: Path) -> None:
    wrong, n = [], 0
    with time_machine.travel(SESSION_DAY, tick=True):
        async with running_bot(db, tmp_path, dashboard=True) as bot:
            base = bot.runtime.dashboard.base_url if bot.runtime.dashboard else ""
            other = (25280, "Xã khác")
            targets = {
                "loc_tan": await _target(bot, "Người Lộc Tấn", (LOC_TAN, "Xã Lộc Tấn"), "thon-ap"),
                "unit": await _target(bot, "Người Mặt Trận", other, UNIT),
                "city": await _target(bot, "Người Thành Phố", None, "so-nganh"),
            }
            for case in WEB_CASES:
                for role in ROLES:
                    n += 1
                    targets[f"door{n}"] = await _target(bot, "Người Đến Cửa", None, "so-nganh")
                    person = await _person(bot, role)
                    async with client() as browser:
                        token = ""
                        if expected(TOOLS, role):
                            await logged_in(bot, browser, person.user_id)
                            html = (await get(browser, f"{base}/delegates"))[1]
                            found = CSRF_FIELD.search(html)
                            token = found.group(1) if found else ""
                        async with browser.post(
                            base + case.path(targets),
                            data={"csrf": token, **case.form(targets, n)},
                            allow_redirects=False,
                        ) as response:
                            await response.read()
                    succeeded = await case.succeeded(bot, targets, n)
                    if succeeded != expected(case.allowed, role):
                        wrong.append(f"{case.name} × {role}: {response.status}")
    print(f"\n{n} dashboard cells")
    assert not wrong, "\n".join(wrong)


async def _target(bot: Bot, name: str, commune: tuple[int, str] | None, category: str) -> int:
    """A delegate to act on, who answered "Tham dự" to the city session."""
    person = await add_person(
        bot.db, next(_ids), NOW, name=name, commune=commune, category=category
    )
    assert person.delegate_id is not None
    await bot.runtime.core.services.attendance.record(
        "2026-11-thanh-pho", person.delegate_id, AttendanceAnswer("in_person"), "telegram", 0, NOW
    )
    return person.delegate_id
