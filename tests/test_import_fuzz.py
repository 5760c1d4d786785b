"""hypothesis against the import parser's boundary (`imports.read_rows`: bytes in, checked rows
or `ImportFileError` out): random bytes, damaged real workbooks, random sheets of random cells
and random CSV text never raise anything else."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import DEFAULT_PLAN
from bot.plan.loader import read_plan
from bot.services.import_limits import ImportLimits
from bot.services.imports import Checked, read_rows, template_xlsx
from bot.services.plan_state import build_loaded_plan
from bot.services.sheets import ImportFileError
from tests.hostile_files import HEADER_CELLS, rows_xml, xlsx

SERIES, _ = read_plan(DEFAULT_PLAN)
assert SERIES is not None
PLAN = build_loaded_plan(SERIES)
LIMITS = ImportLimits(max_rows=200, max_columns=20, max_cell_chars=100, max_seconds=20)
TEMPLATE = template_xlsx(PLAN)
FUZZ = settings(max_examples=150, deadline=None)


def read_or_refuse(data: bytes, suffix: str) -> None:
    try:
        checked = read_rows(data, suffix, PLAN, LIMITS)
    except ImportFileError as error:
        assert str(error)
        return
    assert isinstance(checked, Checked)
    assert all(error.line >= 1 and error.problem for error in checked.errors)


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(["xlsx", "csv", "xlsm", "txt", ""]))
def test_random_bytes(data: bytes, suffix: str) -> None:
    read_or_refuse(data, suffix)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(TEMPLATE) - 1), st.integers(0, 255)), max_size=8))
def test_damaged_workbooks(flips: list[tuple[int, int]]) -> None:
    data = bytearray(TEMPLATE)
    for position, value in flips:
        data[position] = value
    read_or_refuse(bytes(data), "xlsx")


REFERENCE = st.one_of(
    st.builds(
        lambda column, row: f"{column}{row}",
        st.text("ABCDEFGHXYZ", min_size=1, max_size=3),
        st.integers(0, 10**8),
    ),
    st.text(max_size=8),
)
CELL = st.tuples(
    REFERENCE,
    st.sampled_from(["s", "n", "b", "e", "str", "inlineStr", "d", "", "zz"]),
    st.text(max_size=40),
    st.booleans(),
)


def cell_xml(reference: str, kind: str, value: str, formula: bool) -> str:
    inner = f"<f>{escape(value)}</f>" if formula else ""
    inner += (
        f"<is><t>{escape(value)}</t></is>" if kind == "inlineStr" else f"<v>{escape(value)}</v>"
    )
    return f"<c r={quoteattr(reference)} t={quoteattr(kind)}>{inner}</c>"


@FUZZ
@given(
    st.lists(st.lists(CELL, max_size=6), max_size=12),
    st.lists(st.text(max_size=20), max_size=5),
    st.text(max_size=30),
)
def test_random_sheets(
    rows: list[list[tuple[str, str, str, bool]]], strings: list[str], noise: str
) -> None:
    body = rows_xml([HEADER_CELLS]) + "".join(
        f"<row>{''.join(cell_xml(*cell) for cell in row)}</row>" for row in rows
    )
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    read_or_refuse(xlsx(body, shared_strings=shared), "xlsx")
    read_or_refuse(xlsx(body + noise, dimension=noise), "xlsx")  # XML broken on purpose


@FUZZ
@given(
    st.lists(st.lists(st.text(max_size=30), max_size=8), max_size=15),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258", "latin-1"]),
    st.sampled_from([",", ";", "\t"]),
)
def test_random_csv(rows: list[list[str]], encoding: str, delimiter: str) -> None:
    text = "\n".join(delimiter.join(row) for row in [list(HEADER_CELLS), *rows])
    read_or_refuse(text.encode(encoding, "replace"), "csv")
