#!/usr/bin/env python3
"""The registration race of scripts/bench/events.sh: N anonymous people register for one event
at the same moment, each from its own address (X-Forwarded-For, believed from the loopback
proxy with KRACHT_TRUST_PROXY=true: the per-address limit is about people, not about this test).
Each client first opens the event page for its CSRF cookie, then all post together, spread over
the given servers (two app instances on one PostgreSQL). Prints one line:

  RACE clients=N answered_303=N other=N seconds=S rps=R p50_ms=A p99_ms=B max_ms=C
"""
import argparse
import http.client
import re
import threading
import time
import urllib.parse


def percentile(values, p):
    return values[min(len(values) - 1, int(len(values) * p / 100))] if values else 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bases", required=True, help="http://127.0.0.1:PORT[,http://127.0.0.1:PORT2]")
    parser.add_argument("--slug", required=True)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--tag", required=True, help="makes this run's addresses: race-TAG-n@example.org")
    args = parser.parse_args()
    bases = [urllib.parse.urlsplit(b) for b in args.bases.split(",")]
    page = f"/evenementen/{args.slug}"
    barrier = threading.Barrier(args.clients + 1)
    results = [None] * args.clients

    def client(n):
        base = bases[n % len(bases)]
        conn = http.client.HTTPConnection(base.hostname, base.port, timeout=120)
        token = None
        try:
            conn.request("GET", page)
            response = conn.getresponse()
            response.read()
            for header, value in response.getheaders():
                found = re.match(r"kracht_csrf=([^;]+)", value) if header.lower() == "set-cookie" else None
                if found:
                    token = found.group(1)
        except (OSError, http.client.HTTPException):
            pass
        body = urllib.parse.urlencode({"_csrf": token or "", "name": f"Deelnemer {n}", "email": f"race-{args.tag}-{n}@example.org",
                                       "guests": "0", "house_rules": "on"})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"kracht_csrf={token}",
                   "X-Forwarded-For": f"10.{n // 250 % 250}.{n % 250}.{1 + n // 62500}"}
        barrier.wait()
        start = time.monotonic()
        try:
            conn.request("POST", page + "/aanmelden", body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = "error"
        results[n] = (status, start, time.monotonic())
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    for thread in threads:
        thread.join()
    done = [r for r in results if r]
    first = min(r[1] for r in done)
    last = max(r[2] for r in done)
    latencies = sorted((r[2] - r[1]) * 1000 for r in done)
    ok = sum(1 for r in done if r[0] == 303)
    seconds = last - first
    print(f"RACE clients={args.clients} answered_303={ok} other={len(done) - ok} seconds={seconds:.3f} "
          f"rps={len(done) / seconds if seconds else 0:.1f} p50_ms={percentile(latencies, 50):.1f} "
          f"p99_ms={percentile(latencies, 99):.1f} max_ms={latencies[-1]:.1f}")


if __name__ == "__main__":
    main()
