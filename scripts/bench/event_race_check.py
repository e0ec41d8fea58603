#!/usr/bin/env python3
"""Checks a registration race in the database (scripts/bench/events.sh): every post stored once,
exactly PLACES people holding a place and the rest waitlisted, numbered 1..N without a gap in
the order the server took them (the first PLACES hold, the waitlist follows in order), and the
event's counters equal to the rows. Prints one line:

  CHECK rows=N distinct=N holding=N waitlisted=N positions=ok|bad counters=ok|bad result=PASS|FAIL
"""
import argparse
import sqlite3
import subprocess
import sys

QUERY = """SELECT r.status, r.position, r.guests, r.email FROM event_registrations r JOIN events e ON e.id = r.event_id
           WHERE e.slug = '{slug}' ORDER BY r.position"""
EVENT = "SELECT places_taken, waitlisted, next_position, capacity FROM events WHERE slug = '{slug}'"


def rows(args, query):
    if args.postgres:
        out = subprocess.run(["psql", args.postgres, "-tAF", "\t", "-c", query], capture_output=True, text=True, check=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]
    db = sqlite3.connect(f"file:{args.sqlite}?mode=ro", uri=True)
    return [list(map(str, row)) for row in db.execute(query)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sqlite")
    parser.add_argument("--postgres")
    parser.add_argument("--slug", required=True)
    parser.add_argument("--clients", type=int, required=True)
    parser.add_argument("--places", type=int, required=True)
    args = parser.parse_args()
    if not all(c.isalnum() or c == "-" for c in args.slug):
        sys.exit("a slug of letters, digits and dashes only")
    registrations = rows(args, QUERY.format(slug=args.slug))
    holding_statuses = {"pending", "offered", "awaiting_payment", "confirmed"}
    holding = [r for r in registrations if r[0] in holding_statuses]
    waiting = [r for r in registrations if r[0] == "waitlisted"]
    positions = [int(r[1]) for r in registrations]
    expected = min(args.places, args.clients)
    positions_ok = (positions == list(range(1, len(registrations) + 1))
                    and [int(r[1]) for r in holding] == list(range(1, len(holding) + 1))
                    and [int(r[1]) for r in waiting] == list(range(len(holding) + 1, len(registrations) + 1)))
    taken = sum(1 + int(r[2]) for r in holding)
    event = rows(args, EVENT.format(slug=args.slug))
    counters_ok = bool(event) and [int(v) for v in event[0][:3]] == [taken, len(waiting), len(registrations) + 1]
    distinct = len({r[3].lower() for r in registrations})
    passed = (len(registrations) == args.clients and distinct == args.clients and len(holding) == expected
              and len(waiting) == args.clients - expected and taken <= args.places and positions_ok and counters_ok)
    print(f"CHECK rows={len(registrations)} distinct={distinct} holding={len(holding)} waitlisted={len(waiting)} "
          f"positions={'ok' if positions_ok else 'bad'} counters={'ok' if counters_ok else 'bad'} "
          f"result={'PASS' if passed else 'FAIL'}")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
