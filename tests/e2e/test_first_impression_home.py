"""Issue #8, items 1, 6, 7 and 11: the home page leads with the movement's calls to action, the
pages about the movement keep their promises, open data is a page for people, and the site has
a face of its own while staying light."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from steps import current_path, open_page

PHONE = {"width": 390, "height": 844}


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""
    def luminance(colour: str) -> float:
        channels = [int(x) / 255 for x in re.findall(r"\d+", colour)[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def tab_until(page: Page, selector: str, limit: int = 40) -> None:
    """Presses Tab until the element matching `selector` has focus, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_from_the_home_page_to_the_signing_form_by_keyboard_on_a_phone(page: Page):
    page.set_viewport_size(PHONE)
    open_page(page, "/")
    button = page.locator("main .action.main a.button")
    expect(button).to_be_visible()
    expect(page.locator("main .action.main [data-indicator]")).to_be_visible()
    expect(page.locator("main .action.main .counter-target")).to_contain_text("doel voor")
    # The first stop after the header is in the main content: the sign button.
    tab_until(page, "main a")
    assert page.evaluate("document.activeElement.classList.contains('button')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert current_path(page) == "/manifest" and page.url.endswith("#teken")
    expect(page.locator("#teken")).to_be_in_viewport()


def test_the_home_page_is_light(page: Page):
    sizes: list[int] = []
    page.on("requestfinished", lambda request: sizes.append(
        request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]))
    open_page(page, "/")
    page.wait_for_load_state("networkidle")
    assert sum(sizes) < 60_000, f"home page weighs {sum(sizes)} bytes"
    hosts = page.evaluate("[...performance.getEntriesByType('resource')].map(e => new URL(e.name).host)")
    assert all(host == re.sub(r"^https?://", "", page.url).split("/")[0] for host in hosts), hosts


def test_the_footer_leads_to_open_data_for_people_and_its_download(page: Page):
    open_page(page, "/")
    page.locator("footer a", has_text="Open data").click()
    assert current_path(page) == "/open-data"
    expect(page.locator("main h1")).to_have_text("Open data")
    expect(page.locator("main a[href='/api/v1/openapi.json']")).to_be_visible()
    with page.expect_download() as download:
        page.locator("main a[href='/api/v1/indicators.csv']").click()
    assert download.value.suggested_filename.endswith(".csv")


def test_the_about_page_from_home_and_footer_in_both_languages(page: Page):
    open_page(page, "/")
    page.locator("main a[href='/over-ons']").click()
    expect(page.locator("main h1")).to_have_text("Over ons")
    expect(page.locator("main")).to_contain_text("Wijkcentrum de Pijp")
    page.locator("header a[hreflang='en']").click()
    assert current_path(page) == "/over-ons"
    expect(page.locator("main h1")).to_have_text("About us")
    expect(page.locator("footer a[href='/over-ons']")).to_have_text("About us")


def test_the_contact_page_is_no_dead_end_for_someone_in_need(page: Page):
    open_page(page, "/contact")
    help_block = page.locator("main .help")
    expect(help_block.locator("a[href^='mailto:'], a[href^='tel:'], a.button").first).to_be_visible()
    expect(help_block).to_contain_text("112")


def test_every_focus_ring_stands_out_3_to_1_from_its_background_footer_included(page: Page):
    open_page(page, "/")
    for selector in ["header a.brand", "main a", "footer a"]:
        tab_until(page, selector)
        ring, background = page.evaluate("""() => {
            const el = document.activeElement, s = getComputedStyle(el);
            let node = el.parentElement, bg = 'rgba(0, 0, 0, 0)';
            while (node && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) { bg = getComputedStyle(node).backgroundColor; node = node.parentElement; }
            return [s.outlineColor, bg === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : bg];
        }""")
        assert contrast(ring, background) >= 3, f"{selector}: ring {ring} on {background}"
