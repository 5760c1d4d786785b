"""The words of the papers, shared by the DOCX and PDF renderers: the heading of Nghị định
30/2020/NĐ-CP, the date line, the invitation's paragraphs and the signature block."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.catalog import t
from bot.documents.material import Material, Person
from bot.services.dates import format_session_when

NUMBER_BLANK = "      "  # the office writes the number in by hand when it registers the paper


def place_date(place: str, day: date, locale: str = "vi") -> str:
    """ "Đồng Nai, ngày 05 tháng 02 năm 2026": a leading zero for days below 10 and for
    January and February (Nghị định 30/2020, Phụ lục I)."""
    return t(
        "doc.place_date",
        locale,
        place=place,
        day=f"{day.day:02d}",
        month=f"{day.month:02d}" if day.month <= 2 else str(day.month),
        year=day.year,
    )


@dataclass(frozen=True)
class Heading:
    governing: str
    issuing: str
    number: str
    place_date: str


def heading(material: Material, kind: str, locale: str = "vi") -> Heading:
    """`kind` replaces "GM" in the plan's number pattern for other papers ("BC" for reports)."""
    paper = material.paper
    pattern = paper.number if kind == "GM" else paper.number.replace("GM", kind, 1)
    number = pattern.replace("{number}", NUMBER_BLANK)
    place = paper.place or material.plan.series.province
    return Heading(
        paper.governing_body.upper(),
        paper.issuing_body.upper(),
        t("doc.number", locale, number=number),
        place_date(place, material.today, locale),
    )


def session_label(material: Material, locale: str = "vi") -> str:
    session = material.session
    label = material.plan.answerer.label(session, locale)
    return f"{session.title} ({label})" if session.title and session.title != label else label


def when_text(material: Material, locale: str = "vi") -> str:
    return format_session_when(material.session, material.plan.zone, locale)


def invitation_about(material: Material, locale: str = "vi") -> str:
    return t("doc.invitation_about", locale, title=material.plan.series.title)


def invitee(person: Person) -> str:
    """ "Nguyễn Văn An, Chủ tịch UBND xã, UBND xã Lộc Tấn": name, position, unit."""
    parts = [person.row.full_name, person.row.position, person.workplace or person.category]
    return ", ".join(part for part in parts if part)


def invitation_body(material: Material, locale: str = "vi") -> list[str]:
    """The paragraphs under "Trân trọng kính mời", the same for every invitee of a session:
    what, when, where, the content, what to bring, whom to call."""
    session = material.session
    venue = ", ".join(part for part in (session.venue.name, session.venue.address) if part)
    lines = [
        t("doc.attend", locale, label=session_label(material, locale)),
        t("doc.when", locale, when=when_text(material, locale)),
        t("doc.where", locale, venue=venue),
    ]
    if session.topics:
        lines.append(t("doc.content", locale))
        lines += [f"- {topic}" for topic in session.topics]
    lines.append(t("doc.bring", locale))
    contact = material.plan.series.contact
    if contact is not None:
        who = ", ".join(part for part in (contact.name, contact.title, contact.phone) if part)
        lines.append(t("doc.contact", locale, contact=who))
    lines.append(t("doc.welcome", locale))
    return lines


def signature(material: Material) -> tuple[list[str], str, str]:
    """(the lines above the signature, the signer's name, the line under the name)."""
    paper = material.paper
    return paper.signature_lines(), paper.signer_name, paper.signer_note


def recipients(locale: str = "vi") -> list[str]:
    return [
        t("doc.recipients", locale),
        t("doc.recipient_person", locale),
        t("doc.recipient_archive", locale),
    ]
