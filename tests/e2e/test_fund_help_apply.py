"""Issue #10: asking the Solidarity Fund for help in your own language, on a phone, without an
account: apply in Arabic (right to left), follow the private status link, answer the committee's
question there; the applicant's pages pass the accessibility checks in all five languages."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from helpers import FUND_HELP_LANGUAGES, FUND_HELP_PAGES
from steps import assert_accessible, log_in, open_or_skip, open_page, submit

RESULTS = Path(__file__).resolve().parents[2] / "test-results" / "e2e"
NUMBER = re.compile(r"FH-[A-Z0-9]{6}")
PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + bytes(64)


def apply(page, language: str) -> str:
    """Fills the form in `language` and returns the status page's path."""
    open_page(page, f"/taal/{language}?terug=/fonds/aanvragen")
    page.check("#apply-category-food")
    page.fill("#apply-purpose", "طعام لأطفالي لمدة أسبوع")
    page.fill("#apply-amount", "120")
    page.check("#apply-urgency-week")
    page.fill("#apply-no-provision", "ليس لدي أوراق، والبلدية لا تساعد")
    page.select_option("#apply-district", "N")
    page.fill("#apply-name", "فاطمة العمراني")
    page.fill("#apply-phone", "06 1234 5678")
    page.set_input_files("#apply-documents", files=[{"name": "فاتورة.png", "mimeType": "image/png", "buffer": PNG}])
    page.check("#apply-consent")
    assert submit(page, "#apply-form").status == 303
    assert "/fonds/aanvraag/" in page.url, page.url
    return "/" + page.url.split("/", 3)[3].split("#")[0]


def test_apply_in_arabic_on_a_phone_and_answer_the_committee(page, browser, base_url, staff):
    page.set_viewport_size({"width": 360, "height": 740})
    open_or_skip(page, "/fonds/aanvragen")
    open_page(page, "/taal/ar?terug=/fonds/aanvragen")

    # The form reads right to left: the html says so, the form's text runs rtl, and a label
    # starts at the right edge of the form.
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    form = page.locator("#apply-form")
    assert form.evaluate("(f) => getComputedStyle(f).direction") == "rtl"
    label = page.locator("label[for=apply-name]").bounding_box()
    box = form.bounding_box()
    assert label["x"] + label["width"] > box["x"] + box["width"] - 24, (label, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page scrolls sideways at 360 px"
    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS / "fund-help-apply-ar-360.png"), full_page=True)
    assert_accessible(page)

    # Applying leads to the status page: the case number, "received" in Arabic, the link to keep.
    status_path = apply(page, "ar")
    main = page.locator("main")
    expect(main).to_contain_text("تم الاستلام")
    number = NUMBER.search(main.inner_text()).group(0)
    assert page.locator("#status-link").input_value().endswith(status_path)
    page.screenshot(path=str(RESULTS / "fund-help-status-ar-360.png"), full_page=True)
    assert_accessible(page)

    # A committee member asks a question from the case page.
    member = staff("fund_committee")
    committee = browser.new_context(base_url=base_url, locale="nl-NL")
    desk = committee.new_page()
    assert log_in(desk, member.email, member.password).status == 303
    if open_page(desk, "/beheer/fonds/aanvragen").status == 404:
        pytest.skip("the committee's queue does not exist yet")
    assert_accessible(desk)
    with desk.expect_navigation():
        desk.locator("main a", has_text=number).first.click()
    assert_accessible(desk)  # the case page: what the applicant told, the decision forms
    desk.fill("#question", "Hoeveel kinderen heb je?")
    assert submit(desk, "form[action*='/vraag']").status == 303
    committee.close()

    # The applicant sees the question on their page and answers it there.
    open_page(page, status_path)
    expect(main).to_contain_text("Hoeveel kinderen heb je?")
    expect(main).to_contain_text("لدينا سؤال")
    page.fill("#status-message", "ثلاثة أطفال")
    assert submit(page, "#status-message-form").status == 303
    expect(main).to_contain_text("ثلاثة أطفال")
    expect(main).to_contain_text("تم الاستلام")
    expect(main).to_contain_text("لجنة الصندوق")  # "read by the fund committee"
    assert_accessible(page)


@pytest.mark.parametrize("language", FUND_HELP_LANGUAGES)
def test_the_applicant_pages_are_accessible_in_every_fund_language(page, language):
    open_or_skip(page, "/fonds/aanvragen")
    for path in FUND_HELP_PAGES:
        open_page(page, f"/taal/{language}?terug={path}")
        html = page.locator("html")
        assert html.get_attribute("lang") == language
        assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert_accessible(page)
    status_path = apply(page, language)
    for path in [status_path, status_path + "/verwijderen"]:
        open_page(page, path)
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
    # A link that leads nowhere says so in the same language, accessibly.
    assert open_page(page, "/fonds/aanvraag/" + "x" * 43).status == 404
    assert_accessible(page)
