-- Sign-ups under load: every sign-up opens the form (GET /manifest) for a fresh form token,
-- then sends it with a fresh address, as a person does; a form token is good for one sign-up.
--   wrk -t2 -c64 -d15s --latency -s scripts/bench/signup.lua URL -- FORM_TOKEN RUN_ID
-- FORM_TOKEN (scraped by bench.sh) is no longer used: a token serves one sign-up only, and a
-- replay is answered 303 like a success while storing nothing. KRACHT_SIGNING_MIN_FILL_SECONDS=0
-- lets a fetched token be sent at once.
-- RUN_ID makes the addresses unique across runs: b<thread>-<n>-<run>@example.org.
--
-- Success is a 303 to /manifest/bedankt, nothing else. Every thread counts its own outcomes
-- (wrk's summary has only totals, and does not tell a 303 from a 200); done() adds the threads up
-- through thread:get(). "sent" counts sign-up POSTs when built, so sent - answered = sign-ups
-- still in flight when wrk stopped: the server may store those although nobody saw the 303,
-- which bench.sh allows for. wrk's own rps and latency cover the GETs too (half the requests);
-- signup_rps is the sign-ups alone.

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
  run_id = args[2] or "run"
  sent, answered, successes, fetches = 0, 0, 0, 0
  tokens = {} -- fetched form tokens not yet used, each for exactly one sign-up
  others = {} -- status code -> count, for everything that is not a 303
end

local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  -- double-submit CSRF: any value works as long as cookie and field match
  ["Cookie"] = "kracht_csrf=benchcsrf",
}

local page_headers = { ["Cookie"] = "kracht_csrf=benchcsrf" }

function request()
  local form_token = table.remove(tokens)
  if form_token == nil then
    fetches = fetches + 1
    return wrk.format("GET", "/manifest", page_headers)
  end
  sent = sent + 1
  local body = string.format(
    "_csrf=benchcsrf&form_token=%s&name=Bench+Signer+%d&email=b%d-%d-%s%%40example.org&district=centrum&website=",
    form_token, id, id, sent, run_id)
  return wrk.format("POST", "/manifest/ondertekenen", headers, body)
end

function response(status, headers, body)
  -- Only the form page answers 200 (a refused sign-up answers 4xx).
  if status == 200 then
    local form_token = body:match('name="form_token" value="([^"]+)"')
    if form_token then table.insert(tokens, form_token) end
    return
  end
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
    " signup_sent=%d signup_answered=%d signup_303=%d signup_other=%s signup_rps=%.1f",
    s, a, ok, other_text, a / (summary.duration / 1e6)))
end
