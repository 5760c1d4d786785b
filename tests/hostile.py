"""A seeded generator of hostile Telegram updates (tests/test_hostile_updates.py).

Each call of :meth:`Hostile.act` makes one simulated user do one thing through the fake Bot
API: huge, empty and whitespace texts; control, zero-width and bidirectional characters;
emoji sequences; SQL, HTML and format-string fragments; commands of the router's own table
with hostile arguments; forged, truncated and borrowed callback data (other people's old
buttons included); edits; contacts of other people; locations; stickers and photos; delegate
files that are garbage, spreadsheet bombs, formulas, broken cells, other encodings or aim at
other people's phone numbers; update kinds the bot never asked for; group messages; and,
among them, plausible steps so that dialogues get deep.
The same seed gives the same updates."""

from __future__ import annotations

import io
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence

from tests import hostile_files
from tests.fake_telegram import JSON, FakeTelegram, FakeUser

SQL = (
    "'; DROP TABLE delegates; --",
    "Robert'); DELETE FROM accounts WHERE ('1'='1",
    "1 OR 1=1",
    '" OR ""="',
    "'; UPDATE roles SET role='admin'; --",
    "%' AND 1=0 UNION SELECT value FROM secrets --",
)
MARKUP = (
    "<b>hội nghị</b>",
    "<script>alert(1)</script>",
    "</i><a href='javascript:alert(1)'>x</a>",
    "&amp; &lt; &#0;",
    "*_[]()~`>#+-=|{}.!",
    "[link](tg://user?id=1)",
    "{0} {name} {__class__} %s %d %n {!r}",
)
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e")
BIDI = ("\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069")
EMOJI = ("🙂", "👨‍👩‍👧‍👦", "🇻🇳", "👍🏽", "🏳️‍🌈", "❤️", "🎉", "1️⃣", "🫠")
DIGITS = ("0", "7", "9", "12", "99999999999", "-1", "²", "١٢", "９", "٣", "⁴", "0x1f", "1e9", "")
VIETNAMESE = (
    "Hội nghị ở xã Lộc Tấn khi nào?",
    "loc tan hop luc may gio",
    "hội nghị tiếp theo",
    "tháng 8 có hội nghị ở đâu",
    "Lộc Tấn",
    "loc thanh",
    "Nguyễn Văn Bình",
    "Phó Chủ tịch UBND xã",
    "0912345678",
    "bỏ qua",
    "không",
    "1",
)
PAYLOADS = (
    "c-25279",
    "c-99999999999999999999",
    "c-²",
    "c-",
    "u-mttq",
    "u-lanh-dao-thanh-pho",
    "u-../../etc",
    "p-AAAAAAAAAA",
    "p-",
    "r-deadbeef",
    "r-",
    "ci-1-1-AAAAAAAAAAAAAAAA",
    "ci-١-٢-AAAAAAAAAAAAAAAA",
    "ci-9-99999999999-AAAAAAAAAAAAAAAA",
    "organiser",
    "dau-moi Lộc Tấn",
    "dau-moi ²",
    "focal mttq",
    "123456",
    "١٢٣٤٥٦",
    "99",
    "9",
)
BUTTON_TAILS = (
    "²:x",  # a series' number before an id (dl:done:<series>:<deadline>)
    "1:x",
    "99999999999999999999:x",
    "p:9",
    "o:9",
    "a:9",
    "s:9",
    "p:²",
    "p:١",
    "all",
    "nudge:9",
    "nudge:²",
    "cancel:1",
    "cancel:²",
    "cancel:99999999999999",
    "aud:all",
    "aud:commune",
    "ses:9",
    "ans:none",
    "com:25279",
    "unit:0",
    "unit:²",
    "unit:99",
    "send",
    "stop",
    "yes",
    "no",
    "name",
    "phone",
    "commune",
    "cat:mttq",
    "cat:other",
    "city",
    "commune:25279",
    "commune:²",
    "schedule:25279",
    "venue:²",
    "1",
    "9",
    "²",
    "",
    ":",
    "::",
)
FOREIGN_PREFIXES = ("zz:", "REG:", "att", ":", "", "xoa", "th", "kenh:-1:")
FILENAMES = (
    "danh-sach.xlsx",
    "danh-sach.csv",
    "../../etc/passwd.xlsx",
    "a\nb.csv",
    ".csv",
    "DS.CSV",
    "đại biểu 🙂.xlsx",
    "\u202egpj.xlsx",
    "x" * 250 + ".csv",
    "report.pdf",
    "no-extension",
)
DELEGATE_STEPS = (
    "/start c-25279",
    "/start",
    "/start u-lanh-dao-ubnd",
    "Nguyễn Văn Bình",
    "Phó Chủ tịch UBND xã",
    "0912345678",
    "bỏ qua",
    "/xacnhan",
    "/sua",
    "/xoa",
    "/huy",
    "/lienket",
    "/kenh",
    "/toi",
)
ORGANISER_STEPS = (
    "/thongbao",
    "Kính mời các đồng chí dự hội nghị đúng giờ.",
    "Lộc Tấn",
    "/tonghop",
    "/xuat",
    "/mau",
    "/loimoi",
    "/huy",
)
KINDS = (
    ("text", 26),
    ("command", 20),
    ("button", 22),
    ("real_button", 6),
    ("edit", 4),
    ("contact", 3),
    ("location", 2),
    ("media", 2),
    ("document", 3),
    ("unknown", 6),
    ("group", 2),
    ("flow", 8),
)


