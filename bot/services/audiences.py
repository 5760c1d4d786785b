"""An announcement's audience in words ("buổi Hội nghị cấp thành phố (Chưa trả lời)"), from
the choice stored with it: for the /thongbao preview and the dashboard's broadcast pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.catalog import t
from bot.services.invites import scope_text
from bot.services.plan_state import LoadedPlan


def describe(
    plan: LoadedPlan, choice: Mapping[str, object], scopes: Sequence[str] | None, locale: str
) -> str:
    who = t("broadcast.who.all", locale)
    if "session" in choice:
        number = int(str(choice["session"]))
        session = next((s for s in plan.series.sessions if s.num == number), None)
        label = plan.answerer.label(session, locale) if session else "?"
        answer = t(f"broadcast.ans.{choice.get('answer', 'all')}", locale)
        who = t("broadcast.who.session", locale, label=label, answer=answer)
    elif "commune" in choice:
        commune = plan.communes.by_code(int(str(choice["commune"])))
        who = t("broadcast.who.commune", locale, name=commune.name if commune else "?")
    elif "unit" in choice:
        category = plan.category(str(choice["unit"]))
        who = t("broadcast.who.unit", locale, name=category.label if category else "?")
    if scopes:
        where = ", ".join(scope_text(plan, s, locale) for s in scopes)
        who = t("broadcast.who.scoped", locale, who=who, scope=where)
    return who
