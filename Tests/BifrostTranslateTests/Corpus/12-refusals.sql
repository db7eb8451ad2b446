-- Refusals: constructs SQLite cannot evaluate exactly. Each must be refused with the code
-- and a message naming the construct (the translator reports line:column as well).
-- Every statement except the unknown-column and unknown-table ones is valid PostgreSQL.

-- case: refuse-regex-backreference
-- refuse: unsupported-regex backreference
SELECT username FROM users WHERE username ~ '(.)\1';

-- case: refuse-regex-lookahead
-- refuse: unsupported-regex lookaround
SELECT email FROM users WHERE email ~ '^(?=.*@example)[a-z.]+@';

-- case: refuse-regex-lookbehind
-- refuse: unsupported-regex lookaround
SELECT email FROM users WHERE email ~* '(?<=@)example\.com$';

-- case: refuse-pg-sleep
-- refuse: unsupported-function pg_sleep
SELECT pg_sleep(0);

-- case: refuse-advisory-lock
-- refuse: unsupported-function pg_advisory_xact_lock
SELECT pg_advisory_xact_lock(42);

-- case: refuse-txid-current
-- refuse: unsupported-function txid_current
SELECT txid_current() > 0 AS has_transaction;

-- case: refuse-full-text-search
-- refuse: unsupported-function to_tsvector
SELECT username, to_tsvector('simple', given_name) AS document FROM users;

-- case: refuse-jsonb-path-query
-- refuse: unsupported-function jsonb_path_query
SELECT jsonb_path_query(metadata, '$.tenant.regions[*].code') FROM oauth_clients;

-- case: refuse-pg-notify
-- refuse: unsupported-function pg_notify
SELECT pg_notify('token_revoked', 'e1000000-0000-4000-8000-000000000002');

-- case: refuse-relation-size
-- refuse: unsupported-function pg_total_relation_size
SELECT pg_total_relation_size('tokens') > 0 AS has_pages;

-- case: refuse-inet-network-function
-- refuse: unsupported-function network
SELECT network(ip_address) FROM audit_events WHERE ip_address IS NOT NULL;

-- case: refuse-to-char-roman-numerals
-- refuse: unsupported-function to_char
SELECT to_char(failed_login_count, 'RN') FROM users;

-- case: refuse-array-lower-bound-literal
-- refuse: unsupported-cast lower bound
SELECT '[0:2]={7,8,9}'::integer[] AS zero_based;

-- case: refuse-cast-to-point
-- refuse: unsupported-cast point
SELECT '(1,2)'::point;

-- case: refuse-cast-to-range
-- refuse: unsupported-cast int4range
SELECT '[1,5)'::int4range;

-- case: refuse-at-time-zone-column
-- refuse: unsupported-function AT TIME ZONE
SELECT username, last_login AT TIME ZONE zoneinfo AS local_login FROM users;

-- case: refuse-unknown-column
-- refuse: unknown-column no_such_column
SELECT no_such_column FROM users;

-- case: refuse-unknown-qualified-column
-- refuse: unknown-column secret_flag
SELECT t.token_jti FROM tokens t WHERE t.secret_flag;

-- case: refuse-md5
-- refuse: unsupported-function md5
SELECT token_jti FROM tokens WHERE md5(token_value) = '0cc175b9c0f1b6a831c399e269772661';

-- case: refuse-sha256
-- refuse: unsupported-function sha256
SELECT token_jti, sha256(token_hash) AS rehashed FROM tokens WHERE token_hash IS NOT NULL;

-- case: refuse-current-setting
-- refuse: unsupported-function current_setting
SELECT current_setting('TimeZone') AS zone;

-- case: refuse-version
-- refuse: unsupported-function version
SELECT version();

-- case: refuse-current-database
-- refuse: unsupported-function current_database
SELECT current_database() AS db;

-- case: refuse-current-user
-- refuse: unsupported-function current_user
SELECT current_user AS role_name;

-- case: refuse-inet-client-addr
-- refuse: unsupported-function inet_client_addr
SELECT inet_client_addr() AS client;

-- case: refuse-nextval
-- refuse: unsupported-function nextval
SELECT nextval(pg_get_serial_sequence('audit_events', 'id')) AS next_id;

-- case: refuse-setseed
-- refuse: unsupported-function setseed
SELECT setseed(0.5);

-- case: refuse-timezone-function
-- refuse: unsupported-function time zone
SELECT username, timezone('Europe/Oslo', created_at) AS oslo_time FROM users;

-- case: refuse-cast-to-money
-- refuse: unsupported-cast money
SELECT rate_limit_rps::money FROM oauth_clients;

-- case: refuse-cast-to-tsvector
-- refuse: unsupported-cast tsvector
SELECT 'openid profile email'::tsvector AS words;

-- case: refuse-collate-icu
-- refuse: text-collation COLLATE
SELECT username FROM users ORDER BY username COLLATE "en-x-icu";

-- case: refuse-regex-runtime-pattern
-- refuse: unsupported-regex run time
-- params: ["^e"]
SELECT username FROM users WHERE email ~ $1;

-- case: refuse-regexp-replace-backreference
-- refuse: unsupported-function regexp_replace
SELECT regexp_replace(email, '^(.*)@(.*)$', '\2 at \1') FROM users;

-- case: refuse-regex-word-boundary
-- refuse: unsupported-regex \m
SELECT token_jti FROM tokens WHERE scope ~ '\mopenid\M';

-- case: refuse-unknown-table
-- refuse: unknown-table sessions
SELECT * FROM sessions;

-- case: refuse-data-modifying-cte
-- refuse: unsupported-syntax data-modifying
WITH revoked AS (UPDATE tokens SET revoked = true, revoked_at = '2024-09-01 00:00:00+00' WHERE NOT revoked RETURNING id)
SELECT count(*) FROM revoked;

-- case: refuse-xml
-- refuse: unsupported-syntax XML
SELECT xmlelement(name account, username) FROM users;

-- case: refuse-tablesample
-- refuse: unsupported-syntax TABLESAMPLE
SELECT count(*) FROM audit_events TABLESAMPLE SYSTEM (50);

-- case: refuse-regex-untabulated-class
-- refuse: unsupported-regex [[:punct:]]
SELECT username FROM users WHERE username ~ '[[:punct:]]';

-- case: refuse-regex-embedded-options
-- refuse: unsupported-regex (?…)
SELECT username FROM users WHERE username ~ '(?i)^ADMIN';

-- case: refuse-window-inside-rewritten-function
-- refuse: unsupported-syntax window function inside this expression
SELECT id, lower(lag(username) OVER (ORDER BY id)) AS previous FROM users;
