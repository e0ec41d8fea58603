"""Issue #8, item 2: after a refused form on a phone, the page lands on an error summary at the
form, focused, whose links lead to each field; with the keyboard alone."""

from playwright.sync_api import expect

from helpers import unique_email
from steps import focus_is_visible, open_or_skip


def in_view(page, selector: str) -> bool:
    """Whether the element's top is on screen (after the browser has scrolled to it)."""
    script = """(selector) => { const box = document.querySelector(selector).getBoundingClientRect();
                                return box.top >= -1 && box.top < window.innerHeight; }"""
    try:
        page.wait_for_function(script, arg=selector, timeout=2000)
        return True
    except Exception:
        print(page.evaluate("""(selector) => [document.querySelector(selector).getBoundingClientRect().top, scrollY,
                                              innerHeight]""", selector))
        return False


def tab_until(page, element_id: str, limit: int = 150) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def test_a_refused_signature_lands_on_the_summary_and_its_links_lead_to_the_fields(page):
    page.set_viewport_size({"width": 390, "height": 844})
    open_or_skip(page, "/manifest")

    # Keyboard only: no name (the browser's maxlength keeps a typed one within the limit), an
    # address without a domain, no district.
    tab_until(page, "sign-email")
    page.keyboard.type(unique_email("fatima").split("@")[0] + "@")
    page.wait_for_timeout(3100)  # a person takes a few seconds; a form sent at once is a bot's
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The title says so, and the page stands on the summary, which has the focus.
    assert page.title().startswith("Fout: "), page.title()
    assert page.url.endswith("#fouten")
    summary = page.locator("main .error-summary")
    expect(summary).to_be_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert in_view(page, "main .error-summary"), "the summary is on screen, not 1,800 px below"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(summary.locator("li")).to_have_count(3)
    expect(summary.locator("a[href='#sign-name']")).to_contain_text("Naam: Vul dit veld in")

    # Tab reaches the summary's first link; Enter leads to the field, with its message beside it.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#sign-name"
    assert focus_is_visible(page)["visible"]
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'sign-name'")
    assert in_view(page, "#sign-name")
    field = page.locator("#sign-name")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#sign-name-error")).to_contain_text("Vul dit veld in")


def test_an_english_error_page_says_error_in_its_title(page, base_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": "kracht_lang", "value": "en", "url": base_url}])
    open_or_skip(page, "/account/registreren")
    page.fill("#name", "Ana")
    page.fill("#email", "ana@")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.title().startswith("Error: "), page.title()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    expect(page.locator("main .error-summary a[href='#email']")).to_be_visible()
