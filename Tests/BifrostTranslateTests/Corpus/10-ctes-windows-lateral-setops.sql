-- CTEs (also RECURSIVE), window functions, LATERAL, set operations, subqueries.

-- case: cte-active-tokens-per-user
-- order: ordered
WITH live AS (
    SELECT user_id, count(*) AS n
    FROM tokens
    WHERE NOT revoked AND expires_at > now()
    GROUP BY user_id
)
SELECT u.username, COALESCE(l.n, 0) AS live_tokens
FROM users u
LEFT JOIN live l ON l.user_id = u.id
ORDER BY u.username;

-- case: cte-multiple-chained
-- order: ordered
WITH failures AS (
    SELECT user_id, count(*) AS n FROM audit_events WHERE event_type = 'login.failure' GROUP BY user_id
), risky AS (
    SELECT user_id FROM failures WHERE n >= 2
)
SELECT u.username, f.n
FROM failures f
JOIN users u ON u.id = f.user_id
WHERE f.user_id IN (SELECT user_id FROM risky) OR u.failed_login_count > 0
ORDER BY u.username;

-- case: recursive-token-rotation-chain
-- order: ordered
WITH RECURSIVE chain AS (
    SELECT id, parent_token_id, token_jti, 1 AS depth
    FROM tokens
    WHERE id = 'e1000000-0000-4000-8000-000000000007'
    UNION ALL
    SELECT t.id, t.parent_token_id, t.token_jti, c.depth + 1
    FROM tokens t
    JOIN chain c ON t.id = c.parent_token_id
)
SELECT token_jti, depth FROM chain ORDER BY depth;

-- case: recursive-descendants-of-token
-- order: ordered
WITH RECURSIVE family(id, token_jti, generation) AS (
    SELECT id, token_jti, 0 FROM tokens WHERE parent_token_id IS NULL AND user_id IS NOT NULL
    UNION ALL
    SELECT t.id, t.token_jti, f.generation + 1 FROM tokens t JOIN family f ON t.parent_token_id = f.id
)
SELECT token_jti, generation FROM family ORDER BY generation, token_jti;

-- case: recursive-counter
-- order: ordered
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
SELECT sum(i) AS total, count(*) AS terms, max(i) AS last FROM n;

-- case: generate-series-integers
-- order: ordered
SELECT g, g * g AS square FROM generate_series(1, 5) AS g ORDER BY g;

-- case: window-row-number-per-user
-- order: ordered
SELECT user_id, token_jti,
       row_number() OVER (PARTITION BY user_id ORDER BY issued_at DESC, id) AS recency
FROM tokens
WHERE user_id IS NOT NULL
ORDER BY user_id, recency;

-- case: window-rank-dense-rank
-- order: ordered
SELECT id, severity, rank() OVER (ORDER BY severity DESC) AS rnk, dense_rank() OVER (ORDER BY severity DESC) AS dense
FROM audit_events
WHERE id BETWEEN 9 AND 24
ORDER BY severity DESC, id;

-- case: window-running-sum
-- order: ordered
SELECT id, latency_ms,
       sum(latency_ms) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,
       avg(latency_ms) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving_avg
FROM audit_events
WHERE id BETWEEN 9 AND 24
ORDER BY id;

-- case: window-lag-lead-timestamps
-- order: ordered
SELECT id, occurred_at, lag(occurred_at) OVER w AS previous, lead(event_type, 1, 'none') OVER w AS next_event,
       occurred_at - lag(occurred_at) OVER w AS gap
FROM audit_events
WHERE user_id = 'a1000000-0000-4000-8000-000000000012'
WINDOW w AS (ORDER BY occurred_at, id)
ORDER BY occurred_at, id;

-- case: window-count-partition
-- order: ordered
SELECT token_jti, client_id, count(*) OVER (PARTITION BY client_id) AS client_tokens,
       count(*) FILTER (WHERE revoked) OVER (PARTITION BY client_id) AS client_revoked
FROM tokens
ORDER BY token_jti;