class Hostile:
    """One source of hostile updates for a fake Bot API server, reproducible by `seed`.

    `commands` and `prefixes` are the router's own tables (COMMANDS, BUTTONS), so new
    commands and buttons are attacked as soon as they exist; `phones` are other people's
    phone numbers, put into delegate files."""

    def __init__(
        self,
        server: FakeTelegram,
        seed: int,
        commands: Sequence[str],
        prefixes: Sequence[str],
        phones: Sequence[str] = (),
    ) -> None:
        self.server = server
        self.rng = random.Random(seed)
        self.commands = sorted(commands)
        self.prefixes = sorted(prefixes)
        self.phones = list(phones)
        self.kinds = Counter[str]()
        self._sent: dict[int, list[int]] = {}  # user id -> ids of their text messages
        self._actions: dict[str, Callable[[FakeUser], None]] = {
            "text": self._text,
            "command": self._command,
            "button": self._button,
            "real_button": self._real_button,
            "edit": self._edit,
            "contact": self._contact,
            "location": self._location,
            "media": self._media,
            "document": self._document,
            "unknown": self._unknown,
            "group": self._group,
        }

    def act(self, user: FakeUser, organiser: bool = False) -> None:
        """Enqueue one hostile update from `user`; an `organiser`'s plausible steps are those of
        the organisers' tools."""
        names, weights = zip(*KINDS, strict=True)
        kind = self.rng.choices(names, weights)[0]
        self.kinds[kind] += 1
        if kind == "flow":
            self._flow(user, ORGANISER_STEPS if organiser else DELEGATE_STEPS)
        else:
            self._actions[kind](user)

    # ----------------------------------------------------------------- pieces
    def fragment(self) -> str:
        rng = self.rng
        pick = rng.randrange(12)
        if pick == 0:
            return rng.choice(SQL)
        if pick == 1:
            return rng.choice(MARKUP)
        if pick == 2:
            return "".join(rng.choice(INVISIBLE + BIDI) for _ in range(rng.randint(1, 30)))
        if pick == 3:
            return "".join(rng.choice(EMOJI) for _ in range(rng.randint(1, 40)))
        if pick == 4:
            controls = [*range(32), 127, *range(128, 160)]
            return "".join(chr(rng.choice(controls)) for _ in range(8))
        if pick == 5:
            return "a" + "\u0301\u0323\u0309" * rng.randint(1, 60)  # stacked diacritics
        if pick == 6:
            return rng.choice(DIGITS)
        if pick == 7:
            return rng.choice(PAYLOADS)
        if pick == 8:
            return "\n" * rng.randint(1, 300)
        if pick == 9:
            return " " * rng.randint(0, 50)
        return rng.choice(VIETNAMESE)

    def text(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.04:
            return ""
        if roll < 0.10:  # as long as Telegram allows, or longer (a forged update)
            unit = rng.choice(("x", "ộ", "🙂", "\u200b", "a\u0301", "<b>"))
            return unit * rng.choice((1000, 2048, 4096, 5000, 10_000))
        return "".join(self.fragment() for _ in range(rng.randint(1, 4)))

    def callback_data(self) -> str:
        rng = self.rng
        prefix = rng.choice(self.prefixes) if rng.random() < 0.85 else rng.choice(FOREIGN_PREFIXES)
        tail = rng.choice(BUTTON_TAILS) if rng.random() < 0.7 else self.fragment()
        return truncate_utf8(prefix + tail, 64)

    def _seen_button(self, user: FakeUser) -> tuple[int, int, str] | None:
        """(chat, message id, data) of a button the bot sent: mostly one of this user's own
        latest (so that dialogues move on), else anyone's."""
        own = [r for r in self.server.messages_to(user.id)[-6:] if r.inline_buttons]
        records = own if own and self.rng.random() < 0.7 else self.server.sent
        for _ in range(8):
            if not records:
                return None
            record = records[self.rng.randrange(len(records))]
            datas = [data for _, data in record.inline_buttons if data]
            if datas and isinstance(record.chat_id, int):
                return record.chat_id, record.message_id, self.rng.choice(datas)
        return None

    # ---------------------------------------------------------------- actions
    def _text(self, user: FakeUser) -> None:
        message = user.send_text(self.text())
        self._sent.setdefault(user.id, []).append(message["message"]["message_id"])

    def _command(self, user: FakeUser) -> None:
        rng = self.rng
        name = rng.choice(self.commands) if rng.random() < 0.85 else rng.choice(
            ("START", "abcxyz", "start@hoinghi_test_bot", "start@other_bot", "", "/", "x" * 40)
        )
        args = rng.choice(PAYLOADS) if rng.random() < 0.5 else self.text()[:300]
        user.send_text(f"/{name} {args}" if rng.random() < 0.8 else f"/{name}")

    def _button(self, user: FakeUser) -> None:
        rng = self.rng
        if rng.random() < 0.08:
            user.press_detached(None if rng.random() < 0.3 else self.callback_data())
            return
        message_id = rng.choice((1, 2, 3, 999_999, rng.randint(1, 60)))
        user.press_raw(message_id, self.callback_data())

    def _real_button(self, user: FakeUser) -> None:
        """Someone's real button: one's own, another person's old one (pressed by a stranger to
        it), or its data cut short."""
        seen = self._seen_button(user)
        if seen is None:
            self._button(user)
            return
        chat, message_id, data = seen
        if self.rng.random() < 0.3:
            data = truncate_utf8(data[: self.rng.randint(0, len(data))], 64) or data
        if chat == user.id:
            user.press_raw(message_id, data)
        else:
            user.press_raw(self.rng.randint(1, 60), data)

    def _edit(self, user: FakeUser) -> None:
        mine = self._sent.get(user.id)
        if not mine:
            self._text(user)
            return
        user.edit_text(self.rng.choice(mine), self.rng.choice(("/xoa", "/start r-x", self.text())))

    def _contact(self, user: FakeUser) -> None:
        rng = self.rng
        phone = rng.choice([*self.phones, "+84 912 345 678", "0" * 50, "١٢٣٤٥٦٧٨٩٠", "", "🙂"])
        owner = rng.choice((None, 0, user.id + 1, 9001, 424242))
        user.share_contact(phone or "0", user_id=owner, first_name=self.fragment()[:64] or "x")

    def _location(self, user: FakeUser) -> None:
        rng = self.rng
        if rng.random() < 0.5:  # near the city session's venue
            user.send_location(10.9466 + rng.uniform(-0.01, 0.01), 106.8188 + rng.uniform(-0.01, 0))
        else:
            user.send_location(rng.uniform(-90, 90), rng.uniform(-180, 180))

    def _media(self, user: FakeUser) -> None:
        if self.rng.random() < 0.5:
            user.send_sticker()
        else:
            user.send_photo(caption=self.text()[:1024] or None)

    def _document(self, user: FakeUser) -> None:
        rng = self.rng
        name = rng.choice(FILENAMES)
        if rng.random() < 0.15:  # claims a size Telegram would not let a bot download
            user.send_content(document={
                "file_id": "BQACAgIAAxkBAAIbig", "file_unique_id": "AgADbig",
                "file_name": name, "file_size": 60 * 1024 * 1024,
            })
            return
        user.send_document(name, self._file_content(name))

    def _file_content(self, name: str) -> bytes:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            return rng.randbytes(rng.randint(1, 3000))
        if roll < 0.3:
            return template_xlsx()[: rng.randint(1, 4000)]  # a cut-off spreadsheet
        if roll < 0.4:
            return b""
        if roll < 0.5:  # bombs, formulas, broken cells, other encodings (tests/hostile_files.py)
            return rng.choice(SMALL_HOSTILE_FILES)()
        rows = ["Họ và tên,Chức vụ,Đơn vị,Xã/phường,Số điện thoại"]
        for _ in range(rng.randint(1, 12)):
            phone = rng.choice(self.phones) if self.phones and rng.random() < 0.6 else "0912000111"
            name = self.fragment().replace(",", " ")[:80] or "Trần Văn Chiếm"
            commune = rng.choice(("Lộc Tấn", "Lộc Thạnh", "25279", self.fragment()[:20]))
            rows.append(f"{name},Chủ tịch,lanh-dao-ubnd,{commune},{phone}")
        return "\n".join(rows).encode("utf-8", "surrogatepass")

    def _unknown(self, user: FakeUser) -> None:
        rng = self.rng
        sender = user.as_user()
        choices: list[JSON] = [
            {"inline_query": {"id": str(rng.random()), "from": sender, "query": self.text()[:256],
                              "offset": ""}},
            {"chosen_inline_result": {"result_id": "1", "from": sender, "query": "x"}},
            {"poll_answer": {"poll_id": "1", "option_ids": [0], "option_persistent_ids": ["a"],
                             "user": sender}},
            {"my_chat_member": {
                "chat": user.private_chat(), "from": sender, "date": int(time.time()),
                "old_chat_member": {"user": sender, "status": "member"},
                "new_chat_member": {"user": sender, "status": "kicked", "until_date": 0}}},
            {"channel_post": {"message_id": 1, "date": int(time.time()), "text": "/start",
                              "chat": {"id": -1001234, "type": "channel", "title": "Kênh"}}},
            {"message_reaction": {"chat": user.private_chat(), "message_id": 1, "user": sender,
                                  "date": int(time.time()), "old_reaction": [],
                                  "new_reaction": [{"type": "emoji", "emoji": "👍"}]}},
            {"future_kind_2030": {"anything": [1, {"x": self.text()[:50]}]}},
        ]
        if rng.random() < 0.5:
            self.server.enqueue_raw(rng.choice(choices))
            return
        content: JSON = rng.choice((
            {"dice": {"emoji": "🎲", "value": 6}},
            {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 1}},
            {"checklist": {"title": "x", "tasks": []}},  # newer than the library
            {"text": self.text(), "via_bot": {"id": 1, "is_bot": True, "first_name": "b"}},
            {"new_chat_members": [sender]},
            {"web_app_data": {"data": self.text()[:100], "button_text": "x"}},
        ))
        user.send_content(**content)

    def _group(self, user: FakeUser) -> None:
        user.send_in_group(self.rng.choice(("/start", "/tonghop", "/xoa", self.text())))

    def _flow(self, user: FakeUser, steps: Sequence[str]) -> None:
        """A plausible next step: a button of one's own latest message, or a typed answer."""
        latest = self.server.messages_to(user.id)[-1:]
        buttons = [data for r in latest for _, data in r.inline_buttons if data]
        if buttons and self.rng.random() < 0.6:
            user.press_raw(latest[0].message_id, self.rng.choice(buttons))
            return
        user.send_text(self.rng.choice(steps))


def truncate_utf8(text: str, limit: int) -> str:
    """At most `limit` bytes of UTF-8, cut between characters (as Telegram's 64-byte limit
    of callback_data leaves it)."""
    data = text.encode("utf-8", "surrogatepass")[:limit]
    return data.decode("utf-8", "ignore")


SMALL_HOSTILE_FILES = (
    hostile_files.dimension_bomb,
    hostile_files.deep_xml,
    hostile_files.formulas,
    hostile_files.malformed_cells,
    lambda: hostile_files.encoded_csv("cp1258"),
    lambda: hostile_files.encoded_csv("utf-16"),
)
_TEMPLATE: list[bytes] = []


def template_xlsx() -> bytes:
    """Some real XLSX bytes (a workbook openpyxl writes), to cut short."""
    if not _TEMPLATE:
        from openpyxl import Workbook

        out = io.BytesIO()
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["Họ và tên", "Chức vụ", "Đơn vị", "Xã/phường", "Số điện thoại"])
        sheet.append(["Lê Thị Hoa", "Chủ tịch", "lanh-dao-ubnd", "Lộc Tấn", "0912000222"])
        book.save(out)
        _TEMPLATE.append(out.getvalue())
    return _TEMPLATE[0]
