#!/usr/bin/env bash
# `make demo`: converts SampleData/authly, loaded into a throwaway PostgreSQL, to authly.sqlite.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.build/debug"
output="$root/authly.sqlite"

echo "== starting a throwaway PostgreSQL, loading SampleData/authly (schema + fixture rows)"
snapshot="$(mktemp)"
trap 'rm -f "$snapshot"' EXIT
# Convert, keep a schema snapshot for the translation below (it carries PostgreSQL's types),
# and import the file back into another schema of the same database.
"$bin/throwaway-postgres" --database authly \
    --load "$root/SampleData/authly/schema.sql" \
    --load "$root/SampleData/authly/fixture.sql" \
    -- bash -c '"$0" convert "$BIFROST_PG_URL" "$1" && "$0" inspect "$BIFROST_PG_URL" --format json > "$2" &&
               echo && echo "== importing it back into schema restored (the round trip, verified):" &&
               "$0" import "$1" "$BIFROST_PG_URL" --schema restored' \
       "$bin/bifrost" "$output" "$snapshot"

echo
echo "== $output ($(stat -c '%s bytes, mode %a' "$output")), tables:"
sqlite3 "$output" .tables

query="SELECT username, email FROM users WHERE email ILIKE '%@EXAMPLE.%' AND is_active ORDER BY created_at DESC LIMIT 3"
echo
echo "== translating a PostgreSQL query and running it on the SQLite file:"
echo "   $query"
translated="$(echo "$query" | "$bin/bifrost" translate --schema "$snapshot" --collation C.UTF-8)"
echo "$translated" | sed 's/^/   /'
sqlite3 "$output" "$translated"
echo
echo "Try: sqlite3 $output 'SELECT username, email, created_at FROM users'"
echo "The throwaway PostgreSQL has been stopped and removed."
