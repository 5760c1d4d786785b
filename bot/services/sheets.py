"""Reading the cells of a spreadsheet someone sent (XLSX or CSV) within limits, whatever the
file claims about itself.

An XLSX is read straight from its zip parts with a streaming XML parser: only the cells that
are there count (the sheet's declared `<dimension>` is ignored, so a 1.6 KB file "declaring"
A1:XFD1048576 costs nothing), every part is read in chunks against a budget of uncompressed
bytes (zip bombs), XML nesting is bounded and document type declarations are refused (entity
bombs), shared strings are counted and cut at the cell limit, and the clock is checked as the
bytes go. A cell that cannot be read (text in a number cell, a broken reference, an error
value) is a `CellProblem` at its row and column, never an exception. Past a limit of
`ImportLimits`, `ImportFileError` says which limit in words."""

from __future__ import annotations

import csv
import io
import lzma
import re
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from posixpath import dirname, join, normpath
from xml.parsers import expat

from bot.catalog import t
from bot.services.import_limits import MB, ImportLimits
from bot.services.vntext import clean, quote

CHUNK = 64 * 1024
MAX_DEPTH = 24  # a real sheet nests about 6 deep
UNCOMPRESSED_RATIO = 20  # a sheet's XML is rarely more than 10 × its zip


class ImportFileError(Exception):
    """The file cannot be read at all (wrong type, broken file, past a limit), in words."""


@dataclass(frozen=True)
class CellProblem:
    """A cell that could not be read: its 1-based row and column, and what is wrong."""

    line: int
    column: int
    problem: str


@dataclass
class Sheet:
    """The non-empty rows of the first sheet, with their line numbers, and unreadable cells."""

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)


