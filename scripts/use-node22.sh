# Source this file (". scripts/use-node22.sh") to get Node >= 22.14 first on PATH.
# Hookscope targets Node >= 22.14. Where the machine's node is older, we fetch the official
# Node 22 binary that the npm registry ships as the `node-<platform>-<arch>` package into
# .tools/node22 (no other network needed) and put it first on PATH. npm_config_nodedir points
# native builds at its headers so nothing compiles against an older Node.
HOOKSCOPE_NODE_VERSION="${HOOKSCOPE_NODE_VERSION:-22.23.3}"
_hs_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_hs_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=14)?0:1)'
}
if ! _hs_node_ok; then
  _hs_platform="$(uname -s | tr '[:upper:]' '[:lower:]')"
  case "$(uname -m)" in x86_64) _hs_arch=x64 ;; aarch64|arm64) _hs_arch=arm64 ;; *) _hs_arch="$(uname -m)" ;; esac
  _hs_pkg="node-${_hs_platform}-${_hs_arch}"
  _hs_dir="$_hs_root/.tools/node22/node_modules/$_hs_pkg"
  if [ ! -x "$_hs_dir/bin/node" ] || [ "$("$_hs_dir/bin/node" --version)" != "v$HOOKSCOPE_NODE_VERSION" ]; then
    echo "hookscope: installing Node $HOOKSCOPE_NODE_VERSION ($_hs_pkg) into .tools/node22" >&2
    npm install --silent --no-save --no-package-lock --prefix "$_hs_root/.tools/node22" "$_hs_pkg@$HOOKSCOPE_NODE_VERSION" >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$_hs_dir/bin:$PATH"
  export npm_config_nodedir="$_hs_dir"
fi
unset -f _hs_node_ok
