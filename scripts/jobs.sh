# Sourced by the scripts that run steps side by side (setup, compile,
# serve): `trap stop_jobs EXIT` stops, when the script ends for any reason,
# the background jobs it started and every process they started (a
# compile's cargo and rustc), so that a step that fails does not leave
# another compiling on.
# shellcheck shell=bash

# The process and its descendants, parents first.
process_tree() {
  local child
  echo "$1"
  for child in $(ps -o pid= --ppid "$1"); do process_tree "$child"; done
}

stop_jobs() {
  local job pids=()
  for job in $(jobs -p); do
    # shellcheck disable=SC2207
    pids+=($(process_tree "$job"))
  done
  ((${#pids[@]} == 0)) || kill "${pids[@]}" 2>/dev/null || true
}
