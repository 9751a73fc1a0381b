#!/usr/bin/env bash
# Unit tests only: no build, no Kafka, Elasticsearch or Redis (the tests import the workspace
# packages from their TypeScript sources). Extra arguments go to vitest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec npx vitest run --project unit "$@"
