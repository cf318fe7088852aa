#!/usr/bin/env bash
# Runs gorsc's whole test suite: installs the npm packages the tests and
# the example need (when missing or out of date), then go vet and go test.
# Extra arguments go to `go test` (for example: ./test.sh -run Hydration -v).
# Needs Go, Node.js/npm and Chromium; under CI=true a missing tool fails.
set -euo pipefail
cd "$(dirname "$0")"

for dir in examples/showcase examples/bench examples/notes tools/react; do
  [ -f "$dir/package.json" ] || continue
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "== npm ci in $dir"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done

echo "== go vet ./..."
go vet ./...
echo "== go test ./..."
go test -count=1 "$@" ./...
echo "== go test -tags gorsc_prebuilt ./internal/server (a binary without the bundler)"
go test -count=1 -tags gorsc_prebuilt -run Prebuilt ./internal/server
