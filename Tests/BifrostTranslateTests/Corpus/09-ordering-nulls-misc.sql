-- Ordering and NULLs: DISTINCT ON, NULL placement, GREATEST / LEAST, IS [NOT] DISTINCT
-- FROM, integer vs numeric division, COALESCE / NULLIF, CASE, LIMIT / OFFSET / FETCH.

-- case: distinct-on-latest-token-per-user
-- order: ordered
SELECT DISTINCT ON (user_id) user_id, token_jti, issued_at
FROM tokens
WHERE user_id IS NOT NULL
ORDER BY user_id, issued_at DESC, id;

-- case: distinct-on-last-event-per-type
-- order: ordered
SELECT DISTINCT ON (event_type) event_type, id, occurred_at
FROM audit_events
WHERE occurred_at BETWEEN '2024-01-01 00:00:00+00' AND '2025-01-01 00:00:00+00'
ORDER BY event_type, occurred_at DESC, id;

-- case: distinct-on-expression
-- order: ordered
SELECT DISTINCT ON (split_part(email, '@', 2)) split_part(email, '@', 2) AS domain, username
FROM users
ORDER BY split_part(email, '@', 2), username;

-- case: order-by-nullable-asc-nulls-last
-- order: ordered
SELECT username, last_login FROM users ORDER BY last_login, username;

-- case: order-by-nullable-desc-nulls-first
-- order: ordered
SELECT username, last_login FROM users ORDER BY last_login DESC, username;

-- case: order-by-nulls-first-asc
-- order: ordered
SELECT scope_name, display_order FROM oauth_scopes ORDER BY display_order NULLS FIRST, scope_name;

-- case: order-by-nulls-last-desc
-- order: ordered
SELECT scope_name, display_order FROM oauth_scopes ORDER BY display_order DESC NULLS LAST, scope_name;

-- case: order-by-text-with-nulls
-- order: ordered
SELECT username, middle_name FROM users ORDER BY middle_name, id;

-- case: order-by-two-nullable-keys
-- order: ordered
SELECT username, phone_number_verified, birthdate
FROM users
ORDER BY phone_number_verified DESC, birthdate NULLS FIRST, id;

-- case: order-by-boolean-and-alias
-- order: ordered
SELECT username AS name, is_active AS active FROM users ORDER BY active DESC, name;

-- case: order-by-ordinal-and-expression
-- order: ordered
SELECT token_jti, length(token_value) AS value_length FROM tokens ORDER BY 2 DESC, 1;

-- case: order-by-non-ascii-text
-- order: ordered
SELECT given_name, id FROM users ORDER BY given_name NULLS LAST, id;

-- case: greatest-least-timestamps-with-nulls
-- order: ordered
SELECT username, GREATEST(created_at, updated_at, last_login) AS latest_activity,
       LEAST(created_at, last_login) AS earliest
FROM users
ORDER BY id;

-- case: greatest-least-integers-with-nulls
-- order: ordered
SELECT id, GREATEST(latency_ms, http_status, NULL) AS biggest, LEAST(latency_ms, http_status) AS smallest,
       GREATEST(NULL::integer, NULL) AS all_null
FROM audit_events
ORDER BY id;

-- case: greatest-text-and-numeric
-- order: ordered
SELECT client_id, GREATEST(rate_limit_rps, 100) AS at_least_100, LEAST(client_id, client_name) AS first_label
FROM oauth_clients
ORDER BY client_id;

-- case: is-distinct-from
-- order: ordered
SELECT username, given_name IS DISTINCT FROM preferred_username AS differs,
       middle_name IS NOT DISTINCT FROM NULL AS no_middle
FROM users
ORDER BY id;

-- case: is-distinct-from-in-where
-- order: ordered
SELECT username FROM users WHERE phone_number_verified IS DISTINCT FROM true ORDER BY username;

-- case: is-not-distinct-from-join
-- order: ordered
SELECT t1.token_jti AS a, t2.token_jti AS b
FROM tokens t1
JOIN tokens t2 ON t1.scope IS NOT DISTINCT FROM t2.scope AND t1.id < t2.id
ORDER BY a, b;

-- case: integer-vs-numeric-division
-- order: ordered
SELECT 7 / 2 AS int_div, -7 / 2 AS neg_int_div, 7 % 3 AS modulo, -7 % 3 AS neg_modulo,
       7.0 / 2 AS numeric_div, 7::numeric / 2 AS cast_div, 1 / 3::numeric AS third, 7 / 2.0 AS float_literal;

