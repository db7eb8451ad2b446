-- UUIDs: generated v4 values checked by shape (never by value), literal normalisation,
-- comparisons and ordering.

-- case: gen-random-uuid-shape
-- order: ordered
SELECT length(gen_random_uuid()::text) AS len, substr(gen_random_uuid()::text, 15, 1) AS version,
       substr(gen_random_uuid()::text, 20, 1) IN ('8', '9', 'a', 'b') AS rfc_variant,
       substr(gen_random_uuid()::text, 9, 1) || substr(gen_random_uuid()::text, 14, 1) ||
       substr(gen_random_uuid()::text, 19, 1) || substr(gen_random_uuid()::text, 24, 1) AS hyphens;

-- case: uuid-generate-v4-shape
-- order: ordered
SELECT length(u::text) AS len, substr(u::text, 15, 1) AS version,
       substr(u::text, 20, 1) IN ('8', '9', 'a', 'b') AS rfc_variant,
       u::text = lower(u::text) AS lower_case
FROM (SELECT uuid_generate_v4() AS u) AS generated;

-- case: gen-random-uuid-lowercase-hex
-- order: ordered
SELECT gen_random_uuid()::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' AS valid;

-- case: gen-random-uuid-distinct-per-row
-- order: ordered
SELECT count(DISTINCT gen_random_uuid()) AS distinct_ids, count(*) AS users FROM users;

-- case: gen-random-uuid-differs
-- order: ordered
SELECT gen_random_uuid() <> gen_random_uuid() AS differ, gen_random_uuid() IS NOT NULL AS present;

-- case: uuid-literal-upper-case
-- order: ordered
SELECT username FROM users WHERE id = 'A1000000-0000-4000-8000-00000000000A';

-- case: uuid-literal-without-hyphens-and-braces
-- order: ordered
SELECT username FROM users
WHERE id IN ('a1000000000040008000000000000002', '{a1000000-0000-4000-8000-000000000003}', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF')
ORDER BY id;

-- case: uuid-order-by
-- order: ordered
SELECT id, username FROM users ORDER BY id DESC;

-- case: uuid-range-comparison
-- order: ordered
SELECT id FROM tokens WHERE id > 'e1000000-0000-4000-8000-000000000010' ORDER BY id;

-- case: uuid-join-and-null-foreign-key
-- order: ordered
SELECT t.token_jti, t.parent_token_id, p.token_jti AS parent_jti
FROM tokens t
LEFT JOIN tokens p ON p.id = t.parent_token_id
ORDER BY t.token_jti;

-- case: uuid-text-functions
-- order: ordered
SELECT id, upper(id::text) AS upper_id, replace(id::text, '-', '') AS compact, split_part(id::text, '-', 5) AS node
FROM oauth_clients
ORDER BY id;

-- case: uuid-nil-and-max
-- order: ordered
SELECT username FROM users
WHERE id = '00000000-0000-0000-0000-000000000000'::uuid OR id = 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid
ORDER BY id;
