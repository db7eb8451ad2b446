-- Arrays (stored as JSON arrays in SQLite): = ANY, <> ALL, @>, <@, &&, array_length,
-- cardinality, unnest (also WITH ORDINALITY), ARRAY[...], array functions, subscripts.

-- case: array-column-values
-- order: ordered
SELECT client_id, redirect_uris, grant_types, contacts
FROM oauth_clients
ORDER BY client_id;

-- case: integer-array-column-values
-- order: ordered
SELECT id, tags, rate_limit_window FROM audit_events ORDER BY id;

-- case: any-grant-type
-- order: ordered
SELECT client_id FROM oauth_clients WHERE 'refresh_token' = ANY(grant_types) ORDER BY client_id;

-- case: any-with-param
-- order: ordered
-- params: ["https://admin.example.com/callback"]
SELECT client_id FROM oauth_clients WHERE $1 = ANY(redirect_uris) AND is_active;

-- case: not-equal-all
-- order: ordered
SELECT client_id FROM oauth_clients WHERE 'client_credentials' <> ALL(grant_types) ORDER BY client_id;

-- case: all-over-empty-array
-- order: ordered
SELECT client_id, 'x' <> ALL(redirect_uris) AS none_is_x, 'x' = ANY(redirect_uris) AS some_is_x
FROM oauth_clients
ORDER BY client_id;

-- case: any-with-null-element
-- order: ordered
SELECT client_id, 'dev@example.com' = ANY(contacts) AS has_dev, 'nobody@example.com' = ANY(contacts) AS has_nobody,
       'nobody@example.com' <> ALL(contacts) AS lacks_nobody
FROM oauth_clients
ORDER BY client_id;

-- case: any-integer-multidimensional
-- order: ordered
SELECT id, 2 = ANY(rate_limit_window) AS has_two, 60 = ANY(rate_limit_window) AS per_minute
FROM audit_events
WHERE rate_limit_window IS NOT NULL
ORDER BY id;

-- case: contains-array
-- order: ordered
SELECT client_id FROM oauth_clients WHERE grant_types @> ARRAY['authorization_code', 'refresh_token'] ORDER BY client_id;

-- case: contained-by-array
-- order: ordered
SELECT client_id, redirect_uris <@ ARRAY['https://admin.example.com/callback', 'https://admin.example.com/silent-renew'] AS admin_only
FROM oauth_clients
WHERE grant_types <@ ARRAY['authorization_code', 'refresh_token', 'client_credentials']
ORDER BY client_id;

-- case: overlaps-array
-- order: ordered
SELECT client_id FROM oauth_clients
WHERE grant_types && ARRAY['client_credentials', 'urn:ietf:params:oauth:grant-type:device_code']
ORDER BY client_id;

-- case: tags-contain-login
-- order: ordered
SELECT id, event_type FROM audit_events WHERE tags @> ARRAY['login', 'mfa'] ORDER BY id;

-- case: tag-any-and-overlap
-- order: ordered
SELECT id FROM audit_events WHERE 'suspicious' = ANY(tags) OR tags && '{rate-limited,revocation}' ORDER BY id;

-- case: array-length-vs-cardinality
-- order: ordered
SELECT client_id, array_length(redirect_uris, 1) AS uri_count, cardinality(redirect_uris) AS uri_cardinality,
       array_length(contacts, 1) AS contact_count, cardinality(contacts) AS contact_cardinality
FROM oauth_clients
ORDER BY client_id;

-- case: cardinality-multidimensional
-- order: ordered
SELECT id, cardinality(rate_limit_window) AS elements, array_length(rate_limit_window, 1) AS rows_
FROM audit_events
ORDER BY id;

-- case: unnest-redirect-uris
-- order: unordered
SELECT c.client_id, u.uri
FROM oauth_clients c, unnest(c.redirect_uris) AS u(uri);

-- case: unnest-contacts-with-nulls
-- order: unordered
SELECT c.client_id, contact
FROM oauth_clients c CROSS JOIN LATERAL unnest(c.contacts) AS contact;

-- case: unnest-with-ordinality
-- order: ordered
SELECT c.client_id, g.grant_type, g.n
FROM oauth_clients c, unnest(c.grant_types) WITH ORDINALITY AS g(grant_type, n)
ORDER BY c.client_id, g.n;

