"""axe-core (WCAG 2.2 AA) on every page, in both languages: no serious or critical violations."""

import pytest

from helpers import ACCOUNT_PAGES, FEATURE_PAGES, PUBLIC_PAGES, STAFF_PAGES
from steps import assert_accessible, log_in, open_or_skip, open_page, submit

# Pages reached by links in mails, by finishing a form, or by mistake.
OTHER_PAGES = [
    "/account/controleer-mail",
    "/account/wachtwoord-herstellen/voorbeeld-token",
    "/account/bevestigen/onbekend-token",
    "/bestaat-niet",
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("path", PUBLIC_PAGES + OTHER_PAGES)
def test_public_page(page, path, language):
    open_page(page, f"/taal/{language}?terug={path}")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


@pytest.mark.parametrize("path", FEATURE_PAGES)
def test_feature_page(page, path):
    open_or_skip(page, path)
    assert_accessible(page)


def test_home_on_a_phone(page):
    page.set_viewport_size({"width": 375, "height": 740})
    open_page(page, "/")
    assert_accessible(page)


def test_registration_form_with_errors(page):
    open_page(page, "/account/registreren")
    page.fill("#email", "geen-adres")
    page.fill("#password", "kort")
    assert submit(page).status == 400
    assert page.locator("main .error").count() >= 2
    assert_accessible(page)


def test_login_form_with_error(page):
    log_in(page, "niemand@example.test", "geen-wachtwoord")
    assert page.locator("main [role=alert]").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("path", ACCOUNT_PAGES)
def test_signed_in_page(page, resident, path):
    assert log_in(page, resident.email, resident.password).status == 303
    open_page(page, path)
    assert_accessible(page)


@pytest.mark.parametrize("path, role", STAFF_PAGES.items())
def test_staff_page(page, staff, path, role):
    person = staff(role)
    assert log_in(page, person.email, person.password).status == 303
    response = open_page(page, path)
    if response.status == 404:
        pytest.skip(f"{path} does not exist yet")
    assert response.status == 200
    assert_accessible(page)
