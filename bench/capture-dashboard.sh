#!/usr/bin/env bash
# The README's picture of the dashboard: runs `k8s-playground manifests/ --speed 10` in a 120×36
# tmux terminal for ~20 s of real time, then prints the screen (`tmux capture-pane -p`) on stdout.
#
#   npm run build && bench/capture-dashboard.sh > dashboard.txt
#   SECONDS_TO_RUN=30 KEYS=2 bench/capture-dashboard.sh   # longer, and with the Pods pane showing
set -euo pipefail
cd "$(dirname "$0")/.."

command -v tmux >/dev/null || { echo "capture-dashboard: tmux is not installed" >&2; exit 2; }
[ -f dist/src/cli/main.js ] || { echo "capture-dashboard: run 'npm run build' first" >&2; exit 2; }

run_for="${SECONDS_TO_RUN:-20}"
keys="${KEYS:-}"
socket="k8s-playground-capture-$$"
config="$(mktemp)"
# No status line, so the program gets all 36 rows.
printf 'set -g status off\nset -g default-terminal xterm-256color\n' > "$config"
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  rm -f "$config"
}
trap cleanup EXIT

# ink prints nothing when CI is set.
env -u CI TERM=xterm-256color tmux -L "$socket" -f "$config" new-session -d -s capture -x 120 -y 36 \
  env -u CI TERM=xterm-256color NODE_ENV=production node bin/k8s-playground.js manifests --speed 10
sleep "$run_for"
if [ -n "$keys" ]; then
  tmux -L "$socket" send-keys -t capture "$keys"
  sleep 1
fi
tmux -L "$socket" capture-pane -p -t capture
# Quit, and wait (up to 10 s) for the dashboard to end before the trap removes the terminal.
tmux -L "$socket" send-keys -t capture q
for _ in $(seq 100); do
  tmux -L "$socket" has-session -t capture 2>/dev/null || break
  sleep 0.1
done
