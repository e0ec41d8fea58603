"""Issue #12, the events journey on a phone: a resident without an account registers for a
neighbourhood meetup, confirms from the mail, sees the registration with its QR code; the
organiser scans it (the QR's URL, read from the code itself, opened in their signed-in browser),
checks the person in with one tap, and a second scan says when they were checked in."""

import json
import os
import re
import subprocess
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qr_reader import read_svg
from steps import assert_accessible, current_path, log_in, open_or_skip, open_page, submit

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("KRACHT_E2E_BIN", "")
PHONE = {"width": 375, "height": 740}
DEMO_COORDINATOR = ("coordinator@demo.krachtvanmokum.nl", "kracht-demo-2026")
TEXTS = json.loads((ROOT / "Features/Events/Locales/nl.json").read_text())
EVENT_LINK = re.compile(r"^/evenementen/(?!nieuw$|mijn$|geweest$|stadsdeel/|aanmelding/|inchecken/|reeksen/)[a-z0-9-]+$")


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def organiser(page, staff):
    """The demo coordinator when `kracht demo` filled the database, else a new coordinator (who
    may run every event) with a few events made by `kracht events fill`."""
    if log_in(page, *DEMO_COORDINATOR).status == 303:
        return True
    if not BIN:
        pytest.skip("no demo and no binary to fill events with (run scripts/e2e.sh)")
    filled = subprocess.run([BIN, "events", "fill", "--occurrences", "4"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert filled.returncode == 0, filled.stdout + filled.stderr
    person = staff("coordinator")
    assert log_in(page, person.email, person.password).status == 303
    return False


def meetup_with_places(page):
    """The first upcoming meetup in the agenda whose form registers (not only for the waitlist)."""
    open_or_skip(page, "/evenementen?soort=meetup")
    links = [href for href in page.eval_on_selector_all("main a[href^='/evenementen/']", "els => els.map(e => e.getAttribute('href'))")
             if EVENT_LINK.match(href)]
    for href in dict.fromkeys(links):
        open_page(page, href)
        button = page.locator("#event-register button[type=submit]")
        if button.count() == 1 and button.inner_text().strip() == TEXTS["events.register.submit"]:
            return href
    pytest.fail(f"no meetup with free places among {len(links)} in the agenda")


def test_register_anonymously_confirm_from_the_mail_and_be_checked_in_at_the_door(page, context, mailbox, staff):
    page.set_viewport_size(PHONE)
    demo = organiser(page, staff)
    context.clear_cookies()  # the resident has no account and is not signed in

    # A resident finds a meetup and registers without an account.
    event_path = meetup_with_places(page)
    assert_accessible(page)
    fits_the_phone(page)
    email = f"bezoeker-{uuid.uuid4().hex[:10]}@example.test"
    page.fill("#register-name", "Sara Bezoeker")
    page.fill("#register-email", email)
    if page.locator("#register-house-rules").count():
        page.check("#register-house-rules")
    assert submit(page, "#event-register").status == 303
    assert current_path(page) == event_path
    expect(page.locator("[role=status]").first).to_contain_text(TEXTS["events.register.flash.check_mail"])
    fits_the_phone(page)

    # The mail's link confirms: then the registration's page shows the QR code.
    link = mailbox.wait_for_link(email, "/bevestigen")
    open_page(page, link)
    assert_accessible(page)
    page.get_by_role("button", name=TEXTS["events.registration.confirm.button"]).click()
    page.wait_for_load_state()
    assert current_path(page).startswith("/evenementen/aanmelding/")
    expect(page.locator("main h2#qr-heading")).to_have_text(TEXTS["events.registration.qr.heading"])
    qr = page.locator("main img.qr")
    expect(qr).to_be_visible()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", qr.element_handle())
    assert_accessible(page)
    fits_the_phone(page)
    svg = page.request.get(qr.get_attribute("src"))
    assert svg.ok and svg.headers["content-type"].startswith("image/svg+xml")
    check_in = read_svg(svg.text())
    assert "/evenementen/inchecken/" in check_in and email not in check_in

    # The organiser scans it: the link opens in their signed-in browser, one tap checks in.
    if demo:
        assert log_in(page, *DEMO_COORDINATOR).status == 303
    else:
        person = staff("coordinator")
        assert log_in(page, person.email, person.password).status == 303
    open_page(page, check_in)
    expect(page.locator("main h1")).to_have_text("Sara Bezoeker")
    assert_accessible(page)
    fits_the_phone(page)
    assert submit(page, "main form").status == 303
    expect(page.locator("main [role=status]").first).to_be_visible()

    # A second scan says when.
    open_page(page, check_in)
    already = re.escape(TEXTS["events.checkin.already"]).replace(re.escape("{time}"), r"\d{2}:\d{2}")
    expect(page.locator("main [role=status]").first).to_have_text(re.compile(already))
    assert page.get_by_role("button", name=TEXTS["events.checkin.button"]).count() == 0
    fits_the_phone(page)
