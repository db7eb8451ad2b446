-- 100 application statements over SampleData/authly, taken from the translator corpus
-- (Tests/BifrostTranslateTests/Corpus), for `bifrost-bench translation`.

SELECT id, username, email, password_hash, is_active, failed_login_count
FROM users
WHERE username = 'admin';

SELECT username
FROM users
WHERE is_active IS TRUE AND is_admin IS NOT TRUE
ORDER BY username;

SELECT username FROM users WHERE is_verified = false AND is_active <> false ORDER BY username;

SELECT username, email FROM users WHERE last_login IS NULL ORDER BY username;

SELECT event_type || ':' || severity AS label, 'status=' || http_status AS status,
       success || '' AS success_text
FROM audit_events
WHERE id BETWEEN 1 AND 12
ORDER BY id;

SELECT s.scope_name AS "Scope", count(*) AS "Clients"
FROM oauth_client_scopes cs
JOIN oauth_scopes s ON s.id = cs.scope_id
GROUP BY s.scope_name;

SELECT token_jti, token_type, username, client_identifier
FROM active_tokens
ORDER BY token_jti;

SELECT username, given_name
FROM users
WHERE given_name ILIKE '%élodie%'
ORDER BY id;

SELECT username, given_name, preferred_username
FROM users
WHERE preferred_username ILIKE 'åse' AND given_name ILIKE 'Åse'
ORDER BY id;

SELECT username, username ILIKE '_LODIE' AS one_char, username ILIKE '__lodie' AS two_chars
FROM users
WHERE username ILIKE '%lodie'
ORDER BY id;

SELECT token_jti FROM tokens WHERE token_jti NOT LIKE 'jti-fixture-%' ORDER BY token_jti;

SELECT scope_name FROM oauth_scopes WHERE scope_name ILIKE 'OFFLINE!_%' ESCAPE '!' ORDER BY scope_name;

SELECT client_id FROM oauth_clients WHERE client_id ~ '^[a-z]+-[a-z]+(-[a-z0-9]+)?$' ORDER BY client_id;

SELECT email FROM users WHERE email !~* 'example' ORDER BY email;

SELECT email, position('@' IN email) AS at_sign, strpos(email, '.') AS first_dot,
       strpos(nickname, '💻') AS emoji_at, position('zz' IN email) AS absent
FROM users
ORDER BY id;

SELECT username, initcap(username) AS title, initcap(family_name) AS family
FROM users
ORDER BY id;

SELECT username, length(nickname) AS chars, char_length(username) AS name_chars,
       octet_length(nickname) AS bytes, length(password_hash) AS hash_length
FROM users
ORDER BY id;

SELECT username FROM users WHERE username > 'd' AND username < 'z' ORDER BY username;

SELECT u.username,
       count(*) FILTER (WHERE a.event_type = 'login.failure') AS failures,
       count(*) FILTER (WHERE a.event_type = 'login.success') AS successes,
       sum(a.latency_ms) FILTER (WHERE a.success) AS ok_latency,
       max(a.occurred_at) FILTER (WHERE a.event_type LIKE 'login.%') AS last_login_event
FROM audit_events a
JOIN users u ON u.id = a.user_id
GROUP BY u.username
ORDER BY u.username;

SELECT c.client_id, string_agg(s.scope_name, ' ' ORDER BY s.scope_name) AS scopes
FROM oauth_clients c
JOIN oauth_client_scopes cs ON cs.client_id = c.id
JOIN oauth_scopes s ON s.id = cs.scope_id
GROUP BY c.client_id
ORDER BY c.client_id;

SELECT u.username, array_agg(t.token_type ORDER BY t.token_jti) AS types,
       array_agg(t.revoked ORDER BY t.token_jti) AS revoked_flags
FROM users u
JOIN tokens t ON t.user_id = u.id
GROUP BY u.username
ORDER BY u.username;

SELECT c.client_id, bool_and(t.revoked) AS all_revoked, bool_or(t.revoked) AS any_revoked,
       every(t.token_type = 'access') AS only_access
