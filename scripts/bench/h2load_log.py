#!/usr/bin/env python3
"""Summarises h2load's --log-file (per request: start µs since epoch, status, µs to the end of
the response) for scripts/bench/paced.sh:

    h2load_log.py LOG SECONDS
    → total=N served=N shed=N other=N served_rps=… shed_pct=… p50_ms=… p99_ms=… last_refused_s=…

served = 2xx and 3xx; shed = 503; p50/p99 are of the served requests only; last_refused_s is when
(seconds after the first request started) the last request that was not served started: how long
it took to recover, for a run that follows an overload (0 when every request was served).
Standard library only.
"""
import sys


def percentile(ordered, p):
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main():
    path, seconds = sys.argv[1], float(sys.argv[2])
    rows = []
    with open(path) as log:
        for line in log:
            parts = line.split("\t")
            if len(parts) >= 3 and parts[0].isdigit():
                rows.append((int(parts[0]), int(parts[1]), int(parts[2])))
    first = min((row[0] for row in rows), default=0)
    served = sorted(row[2] / 1000 for row in rows if 200 <= row[1] < 400)
    shed = sum(1 for row in rows if row[1] == 503)
    refused = [row[0] for row in rows if not 200 <= row[1] < 400]
    last_refused = (max(refused) - first) / 1e6 if refused else 0
    total = len(rows)
    print(f"total={total} served={len(served)} shed={shed} other={total - len(served) - shed}"
          f" served_rps={len(served) / seconds:.0f} shed_pct={100 * shed / max(total, 1):.1f}"
          f" p50_ms={percentile(served, 50):.1f} p99_ms={percentile(served, 99):.1f} last_refused_s={last_refused:.2f}")


if __name__ == "__main__":
    main()
