#!/usr/bin/env bash
# Everything a fresh clone needs before it can run: Node modules (npm ci, which also applies
# patches/), a compiled build, and the Kafka jars. Says clearly what is missing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" = 20 ] || die "Node.js 20 is required (found: $(node --version 2>/dev/null || echo none))."
# npm ci when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing Node modules (npm ci) ..."
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
say "building TypeScript ..."
npx tsc -p tsconfig.json
bash "$ROOT/infra/kafka/install.sh"