FROM oauth_clients c
JOIN tokens t ON t.client_id = c.id
GROUP BY c.client_id
ORDER BY c.client_id;

SELECT user_id, count(*) AS tokens
FROM tokens
WHERE user_id IS NOT NULL
GROUP BY user_id
HAVING count(*) > 1
ORDER BY user_id;

SELECT count(*) AS n, sum(latency_ms) AS total, max(occurred_at) AS latest, bool_and(success) AS ok,
       string_agg(event_type, ',') AS kinds, array_agg(id) AS ids, jsonb_agg(id) AS json_ids
FROM audit_events
WHERE false;

SELECT is_active, count(*) AS users, max(failed_login_count) AS worst
FROM users
GROUP BY is_active
ORDER BY is_active;

SELECT '3.14159'::numeric(6,2) AS pi2, CAST('2.675' AS numeric(5,2)) AS half_up,
       CAST(1 AS numeric) / 8 AS eighth, 10::numeric(10,3) AS ten;

SELECT id, sample_rate::double precision AS widened, duration_seconds
FROM audit_events
WHERE id IN (1, 7, 9, 18)
ORDER BY id;

SELECT username, CAST(username AS varchar(3)) AS short, email::varchar(5) AS email_head,
       CAST(given_name AS character varying(2)) AS initials
FROM users
ORDER BY id;

SELECT token_jti, issued_at::date AS issued_day, issued_at::time AS issued_time,
       issued_at::timestamp AS issued_local
FROM tokens
WHERE issued_at > '1999-01-01 00:00:00+00'
ORDER BY token_jti;

SELECT '1 day 2 hours'::interval AS a, INTERVAL '90 minutes' AS b, CAST('-1 day' AS interval) AS c,
       '1 year 2 months 3 days 04:05:06.5'::interval AS d, '0'::interval AS zero, 'PT15M'::interval AS iso;

SELECT id::text AS id_text, upper(id::text) AS upper_id, CAST(id AS varchar(8)) AS head
FROM users
ORDER BY id;

SELECT '{a,b,"c d"}'::text[] AS texts, '{1,2,3}'::integer[] AS ints, ARRAY[1, 2]::bigint[] AS bigints,
       CAST('{}' AS text[]) AS empty, '{t,f,NULL}'::boolean[] AS flags;

SELECT username, failed_login_count FROM users WHERE failed_login_count > $1 ORDER BY username;

SELECT username FROM users WHERE is_active = $1 AND is_admin = $2 ORDER BY username;

SELECT token_jti FROM tokens WHERE issued_at = $1 ORDER BY token_jti;

SELECT client_id, rate_limit_rps FROM oauth_clients WHERE rate_limit_rps > $1 ORDER BY client_id;

SELECT count(*) AS issued_in_past FROM tokens WHERE issued_at <= clock_timestamp();

SELECT username FROM users WHERE created_at > now() - interval '200 years' ORDER BY username;

SELECT interval '1 day' * 3 AS three_days, interval '1 hour' + interval '30 minutes' AS ninety_minutes,
       -interval '1 day' AS negated, interval '1 day' / 2 AS half_day;

SELECT token_jti FROM tokens
WHERE expires_at - interval '30 days' > issued_at AND expires_at <> 'infinity'
ORDER BY token_jti;

SELECT DATE '2024-03-01' - DATE '2024-02-01' AS feb_days, birthdate - DATE '1970-01-01' AS days_since_epoch, username
FROM users
WHERE birthdate BETWEEN '1900-01-01' AND '2100-01-01'
ORDER BY id;

SELECT id, event_type FROM audit_events WHERE date_trunc('day', occurred_at) = '2024-05-20 00:00:00+00' ORDER BY id;

SELECT username, EXTRACT(YEAR FROM birthdate) AS birth_year, date_part('month', birthdate) AS birth_month,
       EXTRACT(EPOCH FROM INTERVAL '1 day 2 hours') AS interval_seconds
FROM users
WHERE birthdate BETWEEN '1900-01-01' AND '2100-01-01'
ORDER BY id;

