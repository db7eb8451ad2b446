-- Basics: projections, predicates, boolean literals and tests, joins, arithmetic, ||.

-- case: login-lookup-by-username
-- order: unordered
SELECT id, username, email, password_hash, is_active, failed_login_count
FROM users
WHERE username = 'admin';

-- case: active-users-by-name
-- order: ordered
SELECT username, is_admin, is_verified
FROM users
WHERE is_active
ORDER BY username;

-- case: boolean-literals
-- order: ordered
SELECT true AS t, false AS f, NOT true AS not_t, TRUE AND NULL AS and_null,
       false OR NULL AS or_null, true OR NULL AS true_or_null, 'yes'::boolean AS yes;

-- case: boolean-is-true-is-not-true
-- order: ordered
SELECT username
FROM users
WHERE is_active IS TRUE AND is_admin IS NOT TRUE
ORDER BY username;

-- case: boolean-is-unknown
-- order: ordered
SELECT username, phone_number_verified IS UNKNOWN AS unknown,
       phone_number_verified IS NOT FALSE AS not_false,
       phone_number_verified IS FALSE AS is_false
FROM users
ORDER BY id;

-- case: boolean-expressions-in-select
-- order: ordered
SELECT username,
       is_active AND is_verified AS trusted,
       NOT requires_password_change AS password_ok,
       is_admin OR failed_login_count > 2 AS needs_review
FROM users
ORDER BY username;

-- case: boolean-equals-literal
-- order: ordered
SELECT username FROM users WHERE is_verified = false AND is_active <> false ORDER BY username;

-- case: count-inactive-users
-- order: ordered
SELECT count(*) AS inactive FROM users WHERE NOT is_active;

-- case: between-and-in
-- order: ordered
SELECT username, failed_login_count
FROM users
WHERE failed_login_count BETWEEN 1 AND 5
  AND locale IN ('nb-NO', 'he-IL', 'de-DE', 'en-US')
ORDER BY username;

-- case: not-between-not-in
-- order: unordered
SELECT token_jti
FROM tokens
WHERE token_type NOT IN ('refresh')
  AND issued_at NOT BETWEEN '2000-01-01 00:00:00+00' AND '2024-06-30 00:00:00+00';

-- case: never-logged-in
-- order: ordered
SELECT username, email FROM users WHERE last_login IS NULL ORDER BY username;

-- case: integer-arithmetic
-- order: ordered
SELECT id, http_status, latency_ms * 2 + 1 AS doubled, -severity AS negated,
       abs(latency_ms - 100) AS distance, latency_ms % 7 AS modulo, http_status / 100 AS class
FROM audit_events
WHERE latency_ms BETWEEN 0 AND 10000
ORDER BY id;

-- case: concat-operator-with-null
-- order: ordered
SELECT username || ' <' || email || '>' AS mailbox,
       given_name || ' ' || family_name AS full_name
FROM users
ORDER BY id;

-- case: concat-operator-non-text
-- order: ordered
SELECT event_type || ':' || severity AS label, 'status=' || http_status AS status,
       success || '' AS success_text
FROM audit_events
WHERE id BETWEEN 1 AND 12
ORDER BY id;

-- case: join-tokens-users-clients
-- order: ordered
SELECT t.token_jti, u.username, c.client_id, t.token_type
FROM tokens t
JOIN users u ON u.id = t.user_id
JOIN oauth_clients c ON c.id = t.client_id
ORDER BY t.token_jti;

-- case: left-join-client-owner
-- order: ordered
SELECT c.client_id, c.client_type, u.username AS owner
FROM oauth_clients c
LEFT JOIN users u ON u.id = c.owner_user_id
ORDER BY c.client_id;

-- case: join-using-and-aliases
-- order: unordered
SELECT s.scope_name AS "Scope", count(*) AS "Clients"
FROM oauth_client_scopes cs
JOIN oauth_scopes s ON s.id = cs.scope_id
GROUP BY s.scope_name;

-- case: distinct-token-types
-- order: unordered
SELECT DISTINCT token_type, revoked FROM tokens;

-- case: scalar-subquery-in-select
-- order: ordered
SELECT u.username,
       (SELECT count(*) FROM tokens t WHERE t.user_id = u.id) AS tokens,
       (SELECT max(t.issued_at) FROM tokens t WHERE t.user_id = u.id) AS last_issue
FROM users u
ORDER BY u.username;

-- case: enum-column-filter
-- order: ordered
SELECT client_id, client_name, client_type
FROM oauth_clients
WHERE client_type = 'public'
ORDER BY client_id;

-- case: active-tokens-view
-- order: ordered
SELECT token_jti, token_type, username, client_identifier
FROM active_tokens
ORDER BY token_jti;

-- case: select-without-from
-- order: ordered
SELECT 1 + 2 AS three, 'Authly' AS product, NULL::text AS nothing, 2 * 3.5 AS mixed;
