"""Issue #12, calendars: an event's .ics and the subscribable feeds, fetched from the running
server and read with the `icalendar` package as a calendar app would: the Amsterdam zone (a
VTIMEZONE and DTSTART in Europe/Amsterdam), a meetup at 19:30 local time in winter and summer,
UIDs that stay the same from one fetch to the next, and a cancelled event as STATUS:CANCELLED."""

import os
import subprocess
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests

import icalendar

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("KRACHT_E2E_BIN", "")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def api_events(base_url, pages=4):
    """Upcoming events from the open data, a few pages of them."""
    found = []
    for page in range(1, pages + 1):
        response = requests.get(f"{base_url}/api/v1/events", params={"page": page}, timeout=10)
        assert response.status_code == 200, response.text
        events = response.json()["events"]
        found += events
        if not events:
            break
    return found


@pytest.fixture(scope="module")
def events(base_url):
    """The demo's events; on a fresh database, a few made by `kracht events fill`."""
    found = api_events(base_url)
    if not any(event["kind"] == "meetup" for event in found):
        if not BIN:
            pytest.skip("no demo events and no binary to fill them with (run scripts/e2e.sh)")
        filled = subprocess.run([BIN, "events", "fill", "--occurrences", "24"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert filled.returncode == 0, filled.stdout + filled.stderr
        # The open data answers are cached for a few seconds (Cache-Control, and the server's
        # short response cache): the empty list asked for above may still be served for a while.
        deadline = time.monotonic() + 15
        found = api_events(base_url)
        while not any(event["kind"] == "meetup" for event in found) and time.monotonic() < deadline:
            time.sleep(0.5)
            found = api_events(base_url)
    return found


def fetch_calendar(url):
    response = requests.get(url, timeout=10)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    assert response.headers["Content-Type"].startswith("text/calendar"), response.headers["Content-Type"]
    assert b"\r\n" in response.content and b"\n" not in response.content.replace(b"\r\n", b""), "CRLF lines only"
    for line in response.content.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a folded line never splits a character
    return icalendar.Calendar.from_ical(response.content), response


def check_calendar(calendar):
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    zones = calendar.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Amsterdam"]
    assert {component.name for component in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}


def local_start(vevent):
    start = vevent["DTSTART"]
    assert start.params["TZID"] == "Europe/Amsterdam"
    value = start.dt
    assert isinstance(value, datetime) and value.tzinfo is not None
    # The offset the file gives must be Amsterdam's own on that day (summer or winter time).
    assert value.utcoffset() == value.astimezone(AMSTERDAM).utcoffset()
    return value.astimezone(AMSTERDAM)


def utc_start(event):
    return datetime.fromisoformat(event["starts_at"].replace("Z", "+00:00"))


def test_an_events_calendar_file_has_the_amsterdam_zone_and_a_stable_uid(events, base_url):
    meetup = next(event for event in events if event["kind"] == "meetup" and event["status"] == "scheduled"
                  and (lambda t: (t.hour, t.minute))(utc_start(event).astimezone(AMSTERDAM)) == (19, 30))

    calendar, response = fetch_calendar(meetup["calendar_url"])
    again, _ = fetch_calendar(meetup["calendar_url"])

    assert f'filename="{meetup["slug"]}.ics"' in response.headers["Content-Disposition"]
    check_calendar(calendar)
    [vevent] = calendar.walk("VEVENT")
    [same] = again.walk("VEVENT")
    assert str(vevent["UID"]) == str(same["UID"])
    assert str(vevent["UID"]).endswith("@" + base_url.split("//")[1].split(":")[0])
    assert str(vevent["SUMMARY"]) == meetup["title"]
    assert str(vevent["STATUS"]) == "CONFIRMED"
    start = local_start(vevent)
    assert (start.hour, start.minute) == (19, 30), start
    assert start == utc_start(meetup), "the file and the API agree on the moment"
    assert str(vevent["URL"]) == meetup["url"]


def test_the_feeds_hold_the_meetups_at_their_amsterdam_times(events, base_url):
    meetups = {event["url"]: event for event in events if event["kind"] == "meetup" and event["status"] == "scheduled"}
    district = next(iter(meetups.values()))["district"]

    everything, response = fetch_calendar(f"{base_url}/evenementen/agenda.ics")
    local, _ = fetch_calendar(f"{base_url}/evenementen/stadsdeel/{district}/agenda.ics")
    unknown = requests.get(f"{base_url}/evenementen/stadsdeel/atlantis/agenda.ics", timeout=10)

    assert "public" in response.headers["Cache-Control"]
    check_calendar(everything)
    check_calendar(local)
    assert unknown.status_code == 404
    vevents = everything.walk("VEVENT")
    uids = [str(vevent["UID"]) for vevent in vevents]
    assert len(set(uids)) == len(uids), "UIDs are unique"
    starts = []
    for vevent in vevents:
        meetup = meetups.get(str(vevent["URL"]))
        if meetup:
            start = local_start(vevent)
            assert start == utc_start(meetup), (meetup["slug"], start)
            starts.append(start)
    assert any((start.hour, start.minute) == (19, 30) for start in starts), starts
    assert {start.utcoffset().total_seconds() / 3600 for start in starts} <= {1.0, 2.0}, "winter or summer time"
    district_uids = {str(vevent["UID"]) for vevent in local.walk("VEVENT")}
    assert district_uids and district_uids <= set(uids)


def test_a_cancelled_event_is_cancelled_in_its_file(events):
    cancelled = [event for event in events if event["status"] == "cancelled"]
    assert cancelled, "the demo and `kracht events fill` both call one event off"

    calendar, _ = fetch_calendar(cancelled[0]["calendar_url"])

    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert int(vevent["SEQUENCE"]) >= 1