SELECT username, age(created_at) > interval '6 months' AS older_than_6_months
FROM users
WHERE created_at > '2020-01-01 00:00:00+00'
ORDER BY id;

SELECT token_jti, to_char(issued_at, 'HH24:MI:SS.MS') AS millis, to_char(issued_at, 'HH24:MI:SS.US') AS micros
FROM tokens
WHERE issued_at > '1999-01-01 00:00:00+00'
ORDER BY token_jti;

SELECT token_jti FROM tokens WHERE issued_at = '2024-06-01 12:00:00+05:30' ORDER BY token_jti;

SELECT id, event_type FROM audit_events
WHERE occurred_at BETWEEN '2024-06-01 00:00:00+00' AND '2024-08-01 18:45:30.5+00'
ORDER BY id;

SELECT t.token_jti, t.issued_at + c.access_token_lifetime AS natural_expiry,
       t.issued_at + c.refresh_token_lifetime AS refresh_expiry
FROM tokens t
JOIN oauth_clients c ON c.id = t.client_id
WHERE isfinite(t.issued_at)
ORDER BY t.token_jti;

SELECT client_id, EXTRACT(EPOCH FROM access_token_lifetime) AS lifetime_seconds,
       date_part('epoch', refresh_token_lifetime) AS refresh_seconds
FROM oauth_clients
ORDER BY client_id;

SELECT client_id, redirect_uris, grant_types, contacts
FROM oauth_clients
ORDER BY client_id;

SELECT client_id FROM oauth_clients WHERE 'client_credentials' <> ALL(grant_types) ORDER BY client_id;

SELECT id, 2 = ANY(rate_limit_window) AS has_two, 60 = ANY(rate_limit_window) AS per_minute
FROM audit_events
WHERE rate_limit_window IS NOT NULL
ORDER BY id;

SELECT client_id FROM oauth_clients
WHERE grant_types && ARRAY['client_credentials', 'urn:ietf:params:oauth:grant-type:device_code']
ORDER BY client_id;

SELECT id, cardinality(rate_limit_window) AS elements, array_length(rate_limit_window, 1) AS rows_
FROM audit_events
ORDER BY id;

SELECT c.client_id, g.grant_type, g.n
FROM oauth_clients c, unnest(c.grant_types) WITH ORDINALITY AS g(grant_type, n)
ORDER BY c.client_id, g.n;

SELECT ARRAY[1, 2, 3] AS ints, ARRAY['a', NULL, 'c'] AS texts, ARRAY[username, email] AS pair,
       ARRAY[is_active, is_admin] AS flags, ARRAY[]::text[] AS empty
FROM users
WHERE username = 'admin';

SELECT token_jti FROM tokens WHERE 'offline_access' = ANY(string_to_array(scope, ' ')) ORDER BY token_jti;

SELECT client_id, grant_types[1] AS first_grant, redirect_uris[2] AS second_uri, contacts[2] AS second_contact,
       grant_types[0] AS zeroth, grant_types[99] AS beyond
FROM oauth_clients
ORDER BY client_id;

SELECT client_id, grant_types[1:2] AS first_two, grant_types[2:] AS from_second
FROM oauth_clients
ORDER BY client_id;

SELECT username, address FROM users ORDER BY id;

SELECT client_id, metadata->'tenant'->'regions'->0->>'code' AS first_region,
       metadata->'allowed_origins'->>1 AS second_origin, metadata->'allowed_origins'->>-1 AS last_origin
FROM oauth_clients
ORDER BY client_id;

SELECT client_id FROM oauth_clients WHERE (metadata->'tenant'->>'id')::int = 42;

SELECT client_id FROM oauth_clients
WHERE metadata @> '{"tenant": {"id": 42, "regions": [{"code": "ap-south-1"}]}}'
ORDER BY client_id;

SELECT username, address ? 'geo' AS has_geo, address ? 'region' AS has_region
FROM users
ORDER BY id;

SELECT jsonb_build_object('sub', id, 'preferred_username', username, 'email', email,
                          'email_verified', is_verified, 'given_name', given_name,
                          'failed', failed_login_count) AS userinfo
