-- More application shapes: typed parameters, identity inserts, counters, JSON building.

-- case: mix2-between-timestamp-params
-- order: ordered
-- params: ["2024-01-01 00:00:00+00", "2024-12-31 23:59:59+00"]
SELECT id, event_type FROM audit_events WHERE occurred_at BETWEEN $1 AND $2 ORDER BY id;

-- case: mix2-insert-identity-returning
-- order: unordered
-- dml-table: audit_events(event_type, severity, success)
INSERT INTO audit_events (event_type, severity, success, tags)
VALUES ('user.login', 1, true, ARRAY['web', 'mfa'])
RETURNING event_type, severity, success, tags, id > 0 AS has_id;

-- case: mix2-counter-update
-- order: unordered
-- dml-table: users(id, failed_login_count)
-- params: ["a1000000-0000-4000-8000-000000000011"]
UPDATE users SET failed_login_count = failed_login_count + 1 WHERE id = $1 RETURNING username, failed_login_count;

-- case: mix2-to-char-iso
-- order: ordered
SELECT id, to_char(occurred_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS iso, extract(epoch FROM occurred_at)::bigint AS epoch
FROM audit_events
WHERE isfinite(occurred_at)
ORDER BY id;

-- case: mix2-interval-param
-- order: ordered
-- params: ["P30D"]
SELECT token_jti FROM tokens WHERE expires_at > '2024-01-01 00:00:00+00'::timestamptz + $1::interval ORDER BY token_jti;

-- case: mix2-array-agg-distinct
-- order: ordered
SELECT user_id, array_agg(DISTINCT event_type ORDER BY event_type) AS kinds
FROM audit_events
WHERE user_id IS NOT NULL
GROUP BY user_id
ORDER BY user_id;

-- case: mix2-json-build
-- order: ordered
SELECT jsonb_build_object('id', id, 'name', username, 'active', is_active, 'fails', failed_login_count) AS doc
FROM users
ORDER BY id;

-- case: mix2-json-field-filter
-- order: ordered
SELECT id FROM users WHERE address ->> 'country' IS NOT NULL ORDER BY id;

-- case: mix2-any-array-subquery
-- order: ordered
SELECT u.username FROM users u WHERE u.id = ANY (ARRAY(SELECT user_id FROM tokens WHERE user_id IS NOT NULL)) ORDER BY u.username COLLATE "C";

-- case: mix2-age-and-text
-- order: ordered
SELECT id, CAST(birthdate AS text) AS born, age('2030-01-01'::date, birthdate) AS age_then
FROM users
WHERE birthdate IS NOT NULL AND isfinite(birthdate)
ORDER BY id;

-- case: mix2-lag-partitioned
-- order: ordered
SELECT id, user_id, lag(event_type) OVER (PARTITION BY user_id ORDER BY occurred_at, id) AS previous_event
FROM audit_events
ORDER BY id;

-- case: mix2-values-sum
-- order: ordered
SELECT sum(x) AS total, avg(x) AS mean FROM (VALUES (1), (2), (4)) AS v(x);

-- case: mix2-generate-series
-- order: ordered
SELECT g, g * g AS square FROM generate_series(1, 5) AS g ORDER BY g;

-- case: mix2-nulls-last-desc
-- order: ordered
SELECT id, last_login FROM users ORDER BY last_login DESC NULLS LAST, id LIMIT 4;

-- case: mix2-similar-alternation
-- order: ordered
SELECT username FROM users WHERE username SIMILAR TO '%(ali|bob)%' ORDER BY username COLLATE "C";

-- case: mix2-update-from-join
-- order: unordered
-- dml-table: tokens(id, revoked)
UPDATE tokens SET revoked = true FROM users WHERE users.id = tokens.user_id AND users.username = 'bob'
RETURNING tokens.token_jti;
