#!/usr/bin/env bash
# Test tier 3, real VS Code: the extension test suite inside a real extension host (test/vscode/runTests.ts) and the UI
# checks (test/vscode/ui/*creenshot.ts). Exits non-zero when any fails.
# With APIGW_STATS_FILE set, writes there {"passed": N, "failed": N} summed over all parts.
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
started=$(date +%s)
step() { echo "[test-vscode] $*"; }

work="$(mktemp -d "${TMPDIR:-/tmp}/apigw-test-vscode.XXXXXX")"
trap 'rm -rf "$work"' EXIT

write_total() {
  [ -n "${APIGW_STATS_FILE:-}" ] || return 0
  node -e '
    const fs = require("fs");
    const [out, ...parts] = process.argv.slice(1);
    const total = { passed: 0, failed: 0 };
    for (const part of parts) {
      // A part that ran no test or crashed before writing its counts is one failure, not zero tests.
      let s = { passed: 0, failed: 1 };
      try { s = JSON.parse(fs.readFileSync(part, "utf8")); } catch {}
      total.passed += s.passed; total.failed += s.failed;
    }
    fs.writeFileSync(out, JSON.stringify(total) + "\n");
  ' "$APIGW_STATS_FILE" "$@"
}

fail_setup() {
  step "setup failed: $1"
  write_total "$work/none"
  exit 1
}

bash scripts/ensure-vscode.sh || fail_setup "ensure-vscode"
# A private .vsix path: another build in the same tree cannot overwrite the one under test halfway through.
vsix="$work/apigateway-studio.vsix"
step "npm run package -- --out $vsix"
npm run --silent package -- --out "$vsix" || fail_setup "package"
# After packaging (a production build): the suite then runs on a development build, with source maps.
step "node build.mjs --tests"
node build.mjs --tests || fail_setup "build"
built=$(date +%s)

step "extension tests in the real extension host"
APIGW_STATS_FILE="$work/suite.json" npx tsx test/vscode/runTests.ts
suite_status=$?
suite_done=$(date +%s)

# Every UI check is a test/vscode/ui/*creenshot.ts script (screenshot.ts, treeScreenshot.ts, ...): adding one is enough.
ui_status=0
ui_stats=()
for check in test/vscode/ui/*creenshot.ts; do
  name="$(basename "$check" .ts)"
  step "UI check $name"
  ui_stats+=("$work/ui-$name.json")
  APIGW_VSIX="$vsix" APIGW_STATS_FILE="$work/ui-$name.json" npx tsx "$check" || ui_status=1
done
finished=$(date +%s)

write_total "$work/suite.json" "${ui_stats[@]}"
step "setup+build $((built - started)) s, suite $((suite_done - built)) s, UI $((finished - suite_done)) s"
if [ $suite_status -ne 0 ] || [ $ui_status -ne 0 ]; then
  step "FAILED (suite exit $suite_status, UI exit $ui_status)"
  exit 1
fi
step "passed"