def column_letter(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Deadline:
    """The import's clock: past `max_seconds`, a refusal naming the time limit."""

    def __init__(self, limits: ImportLimits) -> None:
        self.limits = limits
        self.until = time.monotonic() + limits.max_seconds

    def check(self) -> None:
        if time.monotonic() > self.until:
            raise ImportFileError(t("import.limit_seconds", seconds=f"{self.limits.max_seconds:g}"))


def refuse_size(size: int, limits: ImportLimits) -> None:
    if size > limits.max_bytes:
        raise ImportFileError(
            t(
                "import.limit_bytes",
                size=f"{size / MB:.1f}",
                limit=f"{limits.max_bytes / MB:g}",
            )
        )


def read_sheet(data: bytes, suffix: str, limits: ImportLimits, deadline: Deadline) -> Sheet:
    """The first sheet of an XLSX, or a CSV; only `ImportFileError` escapes."""
    refuse_size(len(data), limits)
    suffix = suffix.lower().lstrip(".")
    collector = _Collector(limits)
    if suffix in ("xlsx", "xlsm"):
        _XlsxReader(data, limits, deadline, collector).read()
    elif suffix == "csv":
        _read_csv(data, deadline, collector)
    else:
        raise ImportFileError(t("import.bad_type", suffix=quote(suffix, 10) or "?"))
    return collector.sheet


class _Collector:
    """Rows as they are read: empty cells dropped, limits on rows, columns and cell length."""

    def __init__(self, limits: ImportLimits) -> None:
        self.limits = limits
        self.sheet = Sheet()

    def problem(self, line: int, column: int, key: str, **params: object) -> None:
        if len(self.sheet.problems) <= self.limits.max_rows:
            self.sheet.problems.append(CellProblem(line, column, t(key, **params)))

    def cell_text(self, line: int, column: int, text: str) -> str:
        if len(text) > self.limits.max_cell_chars:
            self.problem(line, column, "import.cell_too_long", limit=self.limits.max_cell_chars)
            return ""
        return clean(text)

    def row(self, line: int, cells: dict[int, str]) -> None:
        filled = {column: text for column, text in cells.items() if text}
        if not filled:
            return
        widest = max(filled)
        if widest > self.limits.max_columns:
            raise ImportFileError(
                t(
                    "import.limit_columns",
                    limit=self.limits.max_columns,
                    column=column_letter(widest),
                    line=line,
                )
            )
        if len(self.sheet.rows) > self.limits.max_rows:  # the header row comes on top
            raise ImportFileError(
                t("import.limit_rows", limit=f"{self.limits.max_rows:,}".replace(",", "."))
            )
        self.sheet.rows.append((line, [filled.get(c, "") for c in range(1, widest + 1)]))


# CSV -----------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ImportFileError(t("import.bad_encoding")) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(t("import.bad_encoding")) from error


def _read_csv(data: bytes, deadline: Deadline, collector: _Collector) -> None:
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError(t("import.bad_csv", line=text.count("\n", 0, text.index("\x00")) + 1))
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            line = reader.line_num
            if line % 1000 == 0:
                deadline.check()
            collector.row(
                line,
                {
                    column: collector.cell_text(line, column, cell)
                    for column, cell in enumerate(cells, start=1)
                    if cell
                },
            )
    except csv.Error as error:  # a field past csv's own limit (128 KB), a broken quote
        raise ImportFileError(t("import.bad_csv", line=reader.line_num + 1)) from error


# XLSX ----------------------------------------------------------------------------------------

_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
Handler = Callable[[str, dict[str, str]], None]


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


class _XlsxReader:
    def __init__(
        self, data: bytes, limits: ImportLimits, deadline: Deadline, collector: _Collector
    ) -> None:
        self.limits, self.deadline, self.collector = limits, deadline, collector
        self.budget = limits.max_bytes * UNCOMPRESSED_RATIO
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError) as error:
            raise self.broken("zip") from error
        self.strings: list[str] = []

    def broken(self, problem: str) -> ImportFileError:
        return ImportFileError(t("import.bad_xlsx", problem=problem))

    def read(self) -> None:
        workbook = self._target("_rels/.rels", "", "officeDocument") or "xl/workbook.xml"
        first: list[str] = []

        def on_sheet(name: str, attributes: dict[str, str]) -> None:
            if name == "sheet" and not first:
                first.extend(v for k, v in attributes.items() if _local(k) == "id")

        self._parse(workbook, on_sheet)
        if not first:
            raise self.broken("no sheet")
        rels = join(dirname(workbook), "_rels", workbook.rsplit("/", 1)[-1] + ".rels")
        sheet = self._target(rels, dirname(workbook), "worksheet", first[0])
        strings = self._target(rels, dirname(workbook), "sharedStrings")
        if sheet is None:
            raise self.broken("no sheet")
        if strings is not None:
            self._read_strings(strings)
        self._read_cells(sheet)

    def _target(self, rels: str, base: str, kind: str, wanted: str | None = None) -> str | None:
        """The part a relationship of `kind` (or with the id `wanted`) points to."""
        found: list[str] = []

        def on_relationship(name: str, attributes: dict[str, str]) -> None:
            if name != "Relationship" or found:
                return
            if wanted is None and not attributes.get("Type", "").endswith("/" + kind):
                return
            if wanted is not None and attributes.get("Id") != wanted:
                return
            target = attributes.get("Target", "")
            found.append(target.lstrip("/") if target.startswith("/") else join(base, target))

        if rels not in self.zip.NameToInfo:
            return None
        self._parse(rels, on_relationship)
        return normpath(found[0]) if found else None

    def _parse(
        self,
        part: str,
        start: Handler,
        end: Callable[[str], None] | None = None,
        text: Callable[[str], None] | None = None,
    ) -> None:
        """Stream one part through expat: depth, bytes and time bounded, no DTD."""
        try:
            info = self.zip.getinfo(part)
        except KeyError as error:
            raise self.broken(f"no {quote(part, 60)}") from error
        parser = expat.ParserCreate(namespace_separator=" ")
        depth = [0]

        def on_start(name: str, attributes: dict[str, str]) -> None:
            depth[0] += 1
            if depth[0] > MAX_DEPTH:
                raise ImportFileError(t("import.too_deep"))
            start(_local(name), attributes)

        def on_end(name: str) -> None:
            depth[0] -= 1
            if end is not None:
                end(_local(name))

        def no_dtd(*_: object) -> None:
            raise self.broken("DOCTYPE")

        parser.StartElementHandler = on_start
        parser.EndElementHandler = on_end
        parser.StartDoctypeDeclHandler = no_dtd
        parser.EntityDeclHandler = no_dtd
        if text is not None:
            parser.CharacterDataHandler = text
        parser.buffer_text = True
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    self.budget -= len(chunk)
                    if self.budget < 0:
                        raise ImportFileError(
                            t("import.limit_unpacked", limit=f"{self.limits.max_bytes / MB:g}")
                        )
                    self.deadline.check()
                    parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise self.broken(f"XML ({quote(part, 60)}: {error})") from error
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as error:
            raise self.broken(quote(str(error), 120)) from error
        except (EOFError, RuntimeError, ValueError, zlib.error, lzma.LZMAError) as error:
            # broken deflate, bzip2 or lzma streams, an encrypted part
            raise self.broken(quote(str(error), 120)) from error

    def _read_strings(self, part: str) -> None:
        most = self.limits.max_rows * self.limits.max_columns
        pieces: list[str] = []
        state = {"in_text": False, "phonetic": 0, "length": 0}
        cap = self.limits.max_cell_chars + 1

        def start(name: str, _: dict[str, str]) -> None:
            if name == "si":
                pieces.clear()
                state["length"] = 0
            elif name == "rPh":
                state["phonetic"] += 1
            elif name == "t" and not state["phonetic"]:
                state["in_text"] = True

        def end(name: str) -> None:
            if name == "t":
                state["in_text"] = False
            elif name == "rPh":
                state["phonetic"] -= 1
            elif name == "si":
                if len(self.strings) >= most:
                    raise ImportFileError(
                        t("import.limit_cells", rows=self.limits.max_rows, columns=most)
                    )
                self.strings.append("".join(pieces)[:cap])

        def text(data: str) -> None:
            if state["in_text"] and state["length"] < cap:
                pieces.append(data[:cap])
                state["length"] += len(data)

        self._parse(part, start, end, text)

    def _read_cells(self, part: str) -> None:
        reader = _CellReader(self.collector, self.strings)
        self._parse(part, reader.start, reader.end, reader.text)


