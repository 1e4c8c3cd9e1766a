#!/usr/bin/env bash
# The launcher's single-instance lock (./engram up, docs/operations.md#the-launcher), in a few seconds and without a
# build: a second ./engram up on a data directory held by a live launcher exits 3 and names it; a lock left by a dead
# process is replaced, and the launcher removes its lock when it stops. (Stopping the platform when one of its JVMs
# dies needs the built jars: checked by hand, see docs/operations.md.)
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
holder=""
launcher=""
cleanup() {
  [ -z "$holder" ] || kill "$holder" 2>/dev/null || true
  [ -z "$launcher" ] || kill "$launcher" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "launcher-test: FAIL: $*" >&2; exit 1; }

# 1. A live launcher holds the data directory (a process whose command line names engram, like ./engram up's).
bash -c 'sleep 60; :' engram-lock-holder &
holder=$!
echo "$holder" > "$work/engram.pid"
set +e
out="$(./engram up --data-dir "$work" --port 18991 --console-port 18992 --no-build 2>&1)"
rc=$?
set -e
[ "$rc" = 3 ] || fail "a second ./engram up exited $rc, expected 3: $out"
[[ "$out" == *"another ./engram up (pid $holder) is running on $work"* ]] || fail "unexpected message: $out"
[ "$(cat "$work/engram.pid")" = "$holder" ] || fail "the refused launcher touched the lock"
kill "$holder"; wait "$holder" 2>/dev/null || true; holder=""

# 2. The holder is gone: its lock is stale, replaced by the new launcher, and removed when that one stops.
./engram up --data-dir "$work" --port 18991 --console-port 18992 --no-build > "$work/up.log" 2>&1 &
launcher=$!
for _ in $(seq 1 100); do
  grep -q "removing a stale lock" "$work/up.log" 2>/dev/null && [ "$(cat "$work/engram.pid" 2>/dev/null)" = "$launcher" ] && break
  sleep 0.1
done
grep -q "removing a stale lock" "$work/up.log" || fail "the stale lock was not replaced: $(cat "$work/up.log")"
kill -TERM "$launcher" 2>/dev/null || true
wait "$launcher" 2>/dev/null || true
launcher=""
[ ! -e "$work/engram.pid" ] || fail "the lock outlived the launcher"
echo "launcher-test: ok (lock refused while held, stale lock replaced, lock removed at exit)"