FROM users
ORDER BY id;

SELECT c.client_id, e AS origin
FROM oauth_clients c, jsonb_array_elements(c.metadata->'allowed_origins') AS e;

SELECT c.client_id, e.key, e.value
FROM oauth_clients c, jsonb_each(c.client_name_localized) AS e
ORDER BY c.client_id, e.key;

SELECT client_id, jsonb_set(metadata, '{allowed_origins,0}', '"https://new.example.com"') AS replaced,
       jsonb_set(metadata, '{spa}', 'false', false) AS no_create
FROM oauth_clients
WHERE client_id = 'spa-frontend';

SELECT to_jsonb(username) AS name, to_jsonb(failed_login_count) AS failures, to_jsonb(is_active) AS active,
       to_jsonb(given_name) AS given, to_jsonb(birthdate) AS birth
FROM users
ORDER BY id;

SELECT client_id, metadata = '{}'::jsonb AS empty_metadata, jsonb_array_length(metadata->'allowed_origins') AS origins
FROM oauth_clients
ORDER BY client_id;

SELECT length(u::text) AS len, substr(u::text, 15, 1) AS version,
       substr(u::text, 20, 1) IN ('8', '9', 'a', 'b') AS rfc_variant,
       u::text = lower(u::text) AS lower_case
FROM (SELECT uuid_generate_v4() AS u) AS generated;

SELECT gen_random_uuid() <> gen_random_uuid() AS differ, gen_random_uuid() IS NOT NULL AS present;

SELECT id, username FROM users ORDER BY id DESC;

SELECT username FROM users
WHERE id = '00000000-0000-0000-0000-000000000000'::uuid OR id = 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid
ORDER BY id;

SELECT DISTINCT ON (split_part(email, '@', 2)) split_part(email, '@', 2) AS domain, username
FROM users
ORDER BY split_part(email, '@', 2), username;

SELECT scope_name, display_order FROM oauth_scopes ORDER BY display_order DESC NULLS LAST, scope_name;

SELECT username AS name, is_active AS active FROM users ORDER BY active DESC, name;

SELECT username, GREATEST(created_at, updated_at, last_login) AS latest_activity,
       LEAST(created_at, last_login) AS earliest
FROM users
ORDER BY id;

SELECT username FROM users WHERE phone_number_verified IS DISTINCT FROM true ORDER BY username;

SELECT id, latency_ms / 7 AS int_ratio, latency_ms::numeric / 7 AS exact_ratio,
       round(latency_ms::numeric / 7, 3) AS rounded, bytes_sent / NULLIF(latency_ms, 0) AS bytes_per_ms
FROM audit_events
WHERE id BETWEEN 9 AND 24
ORDER BY id;

SELECT username, COALESCE(preferred_username, username) AS display, NULLIF(middle_name, '') AS middle,
       COALESCE(nickname, given_name, 'anonymous') AS handle, COALESCE(phone_number_verified, false) AS phone_ok
FROM users
ORDER BY id;

SELECT username FROM users ORDER BY username LIMIT 3 OFFSET 2;

SELECT count(*) AS n FROM (SELECT id FROM users LIMIT 5) AS five;

SELECT id, metric_value, metric_value * 2 AS doubled, metric_value + 1 AS plus_one, -metric_value AS negated,
       metric_value / 4 AS quarter
FROM audit_events
WHERE id NOT IN (8, -9223372036854775808)
ORDER BY id;

WITH RECURSIVE family(id, token_jti, generation) AS (
    SELECT id, token_jti, 0 FROM tokens WHERE parent_token_id IS NULL AND user_id IS NOT NULL
    UNION ALL
    SELECT t.id, t.token_jti, f.generation + 1 FROM tokens t JOIN family f ON t.parent_token_id = f.id
)
SELECT token_jti, generation FROM family ORDER BY generation, token_jti;

SELECT user_id, token_jti,
       row_number() OVER (PARTITION BY user_id ORDER BY issued_at DESC, id) AS recency
