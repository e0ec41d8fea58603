"""Issue #8, item 10: an admin on a phone gives and takes roles with the keyboard alone; the
powerful one is confirmed first, and each change is named on the page afterwards."""

from playwright.sync_api import expect

from steps import expect_path, focus_is_visible, log_in, open_page


def tab_to(page, accessible_text: str, limit: int = 120) -> None:
    """Presses Tab until the focused element's text (visible and hidden) is `accessible_text`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate("() => (document.activeElement.textContent || '').replace(/\\s+/g, ' ').trim()")
        if focus == accessible_text:
            assert focus_is_visible(page)["visible"], f"focus on {accessible_text!r} is not visible"
            return
    raise AssertionError(f"Tab never reached {accessible_text!r}")


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def role_state(page, email: str, role_label: str) -> str:
    row = page.locator("tr", has=page.locator("td", has_text=email))
    return row.locator("li", has=page.locator(f".role-name:text-is('{role_label}:')")).locator(".role-state").inner_text()


def test_admin_grants_and_revokes_roles_with_the_keyboard_on_a_phone(page, admin, create_account):
    person = create_account("Noor Yilmaz")
    page.set_viewport_size({"width": 390, "height": 844})
    assert log_in(page, admin.email, admin.password).status == 303
    open_page(page, f"/beheer/rollen?zoek={person.email}")

    # On a phone the table is a list of cards: nothing scrolls sideways, every button in reach.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    buttons = page.locator("main table button")
    assert buttons.count() == 6, "one per role beyond resident: initiator, coordinator, fund committee, treasurer, admin, referrer"
    for index in range(buttons.count()):
        box = buttons.nth(index).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, f"button {index} is off-screen: {box}"
    assert role_state(page, person.email, "Coördinator") == "nee"

    # An ordinary role: one press, and the page says who got what.
    tab_to(page, "Geven (rol Coördinator, Noor Yilmaz)")
    press_enter_and_wait(page)
    expect(page.locator("main [role=status]")).to_have_text(f"Noor Yilmaz ({person.email}) heeft nu de rol Coördinator.")
    assert role_state(page, person.email, "Coördinator") == "ja"

    # A powerful role asks first, naming who gets what.
    tab_to(page, "Geven… (rol Beheerder, Noor Yilmaz)")
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_have_text("Rol geven: bevestig")
    expect(page.locator("main")).to_contain_text(f"Wil je Noor Yilmaz ({person.email}) de rol Beheerder geven?")
    assert page.title().startswith("Rol geven: bevestig")
    tab_to(page, "Ja, geef Noor Yilmaz de rol Beheerder")
    press_enter_and_wait(page)
    expect_path(page, "/beheer/rollen")
    expect(page.locator("main [role=status]")).to_have_text(f"Noor Yilmaz ({person.email}) heeft nu de rol Beheerder.")
    assert role_state(page, person.email, "Beheerder") == "ja"
    assert role_state(page, person.email, "Initiatiefnemer") == "ja, als beheerder"
    # The fund's money and applicants' data are not an admin's: those roles are given apart.
    assert role_state(page, person.email, "Penningmeester") == "nee"
    assert role_state(page, person.email, "Fondscommissie") == "nee"

    # Taking a role away needs no confirmation, and is named too.
    tab_to(page, "Afnemen (rol Coördinator, Noor Yilmaz)")
    press_enter_and_wait(page)
    expect(page.locator("main [role=status]")).to_have_text(f"Noor Yilmaz ({person.email}) heeft de rol Coördinator niet meer.")
    assert role_state(page, person.email, "Coördinator") == "ja, als beheerder"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_cancelling_the_confirmation_changes_nothing(page, admin, create_account):
    person = create_account("Daan Visser")
    page.set_viewport_size({"width": 390, "height": 844})
    assert log_in(page, admin.email, admin.password).status == 303
    open_page(page, f"/beheer/rollen?zoek={person.email}")

    tab_to(page, "Geven… (rol Penningmeester, Daan Visser)")
    press_enter_and_wait(page)
    tab_to(page, "Nee, terug naar de lijst")
    press_enter_and_wait(page)

    expect_path(page, "/beheer/rollen")
    assert role_state(page, person.email, "Penningmeester") == "nee"
    expect(page.locator("main #zoek")).to_have_value(person.email)


def test_an_admin_opens_every_staff_page_the_header_offers(page, admin):
    assert log_in(page, admin.email, admin.password).status == 303
    open_page(page, "/")
    links = page.locator("header .header-tools a[href^='/beheer/']")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "/beheer/rollen" in hrefs and "/beheer/manifest" in hrefs, hrefs
    for href in hrefs:
        assert open_page(page, href).status == 200, f"{href} refused the admin"
