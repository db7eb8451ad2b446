#!/usr/bin/env bash
# `make demo`: converts SampleData/authly, loaded into a throwaway PostgreSQL, to authly.sqlite.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.build/debug"
output="$root/authly.sqlite"

echo "== starting a throwaway PostgreSQL, loading SampleData/authly (schema + fixture rows)"
"$bin/throwaway-postgres" --database authly \
    --load "$root/SampleData/authly/schema.sql" \
    --load "$root/SampleData/authly/fixture.sql" \
    -- "$bin/bifrost" convert '{url}' "$output"

echo
echo "== $output ($(stat -c '%s bytes, mode %a' "$output")), tables:"
sqlite3 "$output" .tables
echo
echo "Try: sqlite3 $output 'SELECT username, email, created_at FROM users'"
echo "The throwaway PostgreSQL has been stopped and removed."
