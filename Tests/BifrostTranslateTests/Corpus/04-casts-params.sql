-- Casts (:: and CAST) to every mapped type, and $n parameters.

-- case: cast-text-to-integer-types
-- order: ordered
SELECT '42'::integer AS i, '-7'::smallint AS s, '9007199254740993'::bigint AS b,
       CAST('2147483647' AS integer) AS max_int, '0042'::int AS leading_zeros, ' 12 '::int AS padded;

-- case: cast-numeric-rounds-to-integer
-- order: ordered
SELECT '1.5'::numeric::integer AS one_and_half, '2.5'::numeric::int AS two_and_half,
       (-2.5)::numeric::int AS minus_two_and_half, 2.4999::numeric::bigint AS almost,
       CAST(rate_limit_rps AS integer) AS rps
FROM oauth_clients
WHERE rate_limit_rps IS NOT NULL
ORDER BY client_id;

-- case: cast-float-rounds-half-even
-- order: ordered
SELECT 2.5::float8::int AS two_and_half, 3.5::float8::int AS three_and_half,
       (-0.5)::float8::int AS minus_half, 1.7::double precision::bigint AS up;

-- case: cast-to-numeric-with-scale
-- order: ordered
SELECT '3.14159'::numeric(6,2) AS pi2, CAST('2.675' AS numeric(5,2)) AS half_up,
       CAST(1 AS numeric) / 8 AS eighth, 10::numeric(10,3) AS ten;

-- case: cast-numeric-column-to-text-keeps-scale
-- order: ordered
SELECT client_id, rate_limit_rps::text AS rps_text, rate_limit_rps AS rps
FROM oauth_clients
ORDER BY client_id;

-- case: cast-to-real-and-double
-- order: ordered
SELECT '2.5'::real AS r, '2.5'::double precision AS d, latency_ms::double precision / 4 AS quarter,
       CAST(severity AS real) AS severity_real
FROM audit_events
WHERE id BETWEEN 9 AND 12
ORDER BY id;

-- case: cast-real-column-to-double
-- order: ordered
SELECT id, sample_rate::double precision AS widened, duration_seconds
FROM audit_events
WHERE id IN (1, 7, 9, 18)
ORDER BY id;

-- case: cast-to-boolean
-- order: ordered
SELECT 't'::boolean AS t, 'yes'::boolean AS yes, 'off'::boolean AS off, '1'::boolean AS one,
       CAST('FALSE' AS boolean) AS upper_false, 1::boolean AS int_true, 0::boolean AS int_false;

-- case: cast-boolean-to-text-and-int
-- order: ordered
SELECT username, is_admin::text AS admin_text, is_active::int AS active_int,
       CAST(is_verified AS varchar) AS verified_text
FROM users
ORDER BY id;

-- case: cast-to-varchar-truncates
-- order: ordered
SELECT username, CAST(username AS varchar(3)) AS short, email::varchar(5) AS email_head,
       CAST(given_name AS character varying(2)) AS initials
FROM users
ORDER BY id;

-- case: cast-to-char-pads
-- order: ordered
SELECT token_jti, CAST(token_type AS char(8)) AS padded, length(token_type::char(8)) AS char_length,
       token_type::char(8) || '|' AS concatenated
FROM tokens
WHERE token_jti LIKE 'jti-bob%'
ORDER BY token_jti;

-- case: cast-integer-to-text
-- order: ordered
SELECT id, failed_login_count::text AS text_count, CAST(failed_login_count AS varchar) || ' failures' AS label
FROM users
ORDER BY id;

-- case: cast-text-to-timestamptz-with-offset
-- order: ordered
SELECT '2024-06-01 12:00:00+05:30'::timestamptz AS from_ist,
       CAST('2024-03-10 02:30:00-08' AS timestamp with time zone) AS from_pst,
       '2024-02-29 23:59:59.999999Z'::timestamptz AS fractional,
       'infinity'::timestamptz AS forever, '2024-06-01'::timestamptz AS midnight;

-- case: cast-timestamptz-to-date-time-timestamp
-- order: ordered
SELECT token_jti, issued_at::date AS issued_day, issued_at::time AS issued_time,
       issued_at::timestamp AS issued_local
FROM tokens
WHERE issued_at > '1999-01-01 00:00:00+00'
ORDER BY token_jti;

-- case: cast-text-to-date-time-timestamp
-- order: ordered
SELECT '2024-06-01'::date AS d, DATE '2024-02-29' AS leap, '12:34:56.5'::time AS t,
       '2024-06-01 12:00'::timestamp AS ts, TIMESTAMP '2024-06-01 12:00:00.25' AS ts_literal,
       'infinity'::date AS forever;

-- case: cast-date-to-timestamptz
-- order: ordered
SELECT username, birthdate::timestamptz AS birth_instant, birthdate::timestamp AS birth_local
FROM users
WHERE birthdate BETWEEN '1900-01-01' AND '2100-01-01'
ORDER BY id;

