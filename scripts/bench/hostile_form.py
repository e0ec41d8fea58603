#!/usr/bin/env python3
"""Hostile form posts for scripts/bench.sh: ~1 MB of repeated fields (`x[]=1&...`) to the
login form, with a valid CSRF cookie and field so the body reaches the form decoder (issue #7:
Vapor's decoder spent minutes on such a body). Posts one after another for --duration seconds
(or once with --once) and prints one line the script parses:

  HOSTILE posts=N status_400=N other=N p50_ms=A p99_ms=B max_ms=C
"""
import argparse
import http.client
import re
import sys
import time
import urllib.parse


def csrf_cookie(host, port, path):
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    for header, value in response.getheaders():
        match = re.match(r"kracht_csrf=([^;]+)", value) if header.lower() == "set-cookie" else None
        if match:
            return match.group(1)
    sys.exit(f"hostile_form: no kracht_csrf cookie from GET {path} (status {response.status})")


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p / 100))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--path", default="/account/inloggen")
    parser.add_argument("--bytes", type=int, default=1_000_000)
    parser.add_argument("--duration", type=float, default=3)
    parser.add_argument("--once", action="store_true")
    args = parser.parse_args()

    url = urllib.parse.urlsplit(args.base)
    token = csrf_cookie(url.hostname, url.port, args.path)
    head = f"_csrf={urllib.parse.quote(token, safe='')}&"
    body = (head + "x[]=1&" * ((args.bytes - len(head)) // 6)).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"kracht_csrf={token}"}

    times, statuses = [], {}
    end = time.monotonic() + args.duration
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    while True:
        start = time.monotonic()
        try:
            conn.request("POST", args.path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException):
            status = "error"
            conn.close()
            conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        times.append((time.monotonic() - start) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
        if args.once or time.monotonic() >= end:
            break

    times.sort()
    bad = sum(n for s, n in statuses.items() if s != 400)
    print(f"HOSTILE posts={len(times)} status_400={statuses.get(400, 0)} other={bad} "
          f"p50_ms={percentile(times, 50):.3f} p99_ms={percentile(times, 99):.3f} max_ms={times[-1]:.3f}")


if __name__ == "__main__":
    main()
