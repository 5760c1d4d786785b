"""Báo cáo kết quả (after the session) and Báo cáo tình hình chuẩn bị (before it), as DOCX and
XLSX, with the same figures as the roll-up: totals, per commune and per category against the
plan, substitutes, absentees with reasons, who has not answered, the unreachable, speakers and
the plan's deadlines. Either can be made at any time: the figures are those so far."""

from __future__ import annotations

import io
from collections.abc import Callable

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]

from bot.catalog import t
from bot.documents import docx_parts
from bot.documents.content import heading, recipients, session_label, when_text
from bot.documents.material import Material, Person
from bot.services.cells import append_row
from bot.services.dates import format_datetime
from bot.services.deadlines import owner_text
from bot.services.exports import note_text
from bot.services.speakers import speakers_of
from storage.rollup import Counts

FIGURES = (
    "invited",
    "answered",
    "not_answered",
    "in_person",
    "online",
    "substitute",
    "absent",
    "unreachable",
    "present",
)
Table = list[list[str | int]]


def figures(counts: Counts) -> list[int]:
    """The numbers in the order of FIGURES."""
    return [
        counts.registered,
        counts.registered - counts.not_answered,
        counts.not_answered,
        counts.in_person,
        counts.online,
        counts.substitute,
        counts.absent,
        counts.unreachable,
        counts.present,
    ]


def figure_headers(first: str) -> list[str | int]:
    return [t(first), *(t(f"doc.fig.{name}") for name in FIGURES)]


def group_tables(material: Material) -> tuple[Table, Table, Table]:
    """(totals, per commune, per category), each with its header row."""
    rollup = material.rollup
    assert rollup is not None
    upper = t("export.city_level")
    totals: Table = [
        [t(f"doc.fig.{name}"), value]
        for name, value in zip(FIGURES, figures(rollup.total), strict=True)
    ]
    communes: Table = [figure_headers("doc.col.commune")]
    communes += [[g.name or upper, *figures(g.counts)] for g in rollup.by_commune]
    categories: Table = [figure_headers("doc.col.category")]
    for group in rollup.by_category:
        category = material.plan.category(group.key)
        categories.append([category.label if category else group.key, *figures(group.counts)])
    return totals, communes, categories


def people_lists(material: Material, before: bool) -> list[tuple[str, Table]]:
    """Who to note: substitutes, absentees with reasons, who has not answered (before the
    session), who no chat reaches."""
    header: list[str | int] = [
        t("doc.col.number"),
        t("doc.col.name"),
        t("doc.col.workplace"),
        t("doc.col.reason"),
    ]

    def table(keep: Callable[[Person], bool]) -> Table:
        chosen = [p for p in material.people if keep(p)]
        return [header] + [
            [n, p.row.full_name, p.workplace or p.category, note_text(p.row, False)]
            for n, p in enumerate(chosen, start=1)
        ]

    lists = [
        ("doc.list.substitutes", table(lambda p: p.row.answer == "substitute")),
        ("doc.list.absent", table(lambda p: p.row.answer == "absent")),
    ]
    if before:
        lists.append(("doc.list.not_answered", table(lambda p: p.row.answer is None)))
    lists.append(("doc.list.unreachable", table(lambda p: not p.row.reachable)))
    return [(t(key), rows) for key, rows in lists]


def speaker_table(material: Material) -> Table:
    rows: Table = [
        [t("doc.col.number"), t("doc.col.name"), t("doc.col.workplace"), t("doc.col.talk")]
    ]
    known = speakers_of(material.plan)
    for number, speaker in enumerate(material.session.speakers, start=1):
        speaker = known.get(speaker.id, speaker)
        rows.append([number, speaker.name, speaker.unit, speaker.topic])
    return rows


def deadline_table(material: Material) -> Table:
    rows: Table = [[t("doc.col.task"), t("doc.col.owner"), t("doc.col.due"), t("doc.col.state")]]
    for state in material.deadlines:
        if state.done is not None:
            when = format_datetime(state.done.done_at, material.plan.zone)
            progress = t("doc.deadline.done", day=when)
        elif state.due is None:
            progress = t("doc.deadline.undated")
        elif state.overdue(material.today):
            progress = t("doc.deadline.late")
        else:
            progress = t("doc.deadline.open")
        due = state.due.strftime("%d/%m/%Y") if state.due else ""
        owner = owner_text(material.plan, state.deadline, "vi")
        rows.append([state.deadline.what, owner, due, progress])
    return rows


def _title(before: bool) -> str:
    return t("doc.readiness_title" if before else "doc.report_title")


def report_docx(material: Material, before: bool) -> bytes:
    document = docx_parts.new_document()
    docx_parts.heading(document, heading(material, "BC"))
    docx_parts.centred(document, _title(before), bold=True, size=14)
    label = session_label(material)
    docx_parts.centred(document, t("doc.report_about", label=label), bold=True)
    document.add_paragraph(f"{when_text(material)}.")
    as_of = format_datetime(material.now, material.plan.zone)
    document.add_paragraph(t("doc.report_as_of", when=as_of))
    session = material.session
    expected = t("doc.report_expected", min=session.expected_min, max=session.expected_max)
    document.add_paragraph(expected)
    totals, communes, categories = group_tables(material)
    sections: list[tuple[str, Table]] = [
        (t("doc.report_totals"), totals),
        (t("doc.report_by_commune"), communes),
        (t("doc.report_by_category"), categories),
    ]
    for title, rows in sections:
        document.add_paragraph().add_run(title).bold = True
        docx_parts.grid(document, rows)
    document.add_paragraph().add_run(t("doc.report_people")).bold = True
    for title, rows in people_lists(material, before):
        document.add_paragraph().add_run(title).italic = True
        if len(rows) > 1:
            docx_parts.grid(document, rows)
        else:
            document.add_paragraph(t("doc.list.none"))
    for title, rows in (
        (t("doc.report_speakers"), speaker_table(material)),
        (t("doc.report_deadlines"), deadline_table(material)),
    ):
        document.add_paragraph().add_run(title).bold = True
        docx_parts.grid(document, rows)
    docx_parts.signature_table(document, material, recipients())
    return docx_parts.to_bytes(document)


def report_xlsx(material: Material, before: bool) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = t("doc.sheet.totals")
    head = heading(material, "BC")
    sheet.append([" - ".join(p for p in (head.governing, head.issuing) if p)])
    sheet.append([_title(before)])
    sheet.append([t("doc.report_about", label=session_label(material))])
    sheet.append([t("doc.report_as_of", when=format_datetime(material.now, material.plan.zone))])
    for row in sheet.iter_rows(max_row=4):
        row[0].font = Font(bold=True)
    totals, communes, categories = group_tables(material)
    for rows in (totals, communes, categories):
        sheet.append([])
        for values in rows:
            sheet.append(values)
    sheet.column_dimensions["A"].width = 40
    people = book.create_sheet(t("doc.sheet.people"))
    for title, rows in people_lists(material, before):
        people.append([title])
        for values in rows:
            append_row(people, values)
        people.append([])
    for letter, width in zip("ABCD", (6, 28, 36, 50), strict=True):
        people.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