-- case: window-first-last-value
-- order: ordered
SELECT DISTINCT user_id,
       first_value(event_type) OVER (PARTITION BY user_id ORDER BY occurred_at, id) AS first_event,
       last_value(event_type) OVER (PARTITION BY user_id ORDER BY occurred_at, id
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_event
FROM audit_events
WHERE user_id IS NOT NULL
ORDER BY user_id;

-- case: window-order-with-nulls
-- order: ordered
SELECT username, last_login, row_number() OVER (ORDER BY last_login, username) AS login_order,
       row_number() OVER (ORDER BY last_login DESC, username) AS reverse_order
FROM users
ORDER BY username;

-- case: window-ntile-percent-rank
-- order: ordered
SELECT id, latency_ms, ntile(4) OVER (ORDER BY latency_ms, id) AS quartile,
       percent_rank() OVER (ORDER BY latency_ms, id) AS pct, cume_dist() OVER (ORDER BY latency_ms, id) AS cume
FROM audit_events
WHERE id BETWEEN 9 AND 22
ORDER BY id;

-- case: window-top-n-per-group
-- order: ordered
SELECT username, token_jti
FROM (
    SELECT u.username, t.token_jti,
           row_number() OVER (PARTITION BY u.id ORDER BY t.expires_at DESC, t.id) AS rn
    FROM users u JOIN tokens t ON t.user_id = u.id
) ranked
WHERE rn = 1
ORDER BY username;

-- case: lateral-latest-token
-- order: ordered
SELECT u.username, t.token_jti, t.issued_at
FROM users u
CROSS JOIN LATERAL (
    SELECT token_jti, issued_at FROM tokens WHERE user_id = u.id ORDER BY issued_at DESC, id LIMIT 1
) t
ORDER BY u.username;

-- case: left-join-lateral-on-true
-- order: ordered
SELECT c.client_id, recent.n_events, recent.last_at
FROM oauth_clients c
LEFT JOIN LATERAL (
    SELECT count(*) AS n_events, max(occurred_at) AS last_at FROM audit_events a WHERE a.client_id = c.id
) recent ON true
ORDER BY c.client_id;

-- case: lateral-jsonb-elements
-- order: ordered
SELECT k.kid, e.key
FROM oidc_jwks_keys k
CROSS JOIN LATERAL jsonb_each(k.key_data) AS e
WHERE e.key IN ('crv', 'alg')
ORDER BY k.kid, e.key;

-- case: union-distinct
-- order: ordered
SELECT owner_user_id AS user_id FROM oauth_clients WHERE owner_user_id IS NOT NULL
UNION
SELECT user_id FROM oauth_authorization_codes
ORDER BY user_id;

-- case: union-all-with-literals
-- order: unordered
SELECT 'token' AS kind, token_jti AS ref FROM tokens WHERE user_id = 'a1000000-0000-4000-8000-000000000011'
UNION ALL
SELECT 'code', code FROM oauth_authorization_codes WHERE user_id = 'a1000000-0000-4000-8000-000000000011'
UNION ALL
SELECT 'event', id::text FROM audit_events WHERE user_id = 'a1000000-0000-4000-8000-000000000011';

-- case: intersect
-- order: ordered
SELECT user_id FROM tokens WHERE user_id IS NOT NULL
INTERSECT
SELECT user_id FROM oauth_authorization_codes
ORDER BY 1;

-- case: except
-- order: ordered
SELECT id FROM users
EXCEPT
SELECT user_id FROM tokens WHERE user_id IS NOT NULL
ORDER BY 1;

-- case: union-order-limit
-- order: ordered
(SELECT username AS name, created_at AS at FROM users WHERE created_at > '2024-05-01 00:00:00+00')
UNION ALL
(SELECT client_id, created_at FROM oauth_clients)
ORDER BY at DESC, name
LIMIT 4;

-- case: exists-subquery
-- order: ordered
SELECT username FROM users u
WHERE EXISTS (SELECT 1 FROM tokens t WHERE t.user_id = u.id AND NOT t.revoked AND t.expires_at > now())
ORDER BY username;

-- case: not-exists-subquery
-- order: ordered
SELECT client_id FROM oauth_clients c
WHERE NOT EXISTS (SELECT 1 FROM oauth_authorization_codes a WHERE a.client_id = c.id)
ORDER BY client_id;

-- case: in-subquery
-- order: ordered
SELECT scope_name FROM oauth_scopes
WHERE id IN (SELECT scope_id FROM oauth_token_scopes ts JOIN tokens t ON t.id = ts.token_id WHERE NOT t.revoked)
ORDER BY scope_name;

-- case: not-in-subquery-with-null
-- order: ordered
SELECT count(*) AS n FROM users WHERE id NOT IN (SELECT user_id FROM tokens);

-- case: not-in-subquery-without-null
-- order: ordered
SELECT username FROM users WHERE id NOT IN (SELECT user_id FROM tokens WHERE user_id IS NOT NULL) ORDER BY username;

-- case: any-all-subquery
-- order: ordered
SELECT id, latency_ms FROM audit_events
WHERE latency_ms > ALL (SELECT latency_ms FROM audit_events WHERE event_type = 'login.success' AND latency_ms < 1000)
  AND latency_ms < ANY (SELECT latency_ms FROM audit_events WHERE event_type = 'user.created')
ORDER BY id;

-- case: correlated-scalar-subquery-in-where
-- order: ordered
SELECT t.token_jti FROM tokens t
WHERE t.issued_at = (SELECT max(t2.issued_at) FROM tokens t2 WHERE t2.client_id = t.client_id)
ORDER BY t.token_jti;

-- case: derived-table-aggregate
-- order: ordered
SELECT kind, avg(n) AS avg_per_user, max(n) AS max_per_user
FROM (SELECT token_type AS kind, user_id, count(*) AS n FROM tokens WHERE user_id IS NOT NULL GROUP BY 1, 2) per_user
GROUP BY kind
ORDER BY kind;

-- case: values-list
-- order: ordered
SELECT v.name, v.weight, s.is_default
FROM (VALUES ('openid', 1), ('profile', 2), ('nonexistent', 3)) AS v(name, weight)
LEFT JOIN oauth_scopes s ON s.scope_name = v.name
ORDER BY v.weight;
