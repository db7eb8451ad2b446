-- Mixed application queries written after the translator existed, to probe it with shapes
-- the themed files do not combine.

-- case: mix-login-lookup-case-insensitive
-- order: ordered
-- params: ["ÅSE@example.no"]
SELECT id, username, is_active, failed_login_count < 5 AS may_try
FROM users
WHERE lower(email) = lower($1) AND is_active
ORDER BY id;

-- case: mix-tokens-per-client-with-share
-- order: ordered
SELECT c.client_id, count(t.id) AS tokens,
       round(100.0 * count(t.id) / sum(count(t.id)) OVER (), 2) AS share
FROM oauth_clients c LEFT JOIN tokens t ON t.client_id = c.id
GROUP BY c.client_id
ORDER BY tokens DESC, c.client_id;

-- case: mix-latest-event-per-user
-- order: ordered
SELECT DISTINCT ON (user_id) user_id, event_type, occurred_at
FROM audit_events
WHERE user_id IS NOT NULL
ORDER BY user_id, occurred_at DESC, id DESC;

-- case: mix-expiring-soon-relative
-- order: ordered
SELECT token_jti, expires_at - issued_at AS lifetime, expires_at > issued_at + interval '1 hour' AS longer_than_hour
FROM tokens
WHERE isfinite(expires_at) AND isfinite(issued_at)
ORDER BY token_jti;

-- case: mix-scope-list-per-client
-- order: ordered
SELECT c.client_id, string_agg(s.scope_name, ' ' ORDER BY s.scope_name) AS scopes, count(*) AS n
FROM oauth_clients c
JOIN oauth_client_scopes cs ON cs.client_id = c.id
JOIN oauth_scopes s ON s.id = cs.scope_id
GROUP BY c.client_id
HAVING count(*) >= 1
ORDER BY c.client_id;

-- case: mix-coalesce-display-name
-- order: ordered
SELECT id, coalesce(nullif(trim(preferred_username), ''), nickname, username) AS display,
       concat_ws(' ', given_name, family_name) AS full_name
FROM users
ORDER BY id;

-- case: mix-events-by-day-and-type
-- order: ordered
SELECT date_trunc('day', occurred_at)::date AS day, event_type, count(*) AS n,
       count(*) FILTER (WHERE success IS FALSE) AS failures
FROM audit_events
WHERE occurred_at >= '2024-01-01' AND occurred_at < '2025-01-01'
GROUP BY 1, 2
ORDER BY 1, 2;

-- case: mix-exists-and-not-exists
-- order: ordered
SELECT u.username,
       EXISTS (SELECT 1 FROM tokens t WHERE t.user_id = u.id AND NOT t.revoked) AS has_live_token,
       NOT EXISTS (SELECT 1 FROM oauth_authorization_codes a WHERE a.user_id = u.id) AS never_authorized
FROM users u
ORDER BY u.username COLLATE "C";

-- case: mix-in-subquery-with-nulls
-- order: ordered
SELECT id FROM tokens
WHERE parent_token_id NOT IN (SELECT id FROM tokens WHERE token_type = 'access')
ORDER BY id;

-- case: mix-case-with-ranges
-- order: ordered
SELECT id, CASE WHEN latency_ms IS NULL THEN 'unknown'
                WHEN latency_ms < 100 THEN 'fast'
                WHEN latency_ms BETWEEN 100 AND 999 THEN 'ok'
                ELSE 'slow' END AS speed,
       greatest(latency_ms, 0) AS clamped, least(severity, 3) AS capped
FROM audit_events
ORDER BY id;

-- case: mix-recursive-token-chain
-- order: ordered
WITH RECURSIVE chain AS (
    SELECT id, parent_token_id, token_jti, 1 AS depth FROM tokens WHERE parent_token_id IS NULL
    UNION ALL
    SELECT t.id, t.parent_token_id, t.token_jti, c.depth + 1
    FROM tokens t JOIN chain c ON t.parent_token_id = c.id
)
SELECT token_jti, depth FROM chain ORDER BY depth, token_jti;

-- case: mix-running-total-window
-- order: ordered
SELECT id, bytes_sent,
       sum(bytes_sent) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,
       rank() OVER (ORDER BY bytes_sent DESC NULLS LAST) AS by_size
FROM audit_events
ORDER BY id;

-- case: mix-upsert-scope
-- order: unordered
-- dml-table: oauth_scopes(scope_name, description, is_default)
INSERT INTO oauth_scopes (scope_name, description, is_default)
VALUES ('openid', 'OpenID Connect (updated)', true), ('billing', 'Billing data', false)
ON CONFLICT (scope_name) DO UPDATE SET description = EXCLUDED.description, is_default = EXCLUDED.is_default
RETURNING scope_name, description, is_default;

-- case: mix-delete-expired-codes
-- order: unordered
-- dml-table: oauth_authorization_codes(id, code, used)
DELETE FROM oauth_authorization_codes
WHERE expires_at < '2024-06-01' OR used
RETURNING code;

-- case: mix-json-claims-filter
-- order: ordered
SELECT id, claims -> 'userinfo' ? 'email' AS wants_email, jsonb_typeof(claims) AS kind
FROM oauth_authorization_codes
ORDER BY id;

-- case: mix-array-contains-param
-- order: ordered
-- params: ["authorization_code"]
SELECT client_id, cardinality(grant_types) AS n_grants
FROM oauth_clients
WHERE $1 = ANY (grant_types)
ORDER BY client_id;

-- case: mix-integer-and-numeric-division
-- order: ordered
SELECT id, latency_ms / 7 AS int_div, latency_ms / 7.0 AS num_div, latency_ms % 7 AS remainder,
       (latency_ms::numeric / 3)::numeric(10,2) AS thirds
FROM audit_events
WHERE latency_ms IS NOT NULL AND latency_ms > 0 AND latency_ms < 100000
ORDER BY id;

-- case: mix-limit-offset-param
-- order: ordered
-- params: [2, 1]
SELECT username FROM users ORDER BY username COLLATE "C" LIMIT $1 OFFSET $2;
