# How the benchmark and crash-test servers are configured. Source this file; it sets SERVER_ENV.
# Sign-ups come from one address, as fast as a machine can send them: the per-IP limit and
# the "too fast for a person" check would otherwise turn a benchmark into a test of those.
SERVER_ENV=(KRACHT_SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
  KRACHT_MAIL_TRANSPORT=file KRACHT_WORKER=off
  KRACHT_SIGNING_LIMIT_PER_IP=1000000000 KRACHT_SIGNING_MIN_FILL_SECONDS=0 LOG_LEVEL=warning)
