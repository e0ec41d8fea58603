"""What people do on the site, step by step, in a real browser against the real server.

A feature adds its journey here as one test function; while its page still answers 404
the journey skips itself (open_or_skip).
"""

import json
import re
import time

from playwright.sync_api import expect

from conftest import RESULTS
from helpers import Account, new_password, unique_email
from steps import (assert_accessible, current_path, expect_path, expect_status_message, focus_is_visible, log_in,
                   log_out, open_or_skip, open_page, submit)

def headline_indicators(page):
    """The home page's figures are the registered indicators with a headline order, in that order."""
    indicators = page.request.get("/api/v1/indicators").json()
    headline = [i for i in indicators if i.get("headlineOrder") is not None]
    return [i["key"] for i in sorted(headline, key=lambda i: i["headlineOrder"])]


def switch_language(page, code):
    page.locator(f"header a[href^='/taal/{code}']").click()
    page.wait_for_load_state()


def test_home_in_dutch_then_english_and_back(page):
    open_page(page, "/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("main#main")).to_be_visible()
    expect(page.locator("header nav ul.nav")).to_have_count(1)
    expect(page.locator("a.skip, a[href='#main']").first).to_have_attribute("href", "#main")
    expect(page.locator("footer a[href='/privacy']")).to_be_visible()
    expect(page.locator("footer a[href='/contact']")).to_be_visible()
    keys = headline_indicators(page)
    assert "manifesto_signatures" in keys
    for key in keys:
        expect(page.locator(f"[data-indicator='{key}']")).to_have_count(1)
    shown = page.locator("[data-indicator]").evaluate_all("els => els.map(e => e.dataset.indicator)")
    assert shown == keys, "the home page shows exactly the headline figures, in their order"
    dutch_heading = page.locator("h1").inner_text()

    switch_language(page, "en")
    expect_path(page, "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.locator("h1").inner_text() != dutch_heading

    switch_language(page, "nl")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert page.locator("h1").inner_text() == dutch_heading


def test_language_switch_keeps_the_page(page):
    open_page(page, "/privacy")
    switch_language(page, "en")
    expect_path(page, "/privacy")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_home_on_a_phone(page):
    page.set_viewport_size({"width": 375, "height": 740})
    RESULTS.mkdir(parents=True, exist_ok=True)
    for code in ("nl", "en"):
        open_page(page, f"/taal/{code}?terug=/")
        expect(page.locator("html")).to_have_attribute("lang", code)
        page.screenshot(path=str(RESULTS / f"home-375-{code}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"the {code} home page scrolls sideways on a phone ({width}px wide)"


def test_unknown_page_is_404_in_both_languages(page):
    assert open_page(page, "/bestaat-niet").status == 404
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    open_page(page, "/taal/en?terug=/")
    assert open_page(page, "/does-not-exist").status == 404
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main#main h1")).to_be_visible()


def test_register_confirm_log_in_and_out(page, mailbox, base_url):
    person = Account("Fatima El Amrani", unique_email("nieuw"), new_password())
    open_page(page, "/account/registreren")
    page.fill("#name", person.name)
    page.fill("#email", person.email)
    page.fill("#password", person.password)
    assert submit(page).status == 303
    expect_path(page, "/account/controleer-mail")

    # Not confirmed yet: logging in is refused with a message saying why.
    assert log_in(page, person.email, person.password).status in (400, 401, 403)
    expect(page.locator("main [role=alert]")).to_be_visible()

    link = mailbox.wait_for_link(person.email, "/account/bevestigen/")
    assert link.startswith(base_url + "/")
    open_page(page, link)
    expect_path(page, "/account/inloggen")
    expect_status_message(page)

    assert log_in(page, person.email, person.password).status == 303
    expect_path(page, "/account")
    expect(page.locator("main")).to_contain_text(person.name)
    expect(page.locator("main")).to_contain_text(person.email)

    log_out(page)
    expect_path(page, "/")
    expect(page.locator("header a[href='/account/inloggen']")).to_be_visible()

    # A confirmation link works once.
    assert open_page(page, link).status in (400, 410)
    expect(page.locator("main")).not_to_be_empty()


def test_forgotten_password(page, mailbox, account):
    open_page(page, "/account/wachtwoord-vergeten")
    page.fill("#email", account.email)
    assert submit(page).status == 303
    expect_status_message(page)

    link = mailbox.wait_for_link(account.email, "/account/wachtwoord-herstellen/")
    new = new_password()
    open_page(page, link)
    page.fill("#password", new)
    assert submit(page).status == 303
    expect_path(page, "/account/inloggen")
    expect_status_message(page)

    assert log_in(page, account.email, new).status == 303
    expect_path(page, "/account")
    log_out(page)
    assert log_in(page, account.email, account.password).status in (400, 401), "the old password still works"
    # A reset link works once: opening it again says so at once.
    assert open_page(page, link).status == 410, "a used reset link should say so on opening"
    expect(page.locator("main [role=alert]")).to_be_visible()
    expect(page.locator("#password")).to_have_count(0)


def test_six_wrong_passwords_are_rate_limited(page, account):
    statuses = [log_in(page, account.email, "niet-mijn-wachtwoord").status for _ in range(6)]
    assert all(status in (400, 401) for status in statuses[:5]), statuses
    assert statuses[5] == 429, statuses
    expect(page.locator("main [role=alert]")).to_be_visible()
    # Now even the right password has to wait.
    assert log_in(page, account.email, account.password).status == 429
    expect_path(page, "/account/inloggen")


def test_data_export_and_account_deletion(page, account):
    assert log_in(page, account.email, account.password).status == 303
    with page.expect_download() as download:
        page.locator("main a[href='/account/gegevens']").click()
    assert download.value.suggested_filename.endswith(".json")
    with open(download.value.path(), encoding="utf-8") as f:
        data = json.load(f)
    assert account.email in json.dumps(data, ensure_ascii=False)
    # A download because the server says so, not only because the link asks for one.
    assert page.request.get("/account/gegevens").headers["content-disposition"].startswith("attachment")

    page.fill("#delete-password", account.password)
    assert submit(page, "main form[action^='/account/verwijderen']").status == 303
    expect_path(page, "/")
    expect_status_message(page)
    assert log_in(page, account.email, account.password).status in (400, 401)
    assert current_path(page) == "/account/inloggen"


def test_register_with_the_keyboard_only(page, mailbox):
    person = Account("Kwame Mensah", unique_email("toetsenbord"), new_password())
    open_page(page, "/account/registreren")
    page.keyboard.press("Tab")
    assert focus_is_visible(page)["text"] and page.evaluate("document.activeElement.getAttribute('href')") == "#main", \
        "the first Tab should reach the skip link"

    unseen = []
    for _ in range(40):
        focus = focus_is_visible(page)
        if not focus["visible"]:
            unseen.append(focus)
        if focus["id"] == "name":
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("Tab never reached the name field")

    for field, value in (("name", person.name), ("email", person.email), ("password", person.password)):
        focus = focus_is_visible(page)
        assert focus["id"] == field, f"expected focus on {field}, got {focus}"
        if not focus["visible"]:
            unseen.append(focus)
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    button = focus_is_visible(page)
    assert button["tag"] == "BUTTON", f"after the password, Tab should reach the submit button, got {button}"
    if not button["visible"]:
        unseen.append(button)
    assert not unseen, f"focus not visible on: {unseen}"

    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect_path(page, "/account/controleer-mail")
    mailbox.wait_for_link(person.email, "/account/bevestigen/")


def test_admin_gives_a_resident_a_role(page, admin, account):
    assert log_in(page, admin.email, admin.password).status == 303
    open_page(page, "/beheer/rollen")
    row = page.locator("tr", has=page.locator("td", has_text=account.email))
    state = row.locator("li:has(input[name=role][value=coordinator]) .role-state")
    expect(state).to_have_text("nee")
    assert submit(page, f"tr:has(td:text-is('{account.email}')) form:has(input[name=role][value=coordinator])").status == 303
    expect_status_message(page)
    expect(state).to_have_text("ja")

    log_out(page)
    assert log_in(page, account.email, account.password).status == 303
    assert "coordinator" in page.request.get("/account/gegevens").json()["account"]["roles"]


# --- features still being built: each replaces its smoke check with the full journey ---------


def signature_count(page) -> int:
    return int(re.sub(r"\D", "", page.locator("[data-indicator='manifesto_signatures']").first.inner_text()) or 0)


def wait_for_count(page, path, expected, timeout=10.0):
    """Counts are written in batches: reload until the counter shows `expected`."""
    deadline = time.monotonic() + timeout
    while True:
        open_page(page, path)
        if signature_count(page) == expected or time.monotonic() > deadline:
            assert signature_count(page) == expected, f"{path} counts {signature_count(page)}, expected {expected}"
            return
        time.sleep(0.3)


def test_sign_the_manifesto(page, mailbox):
    person = Account("Sanne Bakker", unique_email("manifest"), "")
    open_or_skip(page, "/manifest")
    before = signature_count(page)
    page.fill("#sign-name", person.name)
    page.fill("#sign-email", person.email)
    page.select_option("#sign-district", index=1)
    page.fill("#sign-postcode", "1011 AB")
    page.wait_for_timeout(3100)  # a person takes a few seconds; instant submissions count as bots
    assert submit(page, "main form[action^='/manifest/ondertekenen']").status == 303
    expect_path(page, "/manifest/bedankt")

    confirm = mailbox.wait_for_link(person.email, "/manifest/bevestigen/")
    withdraw = mailbox.wait_for_link(person.email, "/manifest/intrekken/")
    assert open_page(page, confirm).status == 200
    assert_accessible(page)
    wait_for_count(page, "/manifest", before + 1)
    wait_for_count(page, "/", before + 1)

    # Changed their mind: the link in the mail withdraws the signature.
    open_page(page, withdraw)
    assert_accessible(page)
    assert submit(page, "main form[action^='/manifest/intrekken/']").status == 303
    expect_status_message(page)
    wait_for_count(page, "/manifest", before)


def test_sign_the_manifesto_with_the_keyboard_only(page, mailbox):
    person = Account("Ayaan Osman", unique_email("toetsen-manifest"), "")
    open_or_skip(page, "/manifest")
    unseen = []

    def tab_to(element_id):
        for _ in range(60):
            page.keyboard.press("Tab")
            focus = focus_is_visible(page)
            if not focus["visible"]:
                unseen.append(focus)
            if focus["id"] == element_id:
                return
        raise AssertionError(f"Tab never reached #{element_id}")

    tab_to("sign-name")
    page.keyboard.type(person.name)
    tab_to("sign-email")
    page.keyboard.type(person.email)
    tab_to("sign-district")
    page.keyboard.press("ArrowDown")  # the first district
    tab_to("sign-postcode")
    page.keyboard.type("1091 GH")
    tab_to("sign-show")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focus_is_visible(page)["id"] == "sign-news"
    page.keyboard.press("Tab")  # past the newsletter box, left unticked: a separate consent
    button = focus_is_visible(page)
    assert button["tag"] == "BUTTON", f"after the checkboxes, Tab should reach the sign button, got {button}"
    assert not unseen, f"focus not visible on: {unseen}"
    expect(page.locator("#sign-show")).to_be_checked()
    expect(page.locator("#sign-news")).not_to_be_checked()

    page.wait_for_timeout(3100)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect_path(page, "/manifest/bedankt")
    mailbox.wait_for_link(person.email, "/manifest/bevestigen/")


def test_manifesto_refuses_a_form_sent_back_instantly(page, mailbox):
    email = unique_email("robot")
    open_or_skip(page, "/manifest")
    page.fill("#sign-name", "Snelle Robot")
    page.fill("#sign-email", email)
    page.select_option("#sign-district", index=1)
    assert submit(page, "main form[action^='/manifest/ondertekenen']").status == 400
    expect(page.locator("main [role=alert]")).to_be_visible()
    expect(page.locator("#sign-email")).to_have_value(email)


def test_give_to_the_fund(page):
    open_or_skip(page, "/fonds")
    expect(page.locator("main h1")).to_be_visible()
    with page.expect_navigation():
        page.locator("main a[href^='/fonds/doneren']").first.click()
    expect(page.locator("main form[method=post] input[name=_csrf]").first).to_be_attached()
