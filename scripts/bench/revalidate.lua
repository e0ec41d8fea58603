-- Revalidation under load: every request carries `If-None-Match` with the ETag of a first GET,
-- as a cache or a client that already holds the data sends it; the answer should be 304 with no
-- body. Every thread counts its 304s and everything else; done() adds the threads up.
--   wrk -t2 -c64 -d15s --latency -s scripts/bench/revalidate.lua URL -- ETAG
-- Adds to the BENCH line: status_304=N status_other=N (any answer that is not a 304).

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_modified, other = 0, 0
  wrk.headers["If-None-Match"] = args[1] or '"none"'
end

function response(status, headers, body)
  if status == 304 then not_modified = not_modified + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local n, o = 0, 0
  for _, t in ipairs(threads) do
    n = n + t:get("not_modified")
    o = o + t:get("other")
  end
  bench_report(summary, latency, string.format(" status_304=%d status_other=%d", n, o))
end
