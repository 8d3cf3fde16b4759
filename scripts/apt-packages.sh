# Sourced by the ensure-* scripts: ensure_apt_packages TAG PACKAGE... installs the Debian packages that are missing,
# as root or through a passwordless sudo, waiting for another apt run that holds the lock.
ensure_apt_packages() {
  local tag="$1"
  shift
  local missing=()
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "[$tag] apt packages present: $*"
    return
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo -n); fi
  local waited=0
  while command -v fuser >/dev/null && fuser /var/lib/dpkg/lock-frontend /var/lib/apt/lists/lock >/dev/null 2>&1; do
    if [ $waited -eq 0 ]; then echo "[$tag] waiting for another apt/dpkg process to finish"; fi
    sleep 5; waited=$((waited + 5))
    if [ $waited -ge 900 ]; then echo "[$tag] apt still locked after 15 minutes"; return 1; fi
  done
  echo "[$tag] apt-get update && apt-get install -y ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
}