-- case: division-of-columns
-- order: ordered
SELECT id, latency_ms / 7 AS int_ratio, latency_ms::numeric / 7 AS exact_ratio,
       round(latency_ms::numeric / 7, 3) AS rounded, bytes_sent / NULLIF(latency_ms, 0) AS bytes_per_ms
FROM audit_events
WHERE id BETWEEN 9 AND 24
ORDER BY id;

-- case: rounding-functions
-- order: ordered
SELECT round(2.5) AS r_pos, round(-2.5) AS r_neg, round(2.345, 2) AS r2, trunc(-2.7) AS t,
       ceil(2.1) AS c, floor(-2.1) AS f, round(2.5::double precision) AS r_float, mod(17, 5) AS m,
       abs(-3.5) AS a, power(2, 10) AS p, sqrt(16::double precision) AS s;

-- case: numeric-column-math
-- order: ordered
SELECT client_id, rate_limit_rps * 2 AS doubled, round(rate_limit_rps / 3, 2) AS third, rate_limit_rps + 0.005 AS nudged
FROM oauth_clients
WHERE rate_limit_rps IS NOT NULL
ORDER BY client_id;

-- case: coalesce-nullif
-- order: ordered
SELECT username, COALESCE(preferred_username, username) AS display, NULLIF(middle_name, '') AS middle,
       COALESCE(nickname, given_name, 'anonymous') AS handle, COALESCE(phone_number_verified, false) AS phone_ok
FROM users
ORDER BY id;

-- case: case-searched
-- order: ordered
SELECT username,
       CASE WHEN NOT is_active THEN 'disabled'
            WHEN failed_login_count >= 3 THEN 'locked'
            WHEN NOT is_verified THEN 'unverified'
            ELSE 'ok' END AS status
FROM users
ORDER BY id;

-- case: case-simple-and-no-else
-- order: ordered
SELECT token_jti, CASE token_type WHEN 'access' THEN 1 WHEN 'refresh' THEN 2 END AS kind,
       CASE WHEN revoked THEN 'revoked' END AS note
FROM tokens
ORDER BY token_jti;

-- case: case-in-aggregate-and-order
-- order: ordered
SELECT CASE WHEN http_status >= 400 THEN 'error' WHEN http_status >= 300 THEN 'redirect' ELSE 'ok' END AS class,
       count(*) AS n
FROM audit_events
WHERE http_status IS NOT NULL
GROUP BY 1
ORDER BY n DESC, class;

-- case: limit-offset
-- order: ordered
SELECT username FROM users ORDER BY username LIMIT 3 OFFSET 2;

-- case: fetch-first-rows-only
-- order: ordered
SELECT id, event_type FROM audit_events
WHERE isfinite(occurred_at)
ORDER BY occurred_at DESC, id
FETCH FIRST 3 ROWS ONLY;

-- case: offset-fetch-next
-- order: ordered
SELECT token_jti FROM tokens ORDER BY token_jti OFFSET 2 ROWS FETCH NEXT 4 ROWS ONLY;

-- case: limit-without-order-count
-- order: ordered
SELECT count(*) AS n FROM (SELECT id FROM users LIMIT 5) AS five;

-- case: string-literal-compared-to-integer
-- order: ordered
SELECT id FROM audit_events WHERE http_status = '200' AND latency_ms > '10' ORDER BY id;

-- case: null-arithmetic-and-concat
-- order: ordered
SELECT id, latency_ms + NULL AS plus_null, user_agent || NULL AS concat_null, NULL = NULL AS eq_null,
       concat(user_agent, NULL) AS concat_fn
FROM audit_events
WHERE id BETWEEN 20 AND 22
ORDER BY id;

-- case: numeric-unconstrained-arithmetic
-- order: ordered
SELECT id, metric_value, metric_value * 2 AS doubled, metric_value + 1 AS plus_one, -metric_value AS negated,
       metric_value / 4 AS quarter
FROM audit_events
WHERE id NOT IN (8, -9223372036854775808)
ORDER BY id;

-- case: numeric-beyond-double-stops
-- order: unordered
-- runtime-error: arithmetic on a numeric value beyond double precision
SELECT id, metric_value * 2 AS doubled FROM audit_events WHERE id = 8;
