#!/usr/bin/env bash
# `npm run test:cluster [-- --quick]`: the cluster test (scripts/cluster/run.ts) with its network
# and daemons removed whatever happens — finished, failed, or interrupted (Ctrl-C, SIGTERM).
set -uo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "the cluster test needs root (network namespaces)" >&2; exit 1; }
[ -f dist/server.js ] && [ -f build/handler.js ] || { echo "run npm run build first" >&2; exit 1; }
trap 'bash scripts/cluster/topology.sh down' EXIT
trap 'exit 130' INT TERM
npx tsx scripts/cluster/run.ts "$@"
