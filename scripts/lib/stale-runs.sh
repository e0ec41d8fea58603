# What a killed earlier run left behind. Each run of a test or benchmark script keeps its folder
# /tmp/kracht-NAME.*: its shell's PID in "owner", its servers' PIDs in "pids", and its PostgreSQL
# cluster (if any) in pg/data. A folder whose owner is gone is stale. Source this file, then call
# `clean_stale_runs NAME` before making this run's folder.
clean_stale_runs() { # name
  local old pid pg_ctl_bin
  for old in /tmp/kracht-"$1".*; do
    [ -f "$old/owner" ] || continue
    kill -0 "$(cat "$old/owner")" 2>/dev/null && continue # that run is still going
    for pid in $(cat "$old/pids" 2>/dev/null); do
      # only a process that is still ours: its command line or environment names the old folder
      if grep -qs "$old" "/proc/$pid/cmdline" "/proc/$pid/environ"; then kill -KILL "$pid" 2>/dev/null; fi
    done
    if [ -f "$old/pg/data/postmaster.pid" ]; then
      pg_ctl_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)/pg_ctl
      runuser -u postgres -- "$pg_ctl_bin" -D "$old/pg/data" -m immediate stop > /dev/null 2>&1
    fi
    rm -rf "$old"
  done
}
