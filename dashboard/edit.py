"""Fixing a delegate's name, position, workplace (đơn vị công tác) or phone number from the
dashboard: organisers for anyone, focal points within their scopes (who do not see phone
numbers: they may type a new one, never read the old). Every change is audited; a phone number
that another delegate already has is a conflict shown to the editor, never a merge."""

from __future__ import annotations

from aiohttp import web

from bot.catalog import t
from bot.clock import now_utc
from bot.services.numbers import as_number
from bot.services.people import normalise_free_text, normalise_name, normalise_phone
from bot.services.plan_state import LoadedPlan
from dashboard.auth import redirect
from dashboard.render import LOCALE, page
from dashboard.state import Refusal, dashboard_of, plan_of, viewer_of
from storage.people import Delegate

FIELDS = ("full_name", "position", "workplace", "phone")
routes = web.RouteTableDef()


async def _delegate(request: web.Request) -> Delegate:
    """The delegate of the address, if the viewer may edit them."""
    number = as_number(request.match_info["id"], 9)
    delegate = await dashboard_of(request).services.delegates.get(number) if number else None
    if delegate is None:
        raise Refusal(404, "dashboard.not_found")
    if not viewer_of(request).sees_delegate(delegate):
        raise Refusal(403, "dashboard.outside")
    return delegate


def _form(
    request: web.Request,
    plan: LoadedPlan,
    delegate: Delegate,
    values: dict[str, str],
    error: str = "",
    status: int = 200,
) -> web.Response:
    return page(
        request, "edit.html", status, plan=plan, delegate=delegate, values=values, error=error
    )


@routes.get("/delegate/{id}/edit")
async def edit_form(request: web.Request) -> web.Response:
    plan = await plan_of(request)
    delegate = await _delegate(request)
    values = {name: str(getattr(delegate, name)) for name in FIELDS}
    if not viewer_of(request).organiser:
        values["phone"] = ""
    return _form(request, plan, delegate, values)


def _changes(delegate: Delegate, form: dict[str, str]) -> tuple[dict[str, str], str]:
    """The fields that change, or the catalog key of what is wrong with the form."""
    name = normalise_name(form.get("full_name", ""))
    position = normalise_free_text(form.get("position", ""))
    workplace_given = form.get("workplace", "").strip()
    workplace = normalise_free_text(workplace_given) if workplace_given else ""
    phone_given = form.get("phone", "").strip()
    phone = normalise_phone(phone_given) if phone_given else delegate.phone
    if name is None:
        return {}, "dashboard.edit.bad_name"
    if position is None or workplace is None:
        return {}, "dashboard.edit.bad_text"
    if phone is None:
        return {}, "dashboard.edit.bad_phone"
    wanted = {"full_name": name, "position": position, "workplace": workplace, "phone": phone}
    return {k: v for k, v in wanted.items() if v != getattr(delegate, k)}, ""


@routes.post("/delegate/{id}/edit")
async def edit(request: web.Request) -> web.Response:
    plan = await plan_of(request)
    viewer = viewer_of(request)
    delegate = await _delegate(request)
    form = {key: str(value) for key, value in (await request.post()).items() if key in FIELDS}
    changes, error = _changes(delegate, form)
    if error:
        return _form(request, plan, delegate, form, t(error, LOCALE), 400)
    services = dashboard_of(request).services
    phone = changes.get("phone")
    holder = (
        await services.delegates.phone_holder(phone, delegate.id, delegate.series_id)
        if phone
        else None
    )
    if holder is not None:
        if viewer.organiser:
            other = f"{holder.full_name} ({holder.commune_name or t('export.city_level', LOCALE)})"
            text = t("dashboard.edit.phone_conflict", LOCALE, phone=phone, other=other)
        else:
            text = t("dashboard.edit.phone_conflict_hidden", LOCALE)
        return _form(request, plan, delegate, form, text, 409)
    if changes:
        now = now_utc()
        await services.delegates.update(delegate.id, dict(changes), now)
        before = {name: getattr(delegate, name) for name in changes}
        await services.audit.record(
            viewer.channel,
            viewer.user_id,
            "delegate_edit",
            {"delegate": delegate.id, "before": before, "after": changes},
            now,
        )
    return redirect(request, f"/delegate/{delegate.id}?saved={','.join(changes) or '-'}")
