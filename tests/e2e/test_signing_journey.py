"""Issue #8, items 3–5, on a 390 px phone: from the home page to a confirmed signature in the
fewest steps, with the signer's own link to share once confirmed; a second sign-up with the same address
leaves the first mail's links working; the language switch keeps the campaign code."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from helpers import unique_email
from steps import assert_accessible, current_path, expect_path, open_page, submit

SIGN_FORM = "main form[action^='/manifest/ondertekenen']"


def on_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 844})


def fill_in(page, name: str, email: str):
    page.fill("#sign-name", name)
    page.fill("#sign-email", email)
    page.select_option("#sign-district", index=1)
    page.wait_for_timeout(3100)  # a person takes a few seconds; instant submissions count as bots


def test_from_the_home_page_to_a_confirmed_signature_on_a_phone(page, mailbox):
    on_a_phone(page)
    email = unique_email("telefoon")
    open_page(page, "/")
    page.locator("main a[href^='/manifest']").first.click()
    expect_path(page, "/manifest")
    fill_in(page, "Noor Bakker", email)
    assert submit(page, SIGN_FORM).status == 303
    expect_path(page, "/manifest/bedankt")

    # What happens next, and the manifesto's plain link to pass on: nothing personal yet (anyone
    # can sign up with anyone's address), plain links, nothing from elsewhere.
    expect(page.locator("main h2", has_text="Wat gebeurt er nu?")).to_be_visible()
    plain = page.locator("#share-link").input_value()
    assert urlsplit(plain).path == "/manifest" and not urlsplit(plain).query
    assert "deel-" not in page.content()
    assert page.locator("main a[href^='https://wa.me/?text=']").count() == 1
    assert page.locator("main a[href^='mailto:']").count() == 1
    assert page.locator("script").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    # Once she follows the mail's link, the link is her own, with a random code, the same each time.
    confirm = mailbox.wait_for_link(email, "/manifest/bevestigen/")
    open_page(page, confirm)
    expect(page.locator("main h1")).to_have_text("Dank je wel voor je handtekening")
    own = page.locator("#share-link").input_value()
    code = parse_qs(urlsplit(own).query)["ref"][0]
    assert re.fullmatch(r"deel-[a-z2-7]{10}", code)
    assert_accessible(page)
    open_page(page, confirm)
    assert page.locator("#share-link").input_value() == own, "one signer, one link"

    # She offers time: the registration form is filled in, with nothing of her in the address.
    answer = submit(page, "main form:has(input[name='action'][value='volunteer'])")
    assert answer.status == 303 and urlsplit(answer.headers["location"]).query == ""
    expect_path(page, "/account/registreren")
    assert urlsplit(page.url).query == ""
    assert page.locator("main #name").input_value() == "Noor Bakker"
    assert page.locator("main #email").input_value() == email
    switch = page.locator("header a[hreflang='en']").get_attribute("href") or ""
    assert "naam=" not in switch and "email=" not in switch, "nor in the language switch"


def test_a_second_sign_up_leaves_the_first_mails_links_working(page, context, base_url, mailbox):
    on_a_phone(page)
    email = unique_email("tweemaal")
    open_page(page, "/manifest")
    fill_in(page, "Daan de Vries", email)
    assert submit(page, SIGN_FORM).status == 303
    first_confirm = mailbox.wait_for_link(email, "/manifest/bevestigen/")
    first_withdraw = mailbox.wait_for_link(email, "/manifest/intrekken/")

    # Someone else types the same address in, in another browser.
    other = context.browser.new_context(base_url=base_url, locale="nl-NL")
    stranger = other.new_page()
    open_page(stranger, "/manifest")
    fill_in(stranger, "Iemand Anders", email)
    assert submit(stranger, SIGN_FORM).status == 303
    other.close()

    # The first mail's links still work: confirm, then withdraw.
    open_page(page, first_confirm)
    expect(page.locator("main h1")).to_have_text("Dank je wel voor je handtekening")
    open_page(page, first_withdraw)
    assert submit(page, "main form[action^='/manifest/intrekken/']").status == 303
    expect(page.locator("[role=status]")).to_be_visible()


def test_the_language_switch_keeps_the_campaign_code(page):
    on_a_phone(page)
    open_page(page, "/manifest?ref=radio1")
    page.locator("header a[hreflang='en']").click()
    assert current_path(page) == "/manifest"
    assert parse_qs(urlsplit(page.url).query) == {"ref": ["radio1"]}
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("input[name='ref']").input_value() == "radio1"

    # On a form error too: the switch leads back to the form, with its code.
    fill_in(page, "", unique_email("fout"))
    assert submit(page, SIGN_FORM).status == 400
    page.locator("header a[hreflang='nl']").click()
    assert current_path(page) == "/manifest"
    assert parse_qs(urlsplit(page.url).query) == {"ref": ["radio1"]}
    assert re.search(r"Manifest", page.title())
