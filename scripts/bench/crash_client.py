#!/usr/bin/env python3
"""Sign-up client for scripts/crash-test.sh: THREADS threads sign the manifesto with unique
addresses for DURATION seconds; every address answered with 303 is appended to --acked at once
(flushed), so the list is complete even though the server is killed mid-run.

    crash_client.py --base http://127.0.0.1:PORT --run-id R --acked FILE
                    [--threads 16] [--duration 6] [--max-per-thread 20000]

A form token serves one sign-up, so each sign-up first opens /manifest for a fresh one.
Connection errors are expected (the server is SIGKILLed): a thread then waits a little and tries
again until its time is up. Those sign-ups are "in doubt" — maybe stored, maybe not — and are
not checked; only acknowledged ones must survive. Standard library only.
Prints: CLIENT acked=N in_doubt=N refused=N other=code:count,...
(in_doubt: sent, no answer; refused: no server to send to.)
"""
import argparse
import http.client
import re
import threading
import time
import urllib.parse
from collections import Counter


TOKEN = re.compile(r'name="form_token" value="([^"]*)"')


def fresh_token(conn):
    """A new form token from the sign-up page, on the same connection."""
    conn.request("GET", "/manifest", headers={"Cookie": "kracht_csrf=crashcsrf"})
    response = conn.getresponse()
    match = TOKEN.search(response.read().decode("utf-8", "replace"))
    return match.group(1) if match else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--acked", required=True)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--duration", type=float, default=6)
    parser.add_argument("--max-per-thread", type=int, default=20000)
    args = parser.parse_args()

    url = urllib.parse.urlsplit(args.base)
    deadline = time.monotonic() + args.duration
    lock = threading.Lock()
    totals = Counter()
    acked_file = open(args.acked, "a", encoding="utf-8")

    def worker(number):
        conn = None
        outcomes = Counter()
        token = None
        for n in range(1, args.max_per_thread + 1):
            if time.monotonic() >= deadline:
                break
            if token is None:
                try:
                    if conn is None:
                        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
                    token = fresh_token(conn)
                except (OSError, http.client.HTTPException):
                    outcomes["refused"] += 1  # no sign-up was sent: certainly not stored
                    if conn is not None:
                        conn.close()
                    conn = None
                    time.sleep(0.05)
                    continue
                if token is None:
                    outcomes["no_token"] += 1
                    continue
            email = f"c{number}-{n}-{args.run_id}@example.org"
            body = urllib.parse.urlencode({
                "_csrf": "crashcsrf", "form_token": token, "name": f"Crash Signer {number}",
                "email": email, "district": "centrum", "website": "",
            })
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
                conn.request("POST", "/manifest/ondertekenen", body, {
                    "Content-Type": "application/x-www-form-urlencoded", "Cookie": "kracht_csrf=crashcsrf"})
                token = None  # used, whatever happens next
                response = conn.getresponse()
                response.read()
            except ConnectionRefusedError:
                outcomes["refused"] += 1  # nobody listens: certainly not stored
                conn = None
                time.sleep(0.05)  # the server is down: do not spin
                continue
            except (OSError, http.client.HTTPException):
                outcomes["in_doubt"] += 1  # sent, but the answer never came
                if conn is not None:
                    conn.close()
                conn = None
                time.sleep(0.05)
                continue
            if response.status == 303:
                outcomes["acked"] += 1
                with lock:
                    acked_file.write(email + "\n")
                    acked_file.flush()
            else:
                outcomes[response.status] += 1
        if conn is not None:
            conn.close()
        with lock:
            totals.update(outcomes)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(1, args.threads + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.duration + 30)  # a request has a 10 s timeout; never hang
    acked_file.close()
    other = ",".join(f"{k}:{v}" for k, v in totals.items() if k not in ("acked", "in_doubt", "refused")) or "-"
    print(f"CLIENT acked={totals['acked']} in_doubt={totals['in_doubt']} refused={totals['refused']} other={other}")


if __name__ == "__main__":
    main()
