-- Strings and patterns: ILIKE beyond ASCII, case-sensitive LIKE, ESCAPE, SIMILAR TO,
-- regular expressions, and the string functions applications use.

-- case: ilike-login-by-email-param
-- order: ordered
-- params: ["ADMIN@example.COM"]
SELECT id, username, is_active FROM users WHERE email ILIKE $1 ORDER BY id;

-- case: ilike-elodie
-- order: ordered
SELECT username, given_name
FROM users
WHERE given_name ILIKE '%élodie%'
ORDER BY id;

-- case: ilike-elodie-upper-pattern
-- order: ordered
SELECT username FROM users WHERE given_name ILIKE 'ÉLODIE' OR preferred_username ILIKE 'ÉLODIE' ORDER BY id;

-- case: ilike-ase-email
-- order: ordered
SELECT username, email FROM users WHERE email ILIKE 'åse@example.no' ORDER BY id;

-- case: ilike-ase-upper
-- order: ordered
SELECT username, given_name, preferred_username
FROM users
WHERE preferred_username ILIKE 'åse' AND given_name ILIKE 'Åse'
ORDER BY id;

-- case: ilike-strasse-matrix
-- order: ordered
SELECT username, family_name,
       family_name ILIKE 'straße' AS eq_sharp_s,
       family_name ILIKE 'STRASSE' AS eq_ss,
       family_name ILIKE 'strasse' AS eq_lower_ss,
       family_name ILIKE 'STRAßE' AS eq_upper_sharp_s,
       family_name ILIKE '%STR%' AS has_str
FROM users
WHERE family_name IS NOT NULL
ORDER BY id;

-- case: ilike-non-ascii-domain
-- order: ordered
SELECT username, family_name FROM users WHERE family_name ILIKE '%ève%' OR middle_name ILIKE 'élise' ORDER BY id;

-- case: not-ilike
-- order: ordered
SELECT username FROM users WHERE email NOT ILIKE '%@example.com' ORDER BY username;

-- case: ilike-underscore-one-character
-- order: ordered
SELECT username, username ILIKE '_LODIE' AS one_char, username ILIKE '__lodie' AS two_chars
FROM users
WHERE username ILIKE '%lodie'
ORDER BY id;

-- case: like-is-case-sensitive
-- order: ordered
SELECT username, email,
       email LIKE '%example%' AS lower_domain,
       email LIKE '%Example%' AS capital_domain,
       email LIKE '%EXAMPLE%' AS upper_domain
FROM users
ORDER BY id;

-- case: like-filter-case-sensitive
-- order: ordered
SELECT client_id FROM oauth_clients WHERE client_name LIKE '%App%' ORDER BY client_id;

-- case: not-like
-- order: ordered
SELECT token_jti FROM tokens WHERE token_jti NOT LIKE 'jti-fixture-%' ORDER BY token_jti;

-- case: like-default-backslash-escape
-- order: ordered
SELECT username FROM users WHERE username LIKE '%\_%' ORDER BY username;

-- case: like-explicit-escape
-- order: ordered
SELECT username, username LIKE 'extreme#_%' ESCAPE '#' AS escaped,
       username LIKE 'extreme_dates' AS wildcard
FROM users
WHERE username LIKE 'e%'
ORDER BY id;

-- case: ilike-explicit-escape
-- order: ordered
SELECT scope_name FROM oauth_scopes WHERE scope_name ILIKE 'OFFLINE!_%' ESCAPE '!' ORDER BY scope_name;

-- case: like-scope-word
-- order: ordered
SELECT token_jti, scope FROM tokens WHERE scope LIKE '%offline_access%' ORDER BY token_jti;

-- case: similar-to-jti
-- order: ordered
SELECT token_jti
FROM tokens
WHERE token_jti SIMILAR TO 'jti-(fixture|bob)-(access|refresh)-[0-9]+'
ORDER BY token_jti;

-- case: not-similar-to
-- order: ordered
SELECT client_id FROM oauth_clients WHERE client_id NOT SIMILAR TO '[a-z]+(-[a-z0-9]+)*' ORDER BY client_id;

-- case: regex-match
-- order: ordered
SELECT client_id FROM oauth_clients WHERE client_id ~ '^[a-z]+-[a-z]+(-[a-z0-9]+)?$' ORDER BY client_id;

-- case: regex-match-case-insensitive
-- order: ordered
SELECT username, email FROM users WHERE email ~* '^[a-z.]+@example\.(com|fr|org)$' ORDER BY id;

-- case: regex-not-match
-- order: ordered
SELECT username FROM users WHERE username !~ '^[a-z]+$' ORDER BY id;

-- case: regex-not-match-case-insensitive
-- order: ordered
SELECT email FROM users WHERE email !~* 'example' ORDER BY email;