FROM tokens
WHERE user_id IS NOT NULL
ORDER BY user_id, recency;

SELECT id, occurred_at, lag(occurred_at) OVER w AS previous, lead(event_type, 1, 'none') OVER w AS next_event,
       occurred_at - lag(occurred_at) OVER w AS gap
FROM audit_events
WHERE user_id = 'a1000000-0000-4000-8000-000000000012'
WINDOW w AS (ORDER BY occurred_at, id)
ORDER BY occurred_at, id;

SELECT id, latency_ms, ntile(4) OVER (ORDER BY latency_ms, id) AS quartile,
       percent_rank() OVER (ORDER BY latency_ms, id) AS pct, cume_dist() OVER (ORDER BY latency_ms, id) AS cume
FROM audit_events
WHERE id BETWEEN 9 AND 22
ORDER BY id;

SELECT c.client_id, recent.n_events, recent.last_at
FROM oauth_clients c
LEFT JOIN LATERAL (
    SELECT count(*) AS n_events, max(occurred_at) AS last_at FROM audit_events a WHERE a.client_id = c.id
) recent ON true
ORDER BY c.client_id;

SELECT user_id FROM tokens WHERE user_id IS NOT NULL
INTERSECT
SELECT user_id FROM oauth_authorization_codes
ORDER BY 1;

SELECT username FROM users u
WHERE EXISTS (SELECT 1 FROM tokens t WHERE t.user_id = u.id AND NOT t.revoked AND t.expires_at > now())
ORDER BY username;

SELECT count(*) AS n FROM users WHERE id NOT IN (SELECT user_id FROM tokens);

SELECT kind, avg(n) AS avg_per_user, max(n) AS max_per_user
FROM (SELECT token_type AS kind, user_id, count(*) AS n FROM tokens WHERE user_id IS NOT NULL GROUP BY 1, 2) per_user
GROUP BY kind
ORDER BY kind;

INSERT INTO users (id, username, email, password_hash)
VALUES ('a1000000-0000-4000-8000-000000000022', 'grace', 'grace@example.com', '$2b$12$grace')
RETURNING username, is_active, is_verified, is_admin, failed_login_count;

INSERT INTO oauth_client_scopes (client_id, scope_id, granted_at) VALUES
    ('c1000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000001', '2024-09-01 00:00:00+00'),
    ('c1000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000006', '2024-09-01 00:00:00.5+00')
RETURNING client_id, scope_id, granted_at;

INSERT INTO users (id, username, email, password_hash, created_at, updated_at, failed_login_count, last_login)
VALUES ('a1000000-0000-4000-8000-000000000023', 'bob', 'bob.other@example.com', 'x',
        '2024-09-01 00:00:00+00', '2024-09-01 00:00:00+00', 2, '2024-09-02 09:30:00+02')
ON CONFLICT ON CONSTRAINT users_username_key
DO UPDATE SET failed_login_count = users.failed_login_count + EXCLUDED.failed_login_count,
              last_login = EXCLUDED.last_login
RETURNING id, username, email, failed_login_count, last_login;

INSERT INTO oauth_scopes (id, scope_name, description, created_at, updated_at)
VALUES ('d1000000-0000-4000-8000-00000000000d', 'groups', 'Group membership',
        '2024-09-01 00:00:00+00', '2024-09-01 00:00:00+00')
RETURNING upper(scope_name) AS upper_name, is_default, is_active::int AS active, display_order IS NULL AS unordered;

UPDATE oauth_clients SET metadata = jsonb_set(metadata, '{flags,beta}', 'false')
WHERE metadata @> '{"flags": {"beta": true}}'
RETURNING client_id, metadata->'flags' AS flags;

UPDATE users
SET phone_number_verified = CASE WHEN phone_number IS NULL THEN NULL ELSE false END,
    requires_password_change = NOT requires_password_change
WHERE is_active AND failed_login_count < 100
RETURNING username, phone_number_verified, requires_password_change;

DELETE FROM tokens WHERE id = 'e1000000-0000-4000-8000-000000000008' RETURNING token_jti, scope;
