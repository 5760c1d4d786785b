"""Print the delegates' guide (docs/dai-bieu.md) on one A4 page, with the bot's QR code.

    .venv/bin/python scripts/delegate_guide.py --bot hoinghi_dongnai_bot --out docs/img

writes `bot-qr.png` (the QR of https://t.me/<bot>), `dai-bieu.pdf` (A4, to print and hand out)
and `dai-bieu.png` (a picture of that page). Uses the test tools (Markdown from mkdocs,
Playwright) and Debian's chromium (`HOINGHI_CHROMIUM`, else `chromium` on PATH).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
from pathlib import Path

import markdown
import segno
from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "dai-bieu.md"
STYLE = """
@page { size: A4; margin: 14mm 16mm; }
body { font-family: "Liberation Serif", "DejaVu Serif", serif; font-size: 12pt;
       line-height: 1.35; color: #000; width: 178mm; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13.5pt; margin: 10pt 0 3pt; }
p, li { margin: 2pt 0; } ul, ol { padding-left: 18pt; margin: 2pt 0; }
img { float: right; margin: 0 0 6pt 12pt; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 10.5pt; }
"""


def chromium() -> str:
    found = os.environ.get("HOINGHI_CHROMIUM") or shutil.which("chromium")
    if not found:
        raise SystemExit("no chromium: run scripts/browser.sh")
    return found


def write_page(bot: str, out: Path) -> Path:
    """The page as HTML beside the bot's QR code, ready for the browser to print."""
    out.mkdir(parents=True, exist_ok=True)
    segno.make(f"https://t.me/{bot}", error="m").save(out / "bot-qr.png", scale=6, border=2)
    body = markdown.markdown(PAGE.read_text(encoding="utf-8"), extensions=["attr_list", "tables"])
    html = out / "dai-bieu.html"
    html.write_text(
        f'<!doctype html><html lang="vi"><meta charset="utf-8"><style>{STYLE}</style>'
        f"<body>{body.replace('img/bot-qr.png', 'bot-qr.png')}</body></html>",
        encoding="utf-8",
    )
    return html


async def render(html: Path) -> tuple[Path, Path]:
    out = html.parent
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"]
        )
        page = await browser.new_page(viewport={"width": 794, "height": 1123})
        await page.goto(html.as_uri())
        await page.pdf(path=str(out / "dai-bieu.pdf"), format="A4", prefer_css_page_size=True)
        await page.emulate_media(media="print")
        await page.screenshot(path=str(out / "dai-bieu.png"), full_page=True)
        await browser.close()
    return out / "dai-bieu.pdf", out / "dai-bieu.png"


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--bot", default="hoinghi_dongnai_bot", help="the bot's username")
    arguments.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    options = arguments.parse_args()
    html = write_page(options.bot, options.out)
    for path in asyncio.run(render(html)):
        print(path)
    html.unlink()


if __name__ == "__main__":
    main()
