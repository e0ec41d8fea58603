"""Issue #13, the plans journey on a 320 px phone: a resident reads a published plan, supports an
activity and proposes a change to a section's text; a coordinator accepts it and publishes the
next version; the resident sees her words added in the diff between the two versions, and her
name credited in the plan's history. Axe on the plan page, the suggestion form and the diff."""

import json
import os
import re
import subprocess
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from steps import assert_accessible, current_path, log_in, open_or_skip, open_page, submit

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("KRACHT_E2E_BIN", "")
PHONE = {"width": 320, "height": 640}
TEXTS = json.loads((ROOT / "Features/Plans/Locales/nl.json").read_text())
ADDED = "Ook de bibliotheek in de buurt doet mee met een leesclub."


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def published_plan():
    """A fresh published plan of two sections (`kracht plans fill`), so the journey owns its version numbers."""
    if not BIN:
        pytest.skip("no binary to fill a plan with (run scripts/e2e.sh)")
    slug = f"e2e-{uuid.uuid4().hex[:8]}"
    filled = subprocess.run([BIN, "plans", "fill", "--sections", "2", "--versions", "1", "--reactions", "6", "--slug", slug],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert filled.returncode == 0, filled.stdout + filled.stderr
    return f"/plannen/{slug}"


def test_a_resident_supports_proposes_a_change_and_sees_it_credited_in_the_next_version(page, context, create_account, staff):
    page.set_viewport_size(PHONE)
    plan = published_plan()
    resident = create_account("Fatima Lezer")
    coordinator = staff("coordinator")

    # She reads the plan on her phone, signed in.
    assert log_in(page, resident.email, resident.password).status == 303
    open_or_skip(page, plan)
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page)
    fits_the_phone(page)

    # She supports the first activity: the button turns into "withdraw".
    support = page.locator("main form[action$='/steunen']").first
    action = support.get_attribute("action")
    assert submit(page, f"main form[action='{action}']").status == 303
    assert current_path(page).startswith(plan)
    withdraw = action.removesuffix("/steunen") + "/steun-intrekken"
    expect(page.locator(f"main form[action='{withdraw}'] button")).to_contain_text(TEXTS["plans.support.withdraw"])

    # She proposes a change to the first section's text.
    page.locator("main a", has_text=TEXTS["plans.plan.suggest_change"]).first.click()
    page.wait_for_load_state()
    expect(page.locator("#plans-suggest-form")).to_be_visible()
    assert_accessible(page)
    fits_the_phone(page)
    page.fill("#plans-suggest-title", "De bibliotheek noemen")
    body = page.locator("#plans-suggest-body")
    text = body.input_value()
    assert text.strip(), "the form starts from the section's current text"
    body.fill(text.rstrip() + "\n\n" + ADDED + "\n")
    page.fill("#plans-suggest-explanation", "De bibliotheek wil graag meedoen.")
    assert submit(page, "#plans-suggest-form").status == 303
    suggestion = current_path(page)
    assert re.fullmatch(rf"{plan}/voorstellen/[0-9A-Fa-f-]{{36}}", suggestion), suggestion
    expect(page.locator("main ins").first).to_be_visible()
    fits_the_phone(page)

    # A coordinator accepts it and publishes version 2.
    context.clear_cookies()
    assert log_in(page, coordinator.email, coordinator.password).status == 303
    open_page(page, suggestion)
    page.check("#plans-decide-accept")
    page.fill("#plans-decide-reason", "Goed idee, dank je.")
    assert submit(page, "#plans-decide-form").status == 303
    open_page(page, f"{plan}/publiceren")
    page.fill("#publish-note", "De bibliotheek toegevoegd, op voorstel van een lezer.")
    assert submit(page, "#publish-form").status == 303

    # She sees her words added in the diff of version 1 and 2, and her name in the history.
    context.clear_cookies()
    assert log_in(page, resident.email, resident.password).status == 303
    open_page(page, f"{plan}/verschil?van=1&tot=2")
    expect(page.locator("main ins", has_text="bibliotheek").first).to_be_visible()
    assert_accessible(page)
    fits_the_phone(page)
    open_page(page, f"{plan}/versies")
    credit = TEXTS["plans.credits.line"].replace("{name}", "Fatima Lezer")
    expect(page.locator("main .plans-credits").first).to_contain_text(credit)
    fits_the_phone(page)