class _CellReader:
    """The worksheet's `<row>`s and `<c>`ells, one row in memory at a time."""

    def __init__(self, collector: _Collector, strings: list[str]) -> None:
        self.collector, self.strings = collector, strings
        self.cap = collector.limits.max_cell_chars + 1
        self.line = 0
        self.cells: dict[int, str] = {}
        self.column = 0
        self.kind = ""
        self.value: list[str] = []
        self.capturing = False
        self.bad_reference = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "row":
            number = attributes.get("r", "")
            self.line = int(number) if number.isdigit() and len(number) < 8 else self.line + 1
            self.cells, self.column = {}, 0
        elif name == "c":
            self.value, self.kind = [], attributes.get("t", "n")
            self.bad_reference = False
            match = _REFERENCE.fullmatch(attributes.get("r", ""))
            if "r" not in attributes:
                self.column += 1
            elif match is None:
                self.column += 1
                self.bad_reference = True
            else:
                self.column = _column_number(match.group(1))
        elif name in ("v", "t"):
            self.capturing = True

    def text(self, data: str) -> None:
        if self.capturing and sum(map(len, self.value)) < self.cap:
            self.value.append(data[: self.cap])

    def end(self, name: str) -> None:
        if name in ("v", "t"):
            self.capturing = False
        elif name == "c":
            self._cell()
        elif name == "row":
            self.collector.row(self.line, self.cells)

    def _cell(self) -> None:
        line, column, raw = self.line, self.column, "".join(self.value)
        problem = self.collector.problem
        if self.bad_reference:
            problem(line, column, "import.cell_bad_reference")
            return
        if not raw:
            return
        if self.kind == "s":
            index = int(raw) if raw.isdigit() and len(raw) < 10 else -1
            if not 0 <= index < len(self.strings):
                problem(line, column, "import.cell_bad_string")
                return
            raw = self.strings[index]
        elif self.kind == "e":
            problem(line, column, "import.cell_error_value", value=quote(raw, 20))
            return
        elif self.kind == "b":
            truth = {"1": "TRUE", "0": "FALSE"}.get(raw.strip())
            if truth is None:
                problem(line, column, "import.cell_not_number", value=quote(raw, 20))
                return
            raw = truth
        elif self.kind == "n":
            number = _number_text(raw)
            if number is None:
                problem(line, column, "import.cell_not_number", value=quote(raw, 40))
                return
            raw = number
        self.cells[column] = self.collector.cell_text(line, column, raw)


def _number_text(raw: str) -> str | None:
    """A number cell as a person would have typed it (912345678, not 912345678.0)."""
    try:
        value = float(raw)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)
