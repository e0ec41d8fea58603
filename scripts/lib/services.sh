# Real services for tests, started by the project's own scripts. Source this file; call
# `services_cleanup` from an EXIT trap. Every service listens on 127.0.0.1 only.

SERVICES_DIR="${SERVICES_DIR:-$(mktemp -d /tmp/kracht-services.XXXXXX)}"
chmod 755 "$SERVICES_DIR"
SERVICE_PIDS=()

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_for_port() { # port, seconds
  local port=$1 tries=$(( ${2:-20} * 10 ))
  for _ in $(seq "$tries"); do
    (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$port" >&2
  return 1
}

# An SMTP sink (aiosmtpd): each message becomes a file in $SMTP_SINK_DIR/new.
start_smtp_sink() {
  python3 -c 'import aiosmtpd' 2>/dev/null || pip install --quiet aiosmtpd >&2
  SMTP_SINK_PORT=$(free_port)
  SMTP_SINK_DIR="$SERVICES_DIR/mail"
  mkdir -p "$SMTP_SINK_DIR"/{tmp,new,cur}
  python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_SINK_PORT" -c aiosmtpd.handlers.Mailbox "$SMTP_SINK_DIR" \
    > "$SERVICES_DIR/smtp.log" 2>&1 &
  SERVICE_PIDS+=($!)
  wait_for_port "$SMTP_SINK_PORT" 10
  export SMTP_SINK_PORT SMTP_SINK_DIR
}

# An SMTP sink that speaks TLS and wants a login (scripts/lib/smtp_tls_sink.py): STARTTLS on
# $SMTP_TLS_SINK_STARTTLS_PORT, TLS from the first byte on $SMTP_TLS_SINK_PORT, with a
# self-signed certificate made here ($SMTP_TLS_SINK_CA). Messages go to $SMTP_TLS_SINK_DIR/new.
start_smtp_tls_sink() {
  python3 -c 'import aiosmtpd' 2>/dev/null || pip install --quiet aiosmtpd >&2
  if ! command -v openssl > /dev/null; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >&2
  fi
  local dir="$SERVICES_DIR/smtp-tls"
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" > "$dir/openssl.log" 2>&1
  SMTP_TLS_SINK_STARTTLS_PORT=$(free_port)
  SMTP_TLS_SINK_PORT=$(free_port)
  SMTP_TLS_SINK_CA="$dir/cert.pem"
  SMTP_TLS_SINK_DIR="$dir/mail"
  SMTP_TLS_SINK_USER=kracht
  SMTP_TLS_SINK_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  python3 "$(dirname "${BASH_SOURCE[0]}")/smtp_tls_sink.py" --cert "$dir/cert.pem" --key "$dir/key.pem" \
    --maildir "$SMTP_TLS_SINK_DIR" --starttls-port "$SMTP_TLS_SINK_STARTTLS_PORT" --tls-port "$SMTP_TLS_SINK_PORT" \
    --user "$SMTP_TLS_SINK_USER" --password "$SMTP_TLS_SINK_PASSWORD" > "$SERVICES_DIR/smtp-tls.log" 2>&1 &
  SERVICE_PIDS+=($!)
  wait_for_port "$SMTP_TLS_SINK_STARTTLS_PORT" 10
  wait_for_port "$SMTP_TLS_SINK_PORT" 10
  export SMTP_TLS_SINK_STARTTLS_PORT SMTP_TLS_SINK_PORT SMTP_TLS_SINK_CA SMTP_TLS_SINK_DIR SMTP_TLS_SINK_USER SMTP_TLS_SINK_PASSWORD
}

# A throwaway PostgreSQL cluster owned by the postgres user; sets $POSTGRES_URL.
start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  POSTGRES_PORT=$(free_port)
  local data="$SERVICES_DIR/pg/data" sock="$SERVICES_DIR/pg/sock"
  mkdir -p "$data" "$sock"
  chown -R postgres:postgres "$SERVICES_DIR/pg"
  runuser -u postgres -- "$bin/initdb" -D "$data" -A trust -U postgres --no-sync -E UTF8 > "$SERVICES_DIR/initdb.log" 2>&1
  runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$SERVICES_DIR/pg/postgres.log" -w \
    -o "-k $sock -p $POSTGRES_PORT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start > /dev/null
  POSTGRES_BIN="$bin" POSTGRES_DATA="$data"
  runuser -u postgres -- "$bin/createdb" -h 127.0.0.1 -p "$POSTGRES_PORT" kracht
  export POSTGRES_URL="postgres://postgres@127.0.0.1:$POSTGRES_PORT/kracht?sslmode=disable"
}

services_cleanup() {
  if [ -n "${POSTGRES_DATA:-}" ]; then
    runuser -u postgres -- "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DATA" -m immediate stop > /dev/null 2>&1 || true
  fi
  for pid in "${SERVICE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$SERVICES_DIR"
}

# The sign-ups a benchmark made: "rows distinct" of the signatures whose address matches a LIKE
# pattern (a run's own addresses), in a SQLite file or a PostgreSQL URL; read-only.
count_signatures() { # database (path or postgres://…), pattern
  if [[ $1 = postgres* ]]; then
    psql "$1" -tAF' ' -c "select count(*), count(distinct lower(email)) from signatures where email like '$2'"
  else
    python3 - "$1" "$2" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(*db.execute("select count(*), count(distinct lower(email)) from signatures where email like ?", (sys.argv[2],)).fetchone())
EOF
  fi
}
