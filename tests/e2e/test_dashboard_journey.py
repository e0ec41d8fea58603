"""Issue #14, the dashboard in the browser: on a phone (320 and 375 px) nothing scrolls sideways
and every chart is on screen, with its numbers; in print preview (a PDF printed by headless
Chromium, as a coordinator prints it for partners) the dashboard and the annual report come out
as A4 pages with ink on them, turned into PNGs with pdftoppm (poppler-utils) and kept in
test-results/e2e/ to look at. Axe runs on both pages in test_accessibility.py.

The e2e server starts empty: with the binary at hand, `kracht dashboard fill --days 60` gives
every indicator two months of daily snapshots first, so the trend charts have a line to draw."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from steps import open_ok

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results" / "e2e"
BIN = os.environ.get("KRACHT_E2E_BIN", "")
DASHBOARD = "/dashboard"
REPORT = "/dashboard/jaarverslag/2025"
# A4 in PostScript points (1/72 inch): 210 x 297 mm.
A4 = (595.3, 841.9)


@pytest.fixture(scope="module", autouse=True)
def snapshots():
    """Two months of daily snapshots of every indicator, when the binary can make them."""
    if not (BIN and os.environ.get("KRACHT_DATA_DIR")):
        return
    filled = subprocess.run([BIN, "dashboard", "fill", "--days", "60"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    if filled.returncode != 0:
        print(f"no snapshots filled (the charts show what there is): {filled.stdout}{filled.stderr}")


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def assert_charts_on_screen(page, width: int, required: bool = True) -> None:
    """Charts are SVG drawn on the server: each one shown inside the page's width, with a name."""
    charts = page.locator("main svg")
    assert charts.count() > 0 or not required, f"no chart on {page.url}"
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0, f"chart {index} is not shown: {box}"
        assert box["x"] >= 0, f"chart {index} starts off-screen: {box}"
        if box["x"] + box["width"] > width + 0.5:
            # Wider than the phone: only inside a box of its own that scrolls sideways (as the
            # fund's report does), never the whole page.
            holder = chart.evaluate("""svg => { for (let n = svg.parentElement; n; n = n.parentElement) {
                const o = getComputedStyle(n).overflowX; if (o === 'auto' || o === 'scroll') {
                const r = n.getBoundingClientRect(); return {x: r.x, right: r.right}; } } return null; }""")
            assert holder and holder["x"] >= 0 and holder["right"] <= width + 0.5, \
                f"chart {index} sticks out of a {width}px screen: {box}"
        named = chart.evaluate("""svg => !!(svg.querySelector(':scope > title')?.textContent.trim()
            || svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby') || svg.getAttribute('aria-hidden') === 'true')""")
        assert named, f"chart {index} has no title (and is not hidden beside a table)"


@pytest.mark.parametrize("width", [320, 375])
def test_the_dashboard_on_a_phone_fits_and_shows_its_charts(page, width):
    page.set_viewport_size({"width": width, "height": 740})
    open_ok(page, DASHBOARD)
    expect(page.locator("main h1")).to_be_visible()
    assert scroll_width(page) <= width, f"/dashboard scrolls sideways at {width}px ({scroll_width(page)}px wide)"

    assert_charts_on_screen(page, width)
    # The numbers are there as text too, not only as pictures.
    assert page.locator("main table").count() > 0, "the dashboard's numbers are in no table"

    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS / f"dashboard-{width}-nl.png"), full_page=True)


# 200% zoom (WCAG 1.4.4) of a 1280 x 800 screen: the browser lays the page out in 640 x 400 CSS
# pixels, each drawn with two device pixels, as Chromium's Ctrl-+ does.
ZOOMED = {"width": 640, "height": 400}


@pytest.fixture
def zoomed_page(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="nl-NL", viewport=ZOOMED, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("path, name", [(DASHBOARD, "dashboard"), (REPORT, "annual-report")])
def test_at_200_percent_zoom_nothing_scrolls_sideways_and_the_charts_show(zoomed_page, path, name):
    page = zoomed_page
    open_ok(page, path)
    expect(page.locator("main h1")).to_be_visible()
    assert page.evaluate("window.devicePixelRatio") == 2
    width = ZOOMED["width"]
    assert scroll_width(page) <= width, f"{path} scrolls sideways at 200% zoom ({scroll_width(page)}px wide)"
    # What sticks out of the page on the right, other than inside a box that scrolls on its own.
    wide = page.evaluate("""width => [...document.querySelectorAll('main *')]
        .filter(el => el.getBoundingClientRect().right > width + 1 && !el.closest('.table-scroll'))
        .slice(0, 3).map(el => el.tagName + (el.className && el.className.baseVal === undefined ? '.' + el.className : ''))""", width)
    assert not wide, f"{path} at 200% zoom: wider than the window: {wide}"
    # The annual report draws a bar only for an indicator with a target that year (the e2e
    # server may have none): its figures are in tables either way.
    assert_charts_on_screen(page, width, required=path == DASHBOARD)
    assert page.locator("main table").count() > 0, f"{path}: the figures are in no table"
    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{name}-zoom-200.png"), full_page=True)


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    """Each page's size in points, as poppler's pdfinfo reads it."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def ink(pgm: Path) -> float:
    """The share of pixels that are not white in a greyscale PGM (P5) that pdftoppm wrote."""
    data = pgm.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header, f"{pgm} is not a PGM"
    pixels = data[header.end():]
    return sum(1 for value in pixels if value < 240) / max(1, len(pixels))


@pytest.mark.parametrize("path, name", [(DASHBOARD, "dashboard"), (REPORT, "annual-report")])
def test_printed_on_a4_with_ink_on_every_page(page, path, name, tmp_path):
    if not (shutil.which("pdftoppm") and shutil.which("pdfinfo")):
        pytest.fail("pdftoppm and pdfinfo are needed (apt-get install poppler-utils; .ci/run installs it)")
    open_ok(page, path)
    pdf = tmp_path / f"{name}.pdf"
    # What "print" gives in Chromium: the print stylesheet, A4, the page's own margins.
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)

    sizes = pdf_pages(pdf)
    assert sizes, f"{path} printed no page"
    for number, (w, h) in enumerate(sizes, 1):
        assert abs(w - A4[0]) < 2 and abs(h - A4[1]) < 2, f"{path}: page {number} is {w} x {h} pt, not A4"

    # Every page as a greyscale picture: each has something on it (a page break in the wrong
    # place leaves an empty one), and the first one is kept as a PNG to look at.
    subprocess.run(["pdftoppm", "-gray", "-r", "40", str(pdf), str(tmp_path / name)], check=True)
    pictures = sorted(tmp_path.glob(f"{name}-*.pgm"))
    assert len(pictures) == len(sizes)
    for number, picture in enumerate(pictures, 1):
        share = ink(picture)
        assert share > 0.003, f"{path}: printed page {number} of {len(pictures)} is blank ({share:.2%} ink)"
    RESULTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(RESULTS / f"{name}-print")], check=True)
    shutil.copy(pdf, RESULTS / f"{name}-print.pdf")


def test_print_hides_the_site_navigation(page):
    """The printed dashboard is the figures, not the site's header and footer."""
    open_ok(page, DASHBOARD)
    page.emulate_media(media="print")
    for selector in [".site-header", ".site-footer"]:
        for index in range(page.locator(selector).count()):
            assert not page.locator(selector).nth(index).is_visible(), f"{selector} is printed"
    expect(page.locator("main h1")).to_be_visible()
