#!/usr/bin/env python3
"""A light second client for scripts/bench.sh: while wrk loads the server with sign-ups, fetch
public pages every INTERVAL seconds and report their latency, to show that people reading the
site keep getting answers during a signing spike.

    sample_pages.py --base http://127.0.0.1:PORT --duration 15 [--interval 0.1] / /manifest

Bounded in time (--duration) and count (duration / interval ticks at most). Prints one line per
path:  SAMPLE path=/ n=150 ok=150 p50_ms=3.1 p99_ms=40.2 max_ms=55.0 other=-
("ok" = 200 answers; "other" = every other outcome, status code or error name, with counts).
Standard library only.
"""
import argparse
import http.client
import time
import urllib.parse
from collections import Counter


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--duration", type=float, default=15)
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()

    url = urllib.parse.urlsplit(args.base)
    connections = {}  # one keep-alive connection per path, like a reader's browser tab
    latencies = {path: [] for path in args.paths}
    outcomes = {path: Counter() for path in args.paths}

    def fetch(path):
        conn = connections.get(path)
        if conn is None:
            conn = connections[path] = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            outcomes[path][response.status] += 1
            if response.status == 200:
                latencies[path].append((time.perf_counter() - started) * 1000)
        except (OSError, http.client.HTTPException) as error:
            outcomes[path][type(error).__name__] += 1
            conn.close()
            connections.pop(path, None)

    deadline = time.monotonic() + args.duration
    max_ticks = int(args.duration / args.interval) + 1
    for _ in range(max_ticks):
        tick = time.monotonic()
        if tick >= deadline:
            break
        for path in args.paths:
            fetch(path)
        time.sleep(max(0.0, args.interval - (time.monotonic() - tick)))

    for path in args.paths:
        other = ",".join(f"{k}:{v}" for k, v in outcomes[path].items() if k != 200) or "-"
        values = latencies[path]
        print(f"SAMPLE path={path} n={sum(outcomes[path].values())} ok={outcomes[path][200]} "
              f"p50_ms={percentile(values, 50):.2f} p99_ms={percentile(values, 99):.2f} "
              f"max_ms={max(values, default=float('nan')):.2f} other={other}")


if __name__ == "__main__":
    main()
