#!/usr/bin/env bash
# Stamps one run: writes run.env next to this script with the instant every segment starts its load at, the run's
# id (its reports' folder on the volume) and how long the merge waits. Run it right before `kubectl apply -k`.
#   ./stamp.sh [DELAY_SECONDS] [MERGE_TIMEOUT]     defaults: 60 s from now (time to pull images and schedule pods),
#                                                  and 30m
# The delay must cover pod start-up: a segment that comes up after the instant joins the schedule where it stands
# and counts what it missed as dropped; one that comes up after the whole schedule is refused (exit 64).
set -euo pipefail
delay="${1:-60}"
timeout="${2:-30m}"
case "$delay" in ''|*[!0-9]*) echo "stamp.sh: DELAY_SECONDS must be a whole number of seconds, got '$delay'" >&2; exit 64 ;; esac
here="$(cd "$(dirname "$0")" && pwd)"
start="$(date -u -d "@$(( $(date -u +%s) + delay ))" +%Y-%m-%dT%H:%M:%SZ)"
run_id="run-$(date -u -d "$start" +%Y%m%dt%H%M%Sz)"
cat > "$here/run.env" <<ENV
START_AT=$start
RUN_ID=$run_id
MERGE_TIMEOUT=$timeout
ENV
echo "$run_id starts at $start (merge waits up to $timeout)"
