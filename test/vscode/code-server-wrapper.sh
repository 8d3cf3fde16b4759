#!/usr/bin/env bash
# Stands in for a desktop VS Code executable (`runTests({ vscodeExecutablePath })` of @vscode/test-electron): takes the
# desktop-style arguments, serves VS Code with code-server, and runs the extension tests in headless Chromium through
# the smoke-test driver's payload URL. Exits with the test runner's exit code.
#
# Environment: APIGW_CACHE (install cache), APIGW_VSCODE_TIMEOUT (seconds for the whole run, default 600),
# APIGW_KEEP_PROFILE=1 (keep the temporary profile and server log for inspection). Every APIGW_* variable reaches the
# extension host through the payload's extensionEnvironment.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/lib/code-server.sh
source "$HERE/../../scripts/lib/code-server.sh"

dev_paths=()
tests_path=""
folder=""
workspace=""
for arg in "$@"; do
  case "$arg" in
    --extensionDevelopmentPath=*) dev_paths+=("$(realpath "${arg#*=}")") ;;
    --extensionTestsPath=*) tests_path="$(realpath "${arg#*=}")" ;;
    # A fresh, empty extensions dir already isolates the run; profile and desktop-only switches have no server meaning.
    --*) ;;
    *)
      if [ -d "$arg" ]; then folder="$(realpath "$arg")"
      elif [ -f "$arg" ] && [[ "$arg" == *.code-workspace ]]; then workspace="$(realpath "$arg")"
      else echo "code-server-wrapper: ignoring argument $arg" >&2
      fi ;;
  esac
done

if [ -z "$tests_path" ] || [ ${#dev_paths[@]} -eq 0 ]; then
  echo "code-server-wrapper: need --extensionDevelopmentPath= and --extensionTestsPath=" >&2
  exit 2
fi
if [ ! -x "$CS_BIN" ]; then
  echo "code-server-wrapper: code-server is not installed in $CS_CACHE; run scripts/ensure-vscode.sh" >&2
  exit 2
fi

profile="$(mktemp -d "${TMPDIR:-/tmp}/apigw-vscode-test.XXXXXX")"
driver_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  [ -n "$driver_pid" ] && kill -TERM "$driver_pid" 2>/dev/null
  cs_stop
  if [ "${APIGW_KEEP_PROFILE:-}" = "1" ]; then
    echo "code-server-wrapper: profile kept in $profile"
  else
    rm -rf "$profile"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

port="$(cs_free_port)"
cs_prepare "$profile" "$port"
cs_start "$profile" "$profile/server.log" --vscode-option enable-smoke-test-driver || {
  echo "code-server-wrapper: code-server did not start" >&2; exit 1; }
if ! cs_wait_healthy "$port" 90; then
  echo "code-server-wrapper: code-server never answered /healthz on port $port; its log:" >&2
  cat "$profile/server.log" >&2
  exit 1
fi

driver_args=(--port "$port" --tests "$tests_path" --timeout "${APIGW_VSCODE_TIMEOUT:-600}" --profile "$profile")
for p in "${dev_paths[@]}"; do driver_args+=(--dev "$p"); done
[ -n "$folder" ] && driver_args+=(--folder "$folder")
[ -n "$workspace" ] && driver_args+=(--workspace "$workspace")

# The driver enforces the run's time limit itself; `timeout` only catches a driver that hangs while shutting down.
limit="${APIGW_VSCODE_TIMEOUT:-600}"
timeout --kill-after=15 "$((limit + 60))" "$HERE/../../node_modules/.bin/tsx" "$HERE/drive-tests.ts" "${driver_args[@]}" &
driver_pid=$!
wait "$driver_pid"
code=$?
driver_pid=""
if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
  echo "code-server-wrapper: driver ended with $code; code-server log tail:" >&2
  tail -n 40 "$profile/server.log" >&2
fi
exit "$code"
