"""Issue #14, the newsletter on a phone: a resident subscribes (apart from signing) and chooses a
district, finds the confirmation mail in the SMTP sink, confirms with its link (double opt-in);
subscribing again brings a mail that carries the list's `List-Unsubscribe` headers, and she leaves
with one click, as a mail program does it (RFC 8058: a POST of `List-Unsubscribe=One-Click` to
the signed address, without a cookie or form token)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests
from playwright.sync_api import expect

from helpers import URL, first_link, unique_email
from steps import assert_accessible, current_path, open_ok, open_page, submit

ROOT = Path(__file__).resolve().parents[2]
TEXTS = json.loads((ROOT / "Features/Communication/Locales/nl.json").read_text())
PHONE = {"width": 320, "height": 640}
FORM = "#newsletter-form"
# The form refuses a post sooner than this after it was shown (a bot); a person takes longer.
MINIMUM_SECONDS = 2.2


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def subscribe(page, address: str, district: bool = True):
    """Fills in the form as a person does, and sends it."""
    open_ok(page, "/nieuwsbrief")
    page.locator(f"{FORM} input[type=email]").fill(address)
    districts = page.locator(f"{FORM} input[type=checkbox][name=district]")
    if district and districts.count():
        districts.first.check()
    page.wait_for_timeout(MINIMUM_SECONDS * 1000)
    return submit(page, FORM)


def one_click_address(mailbox, address: str, base_url: str, timeout: float = 15.0) -> str:
    """The one-click unsubscribe address in the `List-Unsubscribe` header of a mail sent to
    `address`, which must come with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`."""
    deadline = time.monotonic() + timeout
    while True:
        for message in mailbox.to(address):
            header = str(message.get("List-Unsubscribe", ""))
            for url in re.findall(r"<(https?://[^>]+)>", header):
                if "/nieuwsbrief/afmelden" in url:
                    assert str(message.get("List-Unsubscribe-Post", "")).strip() == "List-Unsubscribe=One-Click"
                    return url
        if time.monotonic() > deadline:
            subjects = [str(m["Subject"]) for m in mailbox.to(address)]
            raise AssertionError(f"no mail to {address} carries a List-Unsubscribe header (mails: {subjects})")
        time.sleep(0.2)


def test_subscribe_confirm_and_unsubscribe_with_one_click(page, mailbox, base_url):
    page.set_viewport_size(PHONE)
    address = unique_email("nieuwsbrief")

    # The form: an address, districts and domains of interest; on a phone, accessible.
    open_ok(page, "/nieuwsbrief")
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page)
    fits_the_phone(page)

    # Sent: the page says to check the mail; nothing is subscribed before the link is opened.
    answer = subscribe(page, address)
    assert answer.status == 303, f"subscribing answered {answer.status}"
    assert current_path(page) == "/nieuwsbrief/controleer-mail"
    assert_accessible(page)
    fits_the_phone(page)

    # The confirmation mail, in the sink: its link confirms (double opt-in). It links only to
    # this site and carries no address in the link.
    link = mailbox.wait_for_link(address, "/nieuwsbrief/bevestigen/")
    assert link.startswith(base_url), f"the confirmation link {link} is not on this site"
    assert "@" not in urlsplit(link).path, "the link carries the address"
    for part in mailbox.to(address)[0].walk():
        if part.get_content_maintype() == "text":
            for url in URL.findall(part.get_content()):
                assert url.startswith(base_url), f"the mail links to another site: {url}"
    response = open_page(page, urlsplit(link).path)
    assert response.status == 200, f"confirming answered {response.status}"
    expect(page.locator("main h1")).to_have_text(TEXTS["newsletter.confirmed.title"])
    expect(page.locator("main")).to_contain_text(TEXTS["newsletter.confirmed.text"])
    assert_accessible(page)
    fits_the_phone(page)
    # The same link again changes nothing and says so, without an error.
    assert open_page(page, urlsplit(link).path).status == 200
    expect(page.locator("main")).to_contain_text(TEXTS["newsletter.confirmed.already"])

    # She forgets and subscribes again: no second subscription, a mail that says so, with the
    # list's headers. One click in the mail program: a POST without cookie or form token.
    assert subscribe(page, address).status == 303
    one_click = one_click_address(mailbox, address, base_url)
    assert one_click.startswith(f"{base_url}/nieuwsbrief/afmelden?t="), one_click
    left = requests.post(one_click, data={"List-Unsubscribe": "One-Click"}, allow_redirects=False, timeout=15)
    assert 200 <= left.status_code < 300, f"one-click unsubscribe answered {left.status_code}: {left.text[:200]}"
    assert TEXTS["newsletter.unsubscribe.done"] in left.text
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
    expect(page.locator("main")).to_contain_text(TEXTS["newsletter.unsubscribe.already"])
    assert_accessible(page)
    fits_the_phone(page)


def test_a_bad_address_is_refused_with_a_message(page):
    answer = subscribe(page, "geen-adres", district=False)
    assert answer.status in (400, 422), f"a bad address answered {answer.status}"
    expect(page.locator("main .error").first).to_be_visible()
    assert page.title().startswith("Fout:"), page.title()
    assert_accessible(page)
