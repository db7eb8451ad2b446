-- Aggregates: FILTER, ordered string_agg / array_agg / jsonb_agg, bool_and / bool_or,
-- GROUP BY … HAVING, aggregates over empty input and over infinite timestamps.

-- case: token-counts-with-filter
-- order: ordered
SELECT count(*) AS total,
       count(*) FILTER (WHERE revoked) AS revoked,
       count(*) FILTER (WHERE token_type = 'refresh') AS refresh,
       count(*) FILTER (WHERE NOT revoked AND expires_at > now()) AS live
FROM tokens;

-- case: token-counts-per-client-with-filter
-- order: ordered
SELECT c.client_id,
       count(t.id) AS tokens,
       count(t.id) FILTER (WHERE t.token_type = 'access') AS access,
       count(*) FILTER (WHERE t.revoked) AS revoked
FROM oauth_clients c
LEFT JOIN tokens t ON t.client_id = c.id
GROUP BY c.client_id
ORDER BY c.client_id;

-- case: login-stats-per-user-filter-sum-avg
-- order: ordered
SELECT u.username,
       count(*) FILTER (WHERE a.event_type = 'login.failure') AS failures,
       count(*) FILTER (WHERE a.event_type = 'login.success') AS successes,
       sum(a.latency_ms) FILTER (WHERE a.success) AS ok_latency,
       max(a.occurred_at) FILTER (WHERE a.event_type LIKE 'login.%') AS last_login_event
FROM audit_events a
JOIN users u ON u.id = a.user_id
GROUP BY u.username
ORDER BY u.username;

-- case: avg-integer-is-numeric
-- order: ordered
SELECT event_type, avg(latency_ms) AS avg_latency, avg(http_status) AS avg_status
FROM audit_events
WHERE occurred_at >= '2024-05-01 00:00:00+00' AND occurred_at < '2024-09-30 00:00:00+00'
GROUP BY event_type
ORDER BY event_type;

-- case: sum-and-avg-numeric-column
-- order: ordered
SELECT sum(rate_limit_rps) AS total_rps, avg(rate_limit_rps) AS avg_rps,
       min(rate_limit_rps) AS min_rps, max(rate_limit_rps) AS max_rps
FROM oauth_clients;

-- case: string-agg-ordered-scopes-per-client
-- order: ordered
SELECT c.client_id, string_agg(s.scope_name, ' ' ORDER BY s.scope_name) AS scopes
FROM oauth_clients c
JOIN oauth_client_scopes cs ON cs.client_id = c.id
JOIN oauth_scopes s ON s.id = cs.scope_id
GROUP BY c.client_id
ORDER BY c.client_id;

-- case: string-agg-desc-order
-- order: ordered
SELECT u.username, string_agg(t.token_jti, ', ' ORDER BY t.issued_at DESC, t.token_jti) AS tokens
FROM users u
JOIN tokens t ON t.user_id = u.id
GROUP BY u.username
ORDER BY u.username;

-- case: string-agg-distinct
-- order: ordered
SELECT string_agg(DISTINCT event_type, ',' ORDER BY event_type) AS kinds
FROM audit_events
WHERE user_id IS NOT NULL;

-- case: array-agg-ordered-nulls-last
-- order: ordered
SELECT array_agg(scope_name ORDER BY display_order NULLS LAST, scope_name) AS by_display,
       array_agg(display_order ORDER BY display_order DESC NULLS LAST) AS orders
FROM oauth_scopes;

-- case: array-agg-per-user
-- order: ordered
SELECT u.username, array_agg(t.token_type ORDER BY t.token_jti) AS types,
       array_agg(t.revoked ORDER BY t.token_jti) AS revoked_flags
FROM users u
JOIN tokens t ON t.user_id = u.id
GROUP BY u.username
ORDER BY u.username;

-- case: jsonb-agg-ordered
-- order: ordered
SELECT c.client_id,
       jsonb_agg(jsonb_build_object('jti', t.token_jti, 'type', t.token_type, 'revoked', t.revoked)
                 ORDER BY t.token_jti) AS tokens
FROM oauth_clients c
JOIN tokens t ON t.client_id = c.id
GROUP BY c.client_id
ORDER BY c.client_id;

-- case: jsonb-agg-values
-- order: ordered
SELECT jsonb_agg(failed_login_count ORDER BY id) AS counts, jsonb_agg(given_name ORDER BY id) AS names
FROM users;

-- case: bool-and-bool-or
-- order: ordered
SELECT c.client_id, bool_and(t.revoked) AS all_revoked, bool_or(t.revoked) AS any_revoked,
       every(t.token_type = 'access') AS only_access
FROM oauth_clients c
JOIN tokens t ON t.client_id = c.id
GROUP BY c.client_id
ORDER BY c.client_id;

-- case: bool-and-with-nulls
-- order: ordered
SELECT bool_and(phone_number_verified) AS all_verified, bool_or(phone_number_verified) AS any_verified,
       bool_or(is_admin) FILTER (WHERE failed_login_count > 100000) AS nobody
FROM users;

-- case: count-distinct-and-nulls
-- order: ordered
SELECT count(*) AS events, count(user_id) AS with_user, count(DISTINCT user_id) AS users,
       count(DISTINCT client_id) AS clients, count(success) AS with_outcome
FROM audit_events;

-- case: group-by-having
-- order: ordered
SELECT user_id, count(*) AS tokens
FROM tokens
WHERE user_id IS NOT NULL
GROUP BY user_id
HAVING count(*) > 1
ORDER BY user_id;

-- case: group-by-having-aggregate-filter
-- order: unordered
SELECT ip_address AS ip, count(*) FILTER (WHERE NOT success) AS failures
FROM audit_events
WHERE event_type LIKE 'login.%'
GROUP BY ip_address
HAVING count(*) FILTER (WHERE NOT success) >= 1;

-- case: min-max-infinite-timestamps
-- order: ordered
SELECT min(issued_at) AS first_issued, max(issued_at) AS last_issued,
       min(expires_at) AS first_expiry, max(expires_at) AS last_expiry
FROM tokens;

-- case: min-max-text-and-uuid-text
-- order: ordered
SELECT min(username) AS first_name, max(username) AS last_name, min(id::text) AS first_id,
       max(email) AS last_email
FROM users;

-- case: aggregates-over-empty-input
-- order: ordered
SELECT count(*) AS n, sum(latency_ms) AS total, max(occurred_at) AS latest, bool_and(success) AS ok,
       string_agg(event_type, ',') AS kinds, array_agg(id) AS ids, jsonb_agg(id) AS json_ids
FROM audit_events
WHERE false;

-- case: group-by-ordinal-and-alias
-- order: ordered
SELECT split_part(email, '@', 2) AS domain, count(*) AS users
FROM users
GROUP BY 1
ORDER BY users DESC, domain;

-- case: sum-bigint-small-values
-- order: ordered
SELECT sum(bytes_sent) AS bytes, sum(severity) AS severity_total, sum(latency_ms::bigint) AS latency
FROM audit_events
WHERE bytes_sent BETWEEN 0 AND 1000000;

-- case: group-by-boolean
-- order: ordered
SELECT is_active, count(*) AS users, max(failed_login_count) AS worst
FROM users
GROUP BY is_active
ORDER BY is_active;
