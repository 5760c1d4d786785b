"""PDF pages with fpdf2 and the Liberation Serif font shipped beside this module (metric-
compatible with Times New Roman, covers Vietnamese; SIL OFL 1.1, see fonts/)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from fpdf import FPDF

from bot.catalog import t
from bot.documents.content import Heading

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "LiberationSerif"
STYLES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
# Nghị định 30/2020, Phụ lục I: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
LEFT, TOP, RIGHT, BOTTOM = 30.0, 20.0, 15.0, 20.0


class Pdf(FPDF):
    """An A4 document in the decree's margins; `numbered` prints "Trang x/y" at the foot."""

    def __init__(self, orientation: Literal["portrait", "landscape"], numbered: bool) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        for style, name in STYLES.items():
            self.add_font(FAMILY, style, str(FONTS / f"LiberationSerif-{name}.ttf"))
        self.set_margins(LEFT if orientation == "portrait" else 20.0, TOP, RIGHT)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.set_font(FAMILY, size=13)
        self.numbered = numbered
        self.set_creator("hoinghi-bot")

    def footer(self) -> None:
        if self.numbered:
            self.set_y(-12)
            self.set_font(FAMILY, "I", 10)
            self.cell(0, 5, t("doc.page", page=self.page_no(), pages="{nb}"), align="C")

    @property
    def width(self) -> float:
        """The width between the margins."""
        return float(self.w - self.l_margin - self.r_margin)

    def lines(
        self, width: float, texts: list[str], style: str = "", size: float = 13, height: float = 6
    ) -> None:
        """Centred lines in a column that starts at the current x; the cursor ends below."""
        x = self.get_x()
        self.set_font(FAMILY, style, size)
        for text in texts:
            self.set_x(x)
            if self.get_string_width(text) < width - 2 * self.c_margin:  # no line breaking
                self.cell(width, height, text, align="C", new_x="LEFT", new_y="NEXT")
            else:
                self.multi_cell(width, height, text, align="C", new_x="LEFT", new_y="NEXT")

    def rule(self, x_centre: float, length: float) -> None:
        """A short line under a heading, centred on `x_centre`."""
        y = self.get_y() + 0.5
        self.line(x_centre - length / 2, y, x_centre + length / 2, y)

    def heading(self, heading: Heading, left_width: float) -> None:
        """The two columns of the decree: governing and issuing body with the number on the
        left; the state's name, the motto and the place-and-date line on the right."""
        top, x = self.get_y(), self.l_margin
        right_width = self.width - left_width
        self.set_x(x)
        if heading.governing:
            self.lines(left_width, [heading.governing], size=12, height=5.5)
            self.set_x(x)
        self.lines(left_width, [heading.issuing], "B", 12, 5.5)
        self.rule(x + left_width / 2, 22)
        self.ln(3)
        self.set_x(x)
        self.lines(left_width, [heading.number], size=13)
        left_bottom = self.get_y()
        self.set_xy(x + left_width, top)
        self.lines(right_width, [t("doc.nation")], "B", 12, 5.5)
        self.set_x(x + left_width)
        motto = t("doc.motto")
        self.lines(right_width, [motto], "B", 13, 6)
        self.rule(x + left_width + right_width / 2, self.get_string_width(motto))
        self.ln(3)
        self.set_x(x + left_width)
        self.lines(right_width, [heading.place_date], "I", 13)
        self.set_xy(x, max(left_bottom, self.get_y()) + 5)

    def wrapped(self, texts: list[str], height: float) -> list[str]:
        """The lines `texts` break into across the page in the current font: broken once, then
        printed on every page that repeats them (2,000 invitations share one body)."""
        lines: list[str] = []
        for text in texts:
            broken = self.multi_cell(0, height, text, dry_run=True, output="LINES")
            assert isinstance(broken, list)
            lines += broken
        return lines
