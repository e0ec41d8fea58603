"""Issue #11, the initiatives journey: an initiator proposes an initiative on a phone, a
coordinator approves it from the queue, and it appears in search under another Dutch word form
("buurthuizen" finds "Buurthuis"), with the match marked."""

import uuid

from playwright.sync_api import expect

from steps import assert_accessible, current_path, log_in, log_out, open_or_skip, open_page, submit


def test_an_initiator_proposes_a_coordinator_approves_and_search_finds_it(page, create_account, staff):
    page.set_viewport_size({"width": 390, "height": 844})
    tag = "z" + uuid.uuid4().hex[:8]
    name = f"Buurthuis {tag}"
    initiator = create_account("Noor Initiatief")
    coordinator = staff("coordinator")

    # The initiator proposes it.
    assert log_in(page, initiator.email, initiator.password).status == 303
    open_or_skip(page, "/initiatieven/nieuw")
    assert_accessible(page)
    page.fill("#initiative-name", name)
    page.fill("#initiative-summary", "Een plek waar buren elkaar ontmoeten.")
    page.fill("#initiative-why", "Omdat de buurt een huiskamer mist.")
    page.select_option("#initiative-district", index=1)
    page.locator("#initiative-domains input[type=checkbox]").first.check()
    assert submit(page, "#initiative-form").status == 303
    slug = current_path(page).rsplit("/", 1)[-1]
    assert current_path(page) == f"/initiatieven/{slug}"
    expect(page.locator("main h1")).to_have_text(name)
    expect(page.locator("main .alert").first).to_be_visible()  # waiting for a coordinator
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    log_out(page)

    # Not public yet.
    assert open_page(page, f"/initiatieven/{slug}").status == 404
    open_page(page, f"/initiatieven?q=buurthuizen+{tag}")
    assert page.locator(f"main a[href='/initiatieven/{slug}']").count() == 0

    # A coordinator approves it.
    assert log_in(page, coordinator.email, coordinator.password).status == 303
    open_page(page, "/beheer/initiatieven")
    assert_accessible(page)
    page.get_by_role("button", name=f"{name} goedkeuren").click()
    page.wait_for_load_state()
    assert current_path(page) == "/beheer/initiatieven"
    expect(page.locator("main [role=status]").first).to_be_visible()
    log_out(page)

    # Anyone finds it now, with another word form, the match marked.
    open_page(page, "/initiatieven")
    page.fill("#browse-q", f"buurthuizen {tag}")
    page.locator("main form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    result = page.locator(f"main a[href='/initiatieven/{slug}']")
    expect(result).to_have_count(1)
    expect(page.locator("main h2#browse-results")).to_have_text("1 initiatief")
    assert page.locator("main mark").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    result.click()
    expect(page.locator("main h1")).to_have_text(name)
    assert_accessible(page)
