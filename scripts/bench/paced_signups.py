#!/usr/bin/env python3
"""Sign-ups beside a paced page-view flood (scripts/bench/paced.sh): WORKERS residents, each on
its own keep-alive connection, open the form (GET /manifest, for its single-use form token) and
sign it with a fresh address, again and again until DURATION has passed. Every answer is
classified by the request it answers, so the rows stored can be compared with the 303s exactly.

    paced_signups.py --base http://127.0.0.1:PORT --duration 10 --workers 4 --run RUN_ID

Prints one line:
  SIGNUPS sent=N ok=N shed=N other=N unanswered=N form_shed=N p50_ms=… p99_ms=…
  ok          303 to /manifest/bedankt: signed (the row must be stored exactly once)
  shed        503 to the POST (admission refused it before it ran: nothing may be stored)
  other       any other answer to the POST (a refusal stores nothing)
  unanswered  the POST left but no answer came (a timeout or a closed connection: the server may
              have stored it; the benchmark allows for these, never more)
  form_shed   503 to the GET of the form (no sign-up was tried)
Addresses are p<worker>-<n>-<run>@example.org. Standard library only.
"""
import argparse
import http.client
import re
import threading
import time
import urllib.parse

TOKEN = re.compile(rb'name="form_token" value="([^"]+)"')


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def worker(number, args, url, deadline, totals, lock):
    counts = {"sent": 0, "ok": 0, "shed": 0, "other": 0, "unanswered": 0, "form_shed": 0}
    latencies = []
    conn = None
    n = 0
    while time.monotonic() < deadline:
        if conn is None:
            conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        try:
            conn.request("GET", "/manifest")
            page = conn.getresponse()
            body = page.read()
        except (OSError, http.client.HTTPException):
            conn.close(); conn = None; time.sleep(0.05)
            continue
        if page.status == 503:
            counts["form_shed"] += 1; time.sleep(0.05)
            continue
        match = TOKEN.search(body)
        if page.status != 200 or not match:
            counts["other"] += 1
            continue
        n += 1
        form = urllib.parse.urlencode({
            "_csrf": "bench", "form_token": match.group(1).decode(), "name": f"Paced Signer {number}",
            "email": f"p{number}-{n}-{args.run}@example.org", "district": "centrum", "website": "",
        })
        counts["sent"] += 1
        started = time.perf_counter()
        try:
            conn.request("POST", "/manifest/ondertekenen", body=form, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Cookie": "kracht_csrf=bench"})
            answer = conn.getresponse()
            answer.read()
        except (OSError, http.client.HTTPException):
            counts["unanswered"] += 1
            conn.close(); conn = None
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        if answer.status == 303 and answer.getheader("Location") == "/manifest/bedankt":
            counts["ok"] += 1
        elif answer.status == 503:
            counts["shed"] += 1
        else:
            counts["other"] += 1
    with lock:
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
        totals.setdefault("latencies", []).extend(latencies)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--run", required=True)
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.base)
    deadline = time.monotonic() + args.duration
    totals, lock = {}, threading.Lock()
    threads = [threading.Thread(target=worker, args=(i + 1, args, url, deadline, totals, lock)) for i in range(args.workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = totals.pop("latencies", [])
    print("SIGNUPS " + " ".join(f"{key}={totals.get(key, 0)}" for key in ("sent", "ok", "shed", "other", "unanswered", "form_shed"))
          + f" p50_ms={percentile(latencies, 50):.1f} p99_ms={percentile(latencies, 99):.1f}")


if __name__ == "__main__":
    main()
