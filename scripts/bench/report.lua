-- Machine-readable summary for scripts/bench.sh, shared by every wrk script here.
-- wrk's own report stays on screen for people; this adds one line the script parses:
--   BENCH requests=N duration_s=S rps=R p50_ms=A p99_ms=B max_ms=C errors_connect=.. errors_read=..
--         errors_write=.. errors_status=.. errors_timeout=..
-- wrk's latency histogram is in microseconds.

function bench_report(summary, latency, extra)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
    "errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, extra or ""))
end

-- Plain routes (/health, /, /manifest) need nothing but the report.
function done(summary, latency, requests)
  bench_report(summary, latency)
end
