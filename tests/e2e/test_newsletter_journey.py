"""Issue #14, the newsletter on a phone: a resident subscribes (apart from signing) and chooses a
district, finds the confirmation mail in the SMTP sink, confirms with its link (double opt-in),
and leaves again with one click, as a mail program does it (RFC 8058: a POST of
`List-Unsubscribe=One-Click` to the signed address, without a cookie or form token)."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import requests
from playwright.sync_api import expect

from helpers import URL, first_link, unique_email
from steps import assert_accessible, current_path, open_or_skip, open_page, submit

PHONE = {"width": 320, "height": 640}
FORM = "main form[action^='/nieuwsbrief'][method=post]"


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def one_click_address(mailbox, address: str, base_url: str, timeout: float = 15.0) -> str:
    """The one-click unsubscribe address for `address`: the `List-Unsubscribe` header of a mail
    sent to it (with `List-Unsubscribe-Post`), else built from the signed token of an
    unsubscribe or preferences link in one of its mails."""
    deadline = time.monotonic() + timeout
    while True:
        for message in mailbox.to(address):
            header = str(message.get("List-Unsubscribe", ""))
            for url in re.findall(r"<(https?://[^>]+)>", header):
                if "/nieuwsbrief/afmelden" in url:
                    assert str(message.get("List-Unsubscribe-Post", "")).strip() == "List-Unsubscribe=One-Click"
                    return url
        for message in mailbox.to(address):
            for path in ("/nieuwsbrief/afmelden/", "/nieuwsbrief/voorkeuren/"):
                link = first_link(message, path)
                if link:
                    token = urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1]
                    return f"{base_url}/nieuwsbrief/afmelden?t={token}"
        if time.monotonic() > deadline:
            subjects = [str(m["Subject"]) for m in mailbox.to(address)]
            raise AssertionError(f"no mail to {address} carries an unsubscribe address (mails: {subjects})")
        time.sleep(0.2)


def test_subscribe_confirm_and_unsubscribe_with_one_click(page, context, mailbox, base_url):
    page.set_viewport_size(PHONE)
    address = unique_email("nieuwsbrief")

    # The form: an address, districts and domains of interest; on a phone, accessible.
    assert open_or_skip(page, "/nieuwsbrief").status == 200
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page)
    fits_the_phone(page)
    page.locator(f"{FORM} input[type=email]").fill(address)
    districts = page.locator(f"{FORM} input[type=checkbox][name^=district]")
    if districts.count():
        districts.first.check()

    # Sent: the page says to check the mail; nothing is subscribed before the link is opened.
    answer = submit(page, FORM)
    assert answer.status == 303, f"subscribing answered {answer.status}"
    assert current_path(page) == "/nieuwsbrief/controleer-mail"
    assert_accessible(page)
    fits_the_phone(page)

    # The confirmation mail, in the sink: its link confirms (double opt-in).
    link = mailbox.wait_for_link(address, "/nieuwsbrief/bevestigen/")
    assert link.startswith(base_url), f"the confirmation link {link} is not on this site"
    confirmation = mailbox.to(address)[0]
    assert "@" not in urlsplit(link).path, "the link carries the address"
    for part in confirmation.walk():
        if part.get_content_maintype() == "text":
            assert all(url.startswith(base_url) or url.startswith("mailto:") for url in URL.findall(part.get_content())
                       if "://" in url), "the mail links to another site"
    response = open_page(page, urlsplit(link).path)
    assert response.status == 200, f"confirming answered {response.status}"
    expect(page.locator("main [role=status], main h1").first).to_be_visible()
    assert_accessible(page)
    fits_the_phone(page)
    # The same link again changes nothing and says so, without an error.
    assert open_page(page, urlsplit(link).path).status == 200

    # One click in the mail program: a POST without cookie or form token.
    one_click = one_click_address(mailbox, address, base_url)
    assert one_click.startswith(f"{base_url}/nieuwsbrief/afmelden?t="), one_click
    left = requests.post(one_click, data={"List-Unsubscribe": "One-Click"}, allow_redirects=False, timeout=15)
    assert 200 <= left.status_code < 300, f"one-click unsubscribe answered {left.status_code}: {left.text[:200]}"
    # Twice is harmless (a mail program may retry).
    again = requests.post(one_click, data={"List-Unsubscribe": "One-Click"}, allow_redirects=False, timeout=15)
    assert 200 <= again.status_code < 300
    # A forged token is refused and changes nothing.
    forged = one_click[:-4] + ("0000" if not one_click.endswith("0000") else "1111")
    refused = requests.post(forged, data={"List-Unsubscribe": "One-Click"}, allow_redirects=False, timeout=15)
    assert refused.status_code in (400, 404), f"a forged token answered {refused.status_code}"

    # The unsubscribe page (reached from the mail's footer) now says she is off the list.
    token = one_click.split("?t=", 1)[1]
    assert open_page(page, f"/nieuwsbrief/afmelden/{token}").status == 200
    assert_accessible(page)
    fits_the_phone(page)


def test_a_bad_address_is_refused_with_a_message(page):
    assert open_or_skip(page, "/nieuwsbrief").status == 200
    page.locator(f"{FORM} input[type=email]").fill("geen-adres")
    answer = submit(page, FORM)
    assert answer.status == 400, f"a bad address answered {answer.status}"
    expect(page.locator("main .error, main [role=alert]").first).to_be_visible()
    assert_accessible(page)
