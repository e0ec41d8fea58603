"""Issue #11, the matching journey: a resident fills in their profile on a phone and sees on
/voor-jou the actions that fit, each with its reasons in words. The open action it expects is made
first through the site: an initiator proposes an initiative, a coordinator approves it, and the
initiator adds a weekly shift on Tuesday evening in De Pijp asking a skill of its own."""

import uuid

from playwright.sync_api import expect

from steps import assert_accessible, current_path, log_in, log_out, open_or_skip, open_page, submit


def make_open_action(page, initiator, coordinator, tag: str) -> str:
    """An approved initiative in Armoede with a Tuesday-evening shift in De Pijp; returns its title."""
    name = f"Buurtkeuken {tag}"
    title = f"Stoofpot koken {tag}"
    assert log_in(page, initiator.email, initiator.password).status == 303
    open_or_skip(page, "/initiatieven/nieuw")
    page.fill("#initiative-name", name)
    page.fill("#initiative-summary", "Buren koken samen een warme maaltijd.")
    page.fill("#initiative-why", "Omdat niemand alleen hoeft te eten.")
    page.select_option("#initiative-district", "zuid")
    page.locator("#initiative-domains input[value=armoede]").check()
    assert submit(page, "#initiative-form").status == 303
    slug = current_path(page).rsplit("/", 1)[-1]
    log_out(page)

    assert log_in(page, coordinator.email, coordinator.password).status == 303
    open_page(page, "/beheer/initiatieven")
    page.get_by_role("button", name=f"{name} goedkeuren").click()
    page.wait_for_load_state()
    log_out(page)

    assert log_in(page, initiator.email, initiator.password).status == 303
    open_or_skip(page, f"/initiatieven/{slug}/acties/nieuw")
    page.fill("#action-title", title)
    page.fill("#action-description", "Elke dinsdagavond een grote pan stoofpot.")
    page.locator("#action-kind-shift").check()
    page.select_option("#action-weekday", "2")
    page.select_option("#action-day-part", "evening")
    page.fill("#action-skills", f"stoofpot{tag}")
    page.fill("#action-minutes", "120")
    page.select_option("#action-district", "zuid")
    page.select_option("#action-area", "de-pijp-rivierenbuurt")
    page.fill("#action-places", "4")
    assert submit(page, "#action-form").status == 303
    log_out(page)
    return title


def test_a_resident_fills_a_profile_on_a_phone_and_sees_reasons(page, create_account, staff):
    tag = "z" + uuid.uuid4().hex[:8]
    title = make_open_action(page, create_account("Noor Keuken"), staff("coordinator"), tag)
    page.set_viewport_size({"width": 320, "height": 640})
    resident = create_account("Mira Matching")
    assert log_in(page, resident.email, resident.password).status == 303

    # No profile yet: a friendly prompt, and the soonest open actions meanwhile.
    open_or_skip(page, "/voor-jou")
    expect(page.locator("main a[href='/voor-jou/profiel']").first).to_be_visible()
    assert_accessible(page)

    # The profile, on a 320 px phone: skills, place, the grid, a domain, a language.
    open_page(page, "/voor-jou/profiel")
    assert_accessible(page)
    page.fill("#profile-skills", f"stoofpot{tag}, koken")
    page.select_option("#profile-district", "zuid")
    page.select_option("#profile-area", "de-pijp-rivierenbuurt")
    page.get_by_label("dinsdagavond").check()
    page.locator("#domain-armoede").check()
    page.locator("#language-nl").check()
    page.locator("#profile-findable").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert submit(page, "#profile-form").status == 303

    # /voor-jou: the Tuesday-evening shift in De Pijp first, with its reasons in words.
    assert current_path(page) == "/voor-jou"
    expect(page.locator("main [role=status], main .flash, .flash").first).to_be_visible()
    card = page.locator("main .matching-card", has_text=title).first
    expect(card).to_be_visible()
    reasons = card.locator(".matching-reasons")
    expect(reasons).to_contain_text(f"je vaardigheid stoofpot{tag}")
    expect(reasons).to_contain_text("dinsdagavond")
    expect(reasons).to_contain_text("in jouw gebied De Pijp, Rivierenbuurt")
    expect(reasons).to_contain_text("domein Armoede")
    first = page.locator("main .matching-card h2").first
    expect(first).to_contain_text(title)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)

    # The join link leads to the action's page.
    href = card.locator("h2 a").get_attribute("href")
    assert href.startswith("/initiatieven/") and "/acties/" in href
    card.locator("h2 a").click()
    page.wait_for_load_state()
    expect(page.locator("main h1")).to_contain_text(title)

    # The profile keeps what was saved.
    open_page(page, "/voor-jou/profiel")
    expect(page.get_by_label("dinsdagavond")).to_be_checked()
    expect(page.locator("#profile-skills")).to_have_value(f"koken, stoofpot{tag}")


def test_nearby_now_is_public_and_accessible_on_a_phone(page):
    page.set_viewport_size({"width": 320, "height": 640})
    open_or_skip(page, "/nu?gebied=de-pijp-rivierenbuurt")
    expect(page.locator("main h1")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
