"""Issue #9: a resident gives to the Solidarity Fund by bank transfer on a phone and sees
everything their banking app needs: the IBAN, the amount, the structured reference and a QR
code it can scan; the instructions also arrive by mail. The transparency page is accessible."""

import re

import pytest
from playwright.sync_api import expect

from helpers import unique_email
from steps import assert_accessible, open_or_skip, open_page

REFERENCE = re.compile(r"RF\d{2}( ?\d{4}){3}")


def test_give_by_bank_transfer_on_a_phone(page, mailbox):
    page.set_viewport_size({"width": 320, "height": 740})
    open_or_skip(page, "/fonds")
    assert_accessible(page)

    # From the fund's page to the form, as a person would.
    with page.expect_navigation():
        page.locator("main a[href^='/fonds/doneren']").first.click()
    assert_accessible(page)
    address = unique_email("donor")
    page.check("#give-once")
    page.check("#give-amount-other")
    page.fill("#give-other", "17,50")
    page.fill("#give-name", "Fatima El Amrani")
    page.fill("#give-email", address)
    page.check("#give-wall-first_name")
    page.fill("#give-message", "Voor een warme winter")
    page.check("#give-method-transfer")
    with page.expect_navigation():
        page.locator("#give-form button[type=submit], #give-form input[type=submit]").first.click()

    # The transfer page: IBAN, amount, reference and the QR code, readable at 320 px.
    assert "/fonds/overmaken/" in page.url
    main = page.locator("main")
    expect(main).to_contain_text("IBAN")
    expect(main).to_contain_text("17,50")
    text = main.inner_text()
    reference = REFERENCE.search(text)
    assert reference, text
    qr = page.locator("main img[src*='qr.svg']")
    expect(qr).to_be_visible()
    assert qr.get_attribute("alt")
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", qr.element_handle())
    assert_accessible(page)

    # The same instructions by mail, with a link back to this page.
    link = mailbox.wait_for_link(address, "/fonds/overmaken/")
    assert link.endswith(page.url.split("#")[0].split("/fonds/overmaken/")[1])
    mail = mailbox.to(address)[-1]
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert reference.group(0).replace(" ", "") in body.replace(" ", "")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_transparency_page_is_accessible(page, language):
    open_or_skip(page, "/fonds/verantwoording")
    open_page(page, f"/taal/{language}?terug=/fonds/verantwoording")
    assert page.locator("html").get_attribute("lang") == language
    # Every chart is described and has its numbers in a table beside it.
    charts = page.locator("main svg")
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.get_attribute("role") == "img" or chart.locator("title").count() == 1
    assert_accessible(page)


def test_a_refused_gift_says_why_on_a_phone(page):
    page.set_viewport_size({"width": 320, "height": 740})
    open_or_skip(page, "/fonds/doneren")
    page.check("#give-amount-other")
    page.fill("#give-other", "-5")
    page.fill("#give-name", "Daan")
    page.fill("#give-email", unique_email("daan"))
    page.check("#give-method-transfer")
    with page.expect_navigation():
        page.locator("#give-form button[type=submit], #give-form input[type=submit]").first.click()
    assert page.title().startswith("Fout: "), page.title()
    expect(page.locator("main .error-summary")).to_be_visible()
    assert_accessible(page)
