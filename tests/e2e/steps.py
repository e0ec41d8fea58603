"""Browser steps the journeys are written in."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Response, expect

from helpers import AXE_TAGS

_axe = Axe()


def open_page(page: Page, path: str) -> Response:
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    return response


def open_or_skip(page: Page, path: str) -> Response:
    """Opens a page of a feature that may not exist yet: skips the test while it answers 404."""
    response = open_page(page, path)
    if response.status == 404:
        pytest.skip(f"{path} does not exist yet (404)")
    return response


def open_ok(page: Page, path: str) -> Response:
    """Opens a page that must exist: anything but 200 (a 404, a 500, a redirect to log in) fails."""
    response = open_page(page, path)
    assert response.status == 200, f"{path} answered {response.status}, not 200"
    return response


def submit(page: Page, form: str = "main form") -> Response:
    """Clicks the form's submit button and returns the answer to the POST itself."""
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator(form).locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_load_state()
    return answer.value


def log_in(page: Page, email: str, password: str) -> Response:
    open_page(page, "/account/inloggen")
    page.fill("main #email", email)
    page.fill("main #password", password)
    return submit(page, "main form[action^='/account/inloggen']")


def log_out(page: Page) -> None:
    submit(page, "header form[action='/account/uitloggen']")


def current_path(page: Page) -> str:
    return urlsplit(page.url).path


def expect_path(page: Page, path: str) -> None:
    assert current_path(page) == path, f"expected to be on {path}, am on {page.url}"


def expect_status_message(page: Page) -> None:
    expect(page.locator("[role=status]")).to_be_visible()


def serious_violations(page: Page) -> list[dict]:
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]


def assert_accessible(page: Page) -> None:
    """No serious or critical WCAG 2.2 AA violation on the page as it is now."""
    problems = serious_violations(page)
    assert not problems, f"{page.url}:\n" + "\n".join(
        f"  {v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}" for v in problems)
    assert_reflows(page)


def assert_reflows(page: Page) -> None:
    """WCAG 1.4.10: 320 CSS pixels wide (a phone, or 1280 at 400% zoom), nothing scrolls sideways."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > 321 && !el.closest('.table-scroll'))
            .slice(0, 3).map(el => el.tagName + (el.className ? '.' + el.className : ''))""")
    finally:
        page.set_viewport_size(size)
    assert width <= 320, f"{page.url} scrolls sideways at 320px ({width}px wide): {wide}"


def focus_is_visible(page: Page) -> dict:
    """What the focused element looks like: a visible outline or box-shadow counts."""
    return page.evaluate("""() => {
        const el = document.activeElement, s = getComputedStyle(el);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        return {tag: el.tagName, id: el.id, name: el.getAttribute('name'), text: (el.textContent || '').trim().slice(0, 40),
                visible: outline || (s.boxShadow && s.boxShadow !== 'none'), outline: s.outline, boxShadow: s.boxShadow};
    }""")