-- case: unnest-count-by-element
-- order: ordered
SELECT tag, count(*) AS events
FROM audit_events, unnest(tags) AS tag
GROUP BY tag
ORDER BY events DESC, tag;

-- case: unnest-literal-array
-- order: ordered
SELECT x, x * 10 AS tenfold FROM unnest(ARRAY[3, 1, 2]) WITH ORDINALITY AS t(x, pos) ORDER BY pos;

-- case: array-constructors
-- order: ordered
SELECT ARRAY[1, 2, 3] AS ints, ARRAY['a', NULL, 'c'] AS texts, ARRAY[username, email] AS pair,
       ARRAY[is_active, is_admin] AS flags, ARRAY[]::text[] AS empty
FROM users
WHERE username = 'admin';

-- case: array-subquery-constructor
-- order: ordered
SELECT c.client_id,
       ARRAY(SELECT s.scope_name FROM oauth_client_scopes cs JOIN oauth_scopes s ON s.id = cs.scope_id
             WHERE cs.client_id = c.id ORDER BY s.scope_name) AS scopes
FROM oauth_clients c
ORDER BY c.client_id;

-- case: array-to-string
-- order: ordered
SELECT client_id, array_to_string(grant_types, ', ') AS grants, array_to_string(contacts, ';') AS contacts_list,
       array_to_string(contacts, ';', '*') AS contacts_with_null
FROM oauth_clients
ORDER BY client_id;

-- case: string-to-array
-- order: ordered
SELECT token_jti, string_to_array(scope, ' ') AS scopes, string_to_array('a,b,,c', ',') AS with_empty,
       string_to_array('a,*,c', ',', '*') AS with_null
FROM tokens
WHERE token_jti LIKE 'jti-bob%'
ORDER BY token_jti;

-- case: scope-check-any-string-to-array
-- order: ordered
SELECT token_jti FROM tokens WHERE 'offline_access' = ANY(string_to_array(scope, ' ')) ORDER BY token_jti;

-- case: array-append-remove
-- order: ordered
SELECT client_id, array_append(grant_types, 'implicit') AS appended, array_remove(grant_types, 'refresh_token') AS removed,
       array_remove(contacts, NULL) AS without_nulls, array_prepend('first', response_types) AS prepended
FROM oauth_clients
ORDER BY client_id;

-- case: array-concatenation
-- order: ordered
SELECT client_id, grant_types || ARRAY['x'] AS cat_array, response_types || 'token'::text AS cat_element,
       array_cat(response_types, redirect_uris[1:1]) AS cat_fn
FROM oauth_clients
ORDER BY client_id;

-- case: array-subscripts
-- order: ordered
SELECT client_id, grant_types[1] AS first_grant, redirect_uris[2] AS second_uri, contacts[2] AS second_contact,
       grant_types[0] AS zeroth, grant_types[99] AS beyond
FROM oauth_clients
ORDER BY client_id;

-- case: array-subscript-in-where
-- order: ordered
SELECT code FROM oauth_authorization_codes WHERE ui_locales[1] = 'en' OR acr_values[1] = '2' ORDER BY code;

-- case: array-subscript-multidimensional
-- order: ordered
SELECT id, rate_limit_window[1] AS first, rate_limit_window[2][1] AS second_row_first
FROM audit_events
WHERE rate_limit_window IS NOT NULL
ORDER BY id;

-- case: array-slice
-- order: ordered
SELECT client_id, grant_types[1:2] AS first_two, grant_types[2:] AS from_second
FROM oauth_clients
ORDER BY client_id;

-- case: array-position
-- order: ordered
SELECT client_id, array_position(grant_types, 'refresh_token') AS refresh_at
FROM oauth_clients
ORDER BY client_id;

-- case: array-equality
-- order: ordered
SELECT client_id FROM oauth_clients WHERE response_types = ARRAY['code'] AND redirect_uris <> '{}' ORDER BY client_id;

-- case: array-agg-of-unnest-roundtrip
-- order: ordered
SELECT c.client_id, array_agg(g ORDER BY g DESC) AS grants_desc
FROM oauth_clients c, unnest(c.grant_types) AS g
GROUP BY c.client_id
ORDER BY c.client_id;
