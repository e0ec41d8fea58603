#!/usr/bin/env python3
"""Replays Mollie webhooks: posts `id=<payment>` for every line of CALLS (shuffled ids, each
payment several times) to BASE/fonds/mollie/webhook over CONNECTIONS keep-alive connections at
once, as fast as the server answers. Prints one line:
WEBHOOKS calls=… ok=… unavailable=… other=… seconds=… rps=… p50_ms=… p99_ms=…"""
import asyncio, sys, time
from urllib.parse import urlsplit

async def worker(host, port, queue, stats, latencies):
    reader, writer = await asyncio.open_connection(host, port)
    while queue:
        payment = queue.pop()
        body = f"id={payment}".encode()
        started = time.perf_counter()
        writer.write(b"POST /fonds/mollie/webhook HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     b"Content-Length: %d\r\n\r\n%s" % (host.encode(), len(body), body))
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        if length:
            await reader.readexactly(length)
        latencies.append(time.perf_counter() - started)
        key = "ok" if status == 200 else "unavailable" if status == 503 else "other"
        stats[key] += 1
    writer.close()

async def main(base, calls_file, connections):
    url = urlsplit(base)
    queue = [line.strip() for line in open(calls_file) if line.strip()]
    queue.reverse()  # pop() from the end keeps the file's (shuffled) order
    stats = {"ok": 0, "unavailable": 0, "other": 0}
    latencies = []
    started = time.perf_counter()
    await asyncio.gather(*(worker(url.hostname, url.port, queue, stats, latencies) for _ in range(connections)))
    seconds = time.perf_counter() - started
    latencies.sort()
    pick = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000 if latencies else 0
    calls = sum(stats.values())
    print(f"WEBHOOKS calls={calls} ok={stats['ok']} unavailable={stats['unavailable']} other={stats['other']} "
          f"seconds={seconds:.2f} rps={calls / seconds:.0f} p50_ms={pick(0.5):.1f} p99_ms={pick(0.99):.1f}")

if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