-- case: regex-in-select-with-classes
-- order: ordered
SELECT code, code ~ '^[A-Za-z0-9_-]{43}$' AS pkce_shape, code_challenge ~ '^[[:alnum:]_-]+$' AS challenge_shape
FROM oauth_authorization_codes
ORDER BY id;

-- case: concat-and-concat-ws
-- order: ordered
SELECT concat(given_name, ' ', family_name) AS name,
       concat_ws(' ', given_name, middle_name, family_name) AS full_name,
       concat('#', failed_login_count, '/', is_active) AS counters
FROM users
ORDER BY id;

-- case: split-part
-- order: ordered
SELECT email, split_part(email, '@', 1) AS local_part, split_part(email, '@', 2) AS domain,
       split_part(email, '.', -1) AS tld, split_part(email, '@', 3) AS missing
FROM users
ORDER BY id;

-- case: position-and-strpos
-- order: ordered
SELECT email, position('@' IN email) AS at_sign, strpos(email, '.') AS first_dot,
       strpos(nickname, '💻') AS emoji_at, position('zz' IN email) AS absent
FROM users
ORDER BY id;

-- case: left-and-right
-- order: ordered
SELECT token_jti, left(token_jti, 3) AS prefix, right(token_jti, 4) AS serial,
       left(token_jti, -5) AS without_serial, right(token_jti, -4) AS without_prefix
FROM tokens
ORDER BY token_jti;

-- case: lpad-and-rpad
-- order: ordered
SELECT username, lpad(failed_login_count::text, 6, '0') AS padded_count,
       rpad(username, 12, '.') AS dotted, lpad(username, 3) AS truncated, rpad('', 2, 'ab') AS filler
FROM users
ORDER BY id;

-- case: initcap-names
-- order: ordered
SELECT username, initcap(username) AS title, initcap(family_name) AS family
FROM users
ORDER BY id;

-- case: upper-lower-non-ascii
-- order: ordered
SELECT username, lower(email) AS lower_email, upper(given_name) AS upper_given, lower(family_name) AS lower_family
FROM users
ORDER BY id;

-- case: login-by-lower-email
-- order: ordered
-- params: ["åse@example.no"]
SELECT username FROM users WHERE lower(email) = lower($1) ORDER BY id;

-- case: lengths
-- order: ordered
SELECT username, length(nickname) AS chars, char_length(username) AS name_chars,
       octet_length(nickname) AS bytes, length(password_hash) AS hash_length
FROM users
ORDER BY id;

-- case: trim-replace-translate
-- order: ordered
SELECT id, btrim(tags[8]) AS trimmed, ltrim('  x  ') AS l, rtrim('xxhixx', 'x') AS r,
       replace(event_type, '.', '/') AS path, translate(event_type, '._', '-+') AS translated,
       trim(both '.' from '..dots..') AS dots
FROM audit_events
WHERE id IN (1, 3)
ORDER BY id;

-- case: substring-forms
-- order: ordered
SELECT token_jti, substring(token_jti FROM 5) AS from5, substring(token_jti FROM 5 FOR 7) AS mid,
       substr(token_jti, 1, 3) AS head, substr(token_value, 1, 6) AS value_head
FROM tokens
ORDER BY token_jti;

-- case: repeat-reverse-starts-with
-- order: ordered
SELECT username, repeat('*', length(username)) AS masked, reverse(username) AS backwards,
       starts_with(email, 'e') AS starts_e
FROM users
ORDER BY id;

-- case: text-comparison-byte-order
-- order: ordered
SELECT username FROM users WHERE username > 'd' AND username < 'z' ORDER BY username;

-- case: regex-counted-and-optional-items
-- order: ordered
SELECT username, username ~ '^[a-z]{2,6}[0-9]?$' AS short_name, email ~* '^[a-z]+(\.[a-z]+)?@example\.[a-z]{2,3}$' AS plain_email
FROM users
ORDER BY id;

-- case: regex-anchors-inside-alternatives
-- order: ordered
SELECT email FROM users WHERE email ~* '(^adm|\.no$)' OR email ~ '(e|i)x{0,1}a?m' ORDER BY email;

-- case: regex-word-and-space-classes
-- order: ordered
SELECT username, given_name ~ '^\w+$' AS one_word, coalesce(family_name, '') ~ '\s' AS has_space,
       given_name !~* '^[[:alpha:]]+(-[[:alpha:]]+)*$' AS not_alpha
FROM users
ORDER BY id;

-- case: initcap-mixed-words
-- order: ordered
SELECT username, initcap(coalesce(given_name, '') || ' ' || coalesce(family_name, '') || ' o''neil-smith 3rd') AS title
FROM users
ORDER BY id;
