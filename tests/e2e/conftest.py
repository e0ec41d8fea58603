"""Fixtures for the browser journeys, accessibility and security suites.

They run against a real server that scripts/e2e.sh starts, described by:
  KRACHT_E2E_BASE_URL            e.g. http://127.0.0.1:8080
  KRACHT_E2E_MAIL_DIR            the aiosmtpd Maildir the server sends to
  KRACHT_E2E_BIN                 the kracht binary (optional: quick confirmed accounts via `users create`;
                                 the server's KRACHT_DATA_DIR etc. must then be in the environment too)
  KRACHT_E2E_ADMIN_EMAIL/_PASSWORD   an admin account (optional: admin pages are skipped without it)
  KRACHT_E2E_CHROMIUM            the browser (default /usr/bin/chromium)
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from helpers import Account, Mailbox, Visitor, new_password, unique_email

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results" / "e2e"
expect.set_options(timeout=10_000)  # the server may share two cores with a Swift build

BASE_URL = os.environ.get("KRACHT_E2E_BASE_URL", "").rstrip("/")
MAIL_DIR = os.environ.get("KRACHT_E2E_MAIL_DIR", "")
BIN = os.environ.get("KRACHT_E2E_BIN", "")
CHROMIUM = os.environ.get("KRACHT_E2E_CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    if BASE_URL and MAIL_DIR:
        return
    skip = pytest.mark.skip(reason="no server: run scripts/e2e.sh (or set KRACHT_E2E_BASE_URL and KRACHT_E2E_MAIL_DIR)")
    for item in items:
        item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "report_" + report.when, report)


def _failed(request) -> bool:
    return any(getattr(request.node, "report_" + when, None) is not None and getattr(request.node, "report_" + when).failed
               for when in ("setup", "call"))


# --- the server -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def base_url() -> str:
    return BASE_URL


@pytest.fixture(scope="session")
def mailbox() -> Mailbox:
    return Mailbox(MAIL_DIR)


@pytest.fixture
def visitor(base_url) -> Visitor:
    return Visitor(base_url)


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def context(browser, base_url):
    # A Dutch browser, like most visitors; the site would follow an English Accept-Language.
    context = browser.new_context(base_url=base_url, locale="nl-NL", accept_downloads=True,
                                  viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture
def page(context, request):
    """A fresh page; a failing test leaves a screenshot in test-results/."""
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    if _failed(request):
        RESULTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        try:
            page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)
        except Exception as error:  # the page may be gone; the failure itself matters more
            print(f"no screenshot: {error}")


# --- accounts ---------------------------------------------------------------------------------


def _cli_can_create_users() -> bool:
    if not BIN or not os.environ.get("KRACHT_DATA_DIR"):
        return False
    return subprocess.run([BIN, "users", "--help"], cwd=ROOT, capture_output=True).returncode == 0


@pytest.fixture(scope="session")
def create_account(base_url, mailbox):
    """Makes a confirmed account: with `kracht users create` when it exists (the server limits
    sign-ups per IP, and every test comes from 127.0.0.1), else by registering and confirming."""
    use_cli = _cli_can_create_users()

    def create(name: str = "Test Persoon", role: str | None = None) -> Account:
        account = Account(name=name, email=unique_email(), password=new_password())
        if use_cli:
            command = [BIN, "users", "create", "--email", account.email, "--name", name,
                       "--password", account.password, "--confirmed"] + (["--role", role] if role else [])
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
            assert result.returncode == 0, f"users create failed: {result.stdout}{result.stderr}"
            return account
        if role:
            pytest.skip(f"an account with the role {role} needs `kracht users create` (set KRACHT_E2E_BIN)")
        visitor = Visitor(base_url)
        assert visitor.register(account).status_code == 303
        link = mailbox.wait_for_link(account.email, "/account/bevestigen/")
        assert visitor.get(link.removeprefix(base_url)).status_code == 303
        return account

    return create


@pytest.fixture
def account(create_account) -> Account:
    """A new confirmed resident, for tests that change or delete it."""
    return create_account()


@pytest.fixture(scope="session")
def resident(create_account) -> Account:
    """A confirmed resident shared by tests that only look."""
    return create_account("Rosa Bewoner")


@pytest.fixture(scope="session")
def admin() -> Account:
    email, password = os.environ.get("KRACHT_E2E_ADMIN_EMAIL"), os.environ.get("KRACHT_E2E_ADMIN_PASSWORD")
    if not (email and password):
        pytest.skip("no admin: set KRACHT_E2E_ADMIN_EMAIL and KRACHT_E2E_ADMIN_PASSWORD (scripts/e2e.sh does when `kracht users` exists)")
    return Account(name="Admin", email=email, password=password)


@pytest.fixture(scope="session")
def staff(request, create_account):
    """staff(role): the seeded admin, or a new account with that role."""
    made = {}

    def get(role: str) -> Account:
        if role == "admin":
            return request.getfixturevalue("admin")
        if role not in made:
            made[role] = create_account(f"Test {role}", role=role)
        return made[role]

    return get
