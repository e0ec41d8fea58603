-- Sign-ups under load: every request signs the manifesto with a fresh address.
--   wrk -t2 -c64 -d15s --latency -s scripts/bench/signup.lua URL -- FORM_TOKEN RUN_ID
-- FORM_TOKEN is the hidden form_token of GET /manifest (scraped once by bench.sh; the server
-- accepts it for a day, and KRACHT_SIGNING_MIN_FILL_SECONDS=0 lets it be used at once).
-- RUN_ID makes the addresses unique across runs: b<thread>-<n>-<run>@example.org.
--
-- Success is a 303 to /manifest/bedankt, nothing else. Every thread counts its own outcomes
-- (wrk's summary has only totals, and does not tell a 303 from a 200); done() adds the threads up through thread:get(). "sent" is counted when a
-- request is built, so sent - answered = sign-ups still in flight when wrk stopped: the
-- server may store those although nobody saw the 303, which bench.sh allows for.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  form_token = args[1] or error("usage: wrk ... -s signup.lua URL -- FORM_TOKEN RUN_ID")
  run_id = args[2] or "run"
  sent, answered, successes = 0, 0, 0
  others = {} -- status code -> count, for everything that is not a 303
end

local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  -- double-submit CSRF: any value works as long as cookie and field match
  ["Cookie"] = "kracht_csrf=benchcsrf",
}

function request()
  sent = sent + 1
  local body = string.format(
    "_csrf=benchcsrf&form_token=%s&name=Bench+Signer+%d&email=b%d-%d-%s%%40example.org&district=centrum&website=",
    form_token, id, id, sent, run_id)
  return wrk.format("POST", "/manifest/ondertekenen", headers, body)
end

function response(status, headers, body)
  answered = answered + 1
  local location = headers["location"] or headers["Location"]
  if status == 303 and location == "/manifest/bedankt" then
    successes = successes + 1
  elseif status == 303 then
    -- a redirect elsewhere (e.g. a flash message back on /manifest) is not "signed"
    others["303" .. tostring(location)] = (others["303" .. tostring(location)] or 0) + 1
  else
    others[status] = (others[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local s, a, ok, other = 0, 0, 0, {}
  for _, t in ipairs(threads) do
    s = s + t:get("sent")
    a = a + t:get("answered")
    ok = ok + t:get("successes")
    for code, count in pairs(t:get("others")) do other[code] = (other[code] or 0) + count end
  end
  local parts = {}
  for code, count in pairs(other) do table.insert(parts, code .. ":" .. count) end
  local other_text = #parts > 0 and table.concat(parts, ",") or "-"
  bench_report(summary, latency, string.format(
    " signup_sent=%d signup_answered=%d signup_303=%d signup_other=%s", s, a, ok, other_text))
end
