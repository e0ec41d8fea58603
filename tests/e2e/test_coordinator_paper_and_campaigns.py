"""Issue #8, items 8 and 9: a coordinator on a phone enters a paper sheet with one bad line, sees
that line and why beside the form, fixes it and records the sheet; then creates a campaign and
opens its poster in one click."""

import uuid

from playwright.sync_api import expect

from steps import assert_accessible, current_path, log_in, open_page, submit


def test_coordinator_records_a_paper_sheet_and_a_campaign_on_a_phone(page, staff):
    coordinator = staff("coordinator")
    page.set_viewport_size({"width": 390, "height": 844})
    assert log_in(page, coordinator.email, coordinator.password).status == 303
    open_page(page, "/beheer/manifest")
    page.get_by_role("link", name="Papieren lijsten invoeren").first.click()
    assert current_path(page) == "/beheer/manifest/papier"
    assert_accessible(page)

    # A sheet with one line that names no district of Amsterdam.
    sheet = f"Dappermarkt {uuid.uuid4().hex[:6]}"
    page.fill("#paper-sheet", sheet)
    page.fill("#paper-lines", "Anna de Wit; Nieuw West\nBob Smit; Atlantis\nCees Bakker; F")
    answer = submit(page, "#paper-form")
    assert answer.status == 400
    assert page.title().startswith("Fout:")
    # The page lands on the summary, focused, and the bad line is named with its reason.
    assert page.evaluate("document.activeElement.id") == "fouten"
    bad = page.locator("#paper-bad-lines tbody tr")
    expect(bad).to_have_count(1)
    expect(bad.first).to_contain_text("2")
    expect(bad.first).to_contain_text("Bob Smit; Atlantis")
    expect(bad.first).to_contain_text("Dit stadsdeel kennen we niet")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    # Fixing the line: the rest of the list is still there.
    lines = page.input_value("#paper-lines")
    assert "Anna de Wit; Nieuw West" in lines
    page.fill("#paper-lines", lines.replace("Atlantis", "Oost"))
    assert submit(page, "#paper-form").status == 200
    expect(page.locator("#preview")).to_contain_text("3 handtekeningen")
    expect(page.locator("#preview tbody")).to_contain_text("Nieuw-West")
    assert_accessible(page)
    submit(page, "#preview form")
    assert current_path(page) == "/beheer/manifest/papier"
    expect(page.locator("main [role=status]")).to_have_text(f"Lijst ‘{sheet}’ is vastgelegd: 3 handtekeningen tellen nu mee.")

    # The same sheet again is refused, saying when and by whom.
    page.fill("#paper-sheet", sheet.upper())
    page.fill("#paper-lines", "Anna de Wit; Nieuw West")
    assert submit(page, "#paper-form").status == 409
    expect(page.locator("#fouten")).to_contain_text(f"door {coordinator.name}")

    # A campaign, and its poster in one click.
    open_page(page, "/beheer/manifest/campagnes")
    assert_accessible(page)
    code = f"radio-{uuid.uuid4().hex[:6]}"
    page.fill("#campaign-name", "Radio FunX ochtendshow")
    page.select_option("#campaign-channel", "press")
    page.fill("#campaign-code", code)
    submit(page, "#campaign-form")
    assert current_path(page) == f"/beheer/manifest/campagnes/{code}"
    expect(page.locator("#campaign-link")).to_have_value(f"{page.url.split('/beheer')[0]}/manifest?ref={code}")
    expect(page.locator("main svg[role=img] title")).to_have_text("Handtekeningen per dag voor Radio FunX ochtendshow")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.get_by_role("link", name="Poster met QR-code openen").click()
    assert current_path(page) == "/manifest/poster"
    assert f"ref={code}" in page.url
    expect(page.locator(".qr svg")).to_be_visible()
