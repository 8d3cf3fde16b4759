#!/usr/bin/env bash
# `npm start`: try the extension in a real VS Code on the examples/ folder.
# With a desktop `code` on PATH it runs that as an extension development host. Otherwise it serves VS Code with
# code-server on 127.0.0.1 (port $PORT, default 8080, or the next free one) with the freshly packaged .vsix installed,
# prints the URL to open, and stays in the foreground until Ctrl+C.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXAMPLES="$REPO/examples"
cd "$REPO"

if command -v code >/dev/null 2>&1 && [ "${APIGW_USE_CODE_SERVER:-}" != "1" ]; then
  echo "[start] building, then opening desktop VS Code on examples/"
  node build.mjs
  exec code --extensionDevelopmentPath="$REPO" "$EXAMPLES"
fi

bash "$REPO/scripts/ensure-vscode.sh"
# shellcheck source=lib/code-server.sh
source "$REPO/scripts/lib/code-server.sh"

echo "[start] building and packaging the extension"
node build.mjs
PROFILE="$CS_CACHE/start-profile"
mkdir -p "$PROFILE"
VSIX="$PROFILE/apigateway-studio.vsix"
npm run --silent package -- --out "$VSIX" >"$PROFILE/package.log" 2>&1 || {
  cat "$PROFILE/package.log" >&2; exit 1; }

PORT="$(cs_free_port "${PORT:-8080}")"
cs_prepare "$PROFILE" "$PORT"
# A new, empty extensions folder each start: the fresh .vsix always wins over an installed one of the same version.
rm -rf "$PROFILE/extensions" && mkdir -p "$PROFILE/extensions"
echo "[start] installing $(basename "$VSIX")"
cs_run "$PROFILE" --install-extension "$VSIX" >/dev/null

trap 'echo; echo "[start] stopping code-server"; cs_stop; exit 0' INT TERM HUP
trap 'cs_stop' EXIT
cs_start "$PROFILE" "$PROFILE/server.log"
if ! cs_wait_healthy "$PORT" 90; then
  echo "[start] code-server did not come up; its log:" >&2
  cat "$PROFILE/server.log" >&2
  exit 1
fi

URL="http://127.0.0.1:$PORT/?folder=$EXAMPLES"
echo
echo "  API Gateway Studio is running in VS Code (code-server $(cs_run "$PROFILE" --version 2>/dev/null | head -1 | cut -d' ' -f1))."
echo "  Open: $URL"
echo "  Server log: $PROFILE/server.log    Stop: Ctrl+C"
echo
# Foreground until the server exits or Ctrl+C; the trap stops the whole process group.
while kill -0 "$CS_PGID" 2>/dev/null; do sleep 1; done
echo "[start] code-server exited; see $PROFILE/server.log" >&2
exit 1