-- case: cast-to-interval
-- order: ordered
SELECT '1 day 2 hours'::interval AS a, INTERVAL '90 minutes' AS b, CAST('-1 day' AS interval) AS c,
       '1 year 2 months 3 days 04:05:06.5'::interval AS d, '0'::interval AS zero, 'PT15M'::interval AS iso;

-- case: cast-to-bytea-and-encode
-- order: ordered
SELECT token_jti, token_hash, '\x00ff'::bytea AS literal, encode(token_hash, 'hex') AS hex,
       octet_length(token_hash) AS bytes
FROM tokens
ORDER BY token_jti;

-- case: cast-text-to-uuid-normalises
-- order: ordered
SELECT 'A1000000-0000-4000-8000-00000000000A'::uuid AS upper_input,
       'a1000000000040008000000000000002'::uuid AS no_hyphens,
       '{a1000000-0000-4000-8000-000000000003}'::uuid AS braces;

-- case: cast-uuid-to-text
-- order: ordered
SELECT id::text AS id_text, upper(id::text) AS upper_id, CAST(id AS varchar(8)) AS head
FROM users
ORDER BY id;

-- case: cast-to-enum-and-back
-- order: ordered
SELECT client_id, client_type::text AS type_text, client_type = 'public'::client_type AS is_public,
       'confidential'::client_type AS literal
FROM oauth_clients
ORDER BY client_id;

-- case: cast-to-json-and-jsonb
-- order: ordered
SELECT '{"b": 2, "a": [1, 2.50, null]}'::jsonb AS doc, CAST('[true, {"x": "y"}]' AS json) AS arr,
       '"text"'::jsonb AS scalar, 'null'::jsonb AS json_null;

-- case: cast-jsonb-to-text-format
-- order: ordered
SELECT client_id, metadata::text AS metadata_text, client_name_localized::text AS names_text
FROM oauth_clients
WHERE client_id IN ('spa-frontend', 'minimal-client', 'svc-istanbul-m2m')
ORDER BY client_id;

-- case: cast-to-arrays
-- order: ordered
SELECT '{a,b,"c d"}'::text[] AS texts, '{1,2,3}'::integer[] AS ints, ARRAY[1, 2]::bigint[] AS bigints,
       CAST('{}' AS text[]) AS empty, '{t,f,NULL}'::boolean[] AS flags;

-- case: cast-inet-column
-- order: ordered
SELECT id, ip_address, host(ip_address) AS host_text
FROM audit_events
WHERE id BETWEEN 9 AND 12
ORDER BY id;

-- case: param-text-equals
-- order: ordered
-- params: ["spa-frontend"]
SELECT client_id, client_name, require_pkce FROM oauth_clients WHERE client_id = $1;

-- case: param-integer-comparison
-- order: ordered
-- params: [2]
SELECT username, failed_login_count FROM users WHERE failed_login_count > $1 ORDER BY username;

-- case: param-uuid-upper-case
-- order: ordered
-- params: ["A1000000-0000-4000-8000-000000000002"]
SELECT username, email FROM users WHERE id = $1;

-- case: param-uuid-join
-- order: ordered
-- params: ["a1000000-0000-4000-8000-000000000011"]
SELECT t.token_jti, c.client_id
FROM tokens t JOIN oauth_clients c ON c.id = t.client_id
WHERE t.user_id = $1 AND NOT t.revoked
ORDER BY t.token_jti;

-- case: param-boolean
-- order: ordered
-- params: [true, false]
SELECT username FROM users WHERE is_active = $1 AND is_admin = $2 ORDER BY username;

-- case: param-repeated
-- order: ordered
-- params: ["bob"]
SELECT username, email FROM users WHERE username = $1 OR preferred_username = $1 OR email ILIKE $1 || '@%';

-- case: param-casts-in-select
-- order: ordered
-- params: [2, 3, "x"]
SELECT $1::integer + $2::integer AS sum, $3::text || '!' AS shout, $1::numeric / $2::numeric AS ratio;

-- case: param-timestamptz
-- order: ordered
-- params: ["2024-06-01 12:00:00+05:30"]
SELECT token_jti, issued_at FROM tokens WHERE issued_at >= $1::timestamptz AND issued_at < 'infinity' ORDER BY issued_at, token_jti;

-- case: param-timestamptz-uncast
-- order: ordered
-- params: ["2024-07-01 08:15:00+00"]
SELECT token_jti FROM tokens WHERE issued_at = $1 ORDER BY token_jti;

-- case: param-limit-offset
-- order: ordered
-- params: [3, 2]
SELECT username FROM users ORDER BY username LIMIT $1 OFFSET $2;

-- case: param-null
-- order: ordered
-- params: [null]
SELECT count(*) AS matches, count(*) FILTER (WHERE middle_name IS NOT DISTINCT FROM $1) AS no_middle FROM users WHERE $1::text IS NULL;

-- case: param-numeric-real
-- order: ordered
-- params: [100.5]
SELECT client_id, rate_limit_rps FROM oauth_clients WHERE rate_limit_rps > $1 ORDER BY client_id;
