"""Issue #14, stories: a coordinator writes a story, records the consent of the person in it,
adds a photo that carries hidden metadata, and publishes it; a resident on a phone finds it in
/verhalen and reads it (Open Graph preview tags, the photo with its alt text and without its
metadata); when the consent is withdrawn the story goes offline at once. Axe on every page.

The e2e server starts empty, so the journey makes its own story through the coordinators' forms."""

from __future__ import annotations

import re
import struct
import uuid
import zlib
from urllib.parse import urlsplit

import requests
from playwright.sync_api import expect

from steps import assert_accessible, current_path, log_in, open_ok, open_page, submit

PHONE = {"width": 320, "height": 640}
# What a camera or an editing program leaves in a file; it must never reach a reader.
SECRET = "GPS 52.3731 N 4.8922 E Kracht-e2e-geheim"


def png_with_metadata() -> bytes:
    """A small real PNG (a red-and-white stripe, 64 x 48) with a text chunk holding SECRET."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    width, height = 64, 48
    rows = b"".join(b"\x00" + b"".join(b"\xc8\x10\x2e" if (x // 8) % 2 == 0 else b"\xff\xff\xff" for x in range(width))
                    for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"tEXt", b"Comment\x00" + SECRET.encode()) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def form_ending(page, suffix: str) -> str:
    """The selector of the one form in main whose action ends with `suffix`."""
    selector = f"main form[action$='{suffix}']"
    assert page.locator(selector).count() >= 1, f"no form posting to …{suffix} on {page.url}"
    return selector


def test_a_story_with_consent_and_photo_is_published_read_on_a_phone_and_taken_offline(page, context, staff, base_url, tmp_path):
    coordinator = staff("coordinator")
    title = f"Buurtkeuken Noord {uuid.uuid4().hex[:6]}"

    # The coordinator writes the story.
    assert log_in(page, coordinator.email, coordinator.password).status == 303
    open_ok(page, "/verhalen/beheer/nieuw")
    assert_accessible(page)
    form = form_ending(page, "/verhalen/beheer/nieuw")
    page.fill(f"{form} [name=title]", title)
    page.fill(f"{form} [name=summary]", "Elke donderdag koken buren samen in het buurthuis aan de Waterlandplein.")
    page.fill(f"{form} [name=body]", "Het begon met zes buren en een pan soep.\n\nNu eten er elke week **veertig** mensen mee.")
    for name in ("district", "domain"):
        field = page.locator(f"{form} select[name={name}]")
        if field.count():
            values = [v for v in field.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
            if values:
                field.select_option(values[0])
    assert submit(page, form).status == 303
    edit = current_path(page)
    assert re.fullmatch(r"/verhalen/beheer/[0-9A-Fa-f-]{36}", edit), f"after saving: {page.url}"
    assert_accessible(page)

    # The consent of the person in it: who, when, for what use.
    consent = form_ending(page, "/toestemming")
    page.fill(f"{consent} [name=person]", "Aziza B. (kok)")
    uses = page.locator(f"{consent} input[type=checkbox][name=uses]")
    for index in range(uses.count()):
        uses.nth(index).check()
    assert submit(page, consent).status == 303
    assert_accessible(page)

    # The photo, with metadata hidden in it, and its alt text.
    photo_file = tmp_path / "keuken.png"
    photo_file.write_bytes(png_with_metadata())
    upload = form_ending(page, "/foto")
    page.set_input_files(f"{upload} input[type=file]", str(photo_file))
    alt = page.locator(f"{upload} [name=alt]")
    if alt.count():
        alt.fill("Buren koken samen in een grote pan soep")
    assert submit(page, upload).status == 303
    assert_accessible(page)

    # Published.
    assert submit(page, form_ending(page, "/publiceren")).status == 303

    # A resident on a phone finds it in the list and reads it.
    context.clear_cookies()
    page.set_viewport_size(PHONE)
    assert open_page(page, "/verhalen").status == 200
    assert_accessible(page)
    fits_the_phone(page)
    link = page.locator("main a", has_text=title).first
    expect(link).to_be_visible()
    story = link.get_attribute("href")
    assert story and story.startswith("/verhalen/"), story
    assert open_page(page, story).status == 200
    expect(page.locator("main h1")).to_have_text(title)
    assert_accessible(page)
    fits_the_phone(page)

    # Shareable: Open Graph tags name it, and its picture is served from Kracht itself.
    og = {name: page.locator(f"meta[property='og:{name}']").first.get_attribute("content")
          for name in ("title", "type", "url", "image") if page.locator(f"meta[property='og:{name}']").count()}
    assert og.get("title", "").startswith(title), og
    assert og.get("url", "").startswith(base_url), og
    assert og.get("image", "").startswith(base_url), f"the preview image is not Kracht's own: {og}"

    # The photo: shown with its alt text, served without the metadata it was uploaded with.
    image = page.locator("main img[src*='/verhalen/foto/']").first
    expect(image).to_be_visible()
    assert (image.get_attribute("alt") or "").strip(), "the photo has no alt text"
    for src in {image.get_attribute("src"), urlsplit(og["image"]).path}:
        served = requests.get(base_url + src, timeout=15)
        assert served.status_code == 200, f"{src}: {served.status_code}"
        assert served.headers.get("Content-Type", "").startswith("image/"), served.headers.get("Content-Type")
        assert SECRET.encode() not in served.content and b"Kracht-e2e-geheim" not in served.content, f"{src} still carries the metadata"

    # The consent is withdrawn: offline at once, gone from the list.
    assert log_in(page, coordinator.email, coordinator.password).status == 303
    open_page(page, edit)
    assert submit(page, form_ending(page, "/intrekken")).status == 303
    context.clear_cookies()
    assert open_page(page, story).status in (404, 410)
    assert open_page(page, "/verhalen").status == 200
    expect(page.locator("main a", has_text=title)).to_have_count(0)


def test_the_stories_list_reads_on_a_phone(page):
    page.set_viewport_size(PHONE)
    open_ok(page, "/verhalen")
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page)
    fits_the_phone(page)
