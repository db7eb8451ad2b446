-- JSON and JSONB: operators, containment, key tests, builders, set-returning functions,
-- jsonb_set / jsonb_typeof / jsonb_strip_nulls / to_jsonb, concatenation and deletion.

-- case: json-column-values
-- order: ordered
SELECT username, address FROM users ORDER BY id;

-- case: arrow-text-locality
-- order: ordered
SELECT username, address->>'locality' AS locality, address->>'country' AS country
FROM users
ORDER BY id;

-- case: arrow-json-object
-- order: ordered
SELECT username, address->'geo' AS geo, address->'lines' AS lines
FROM users
WHERE address ? 'geo' OR address ? 'lines'
ORDER BY id;

-- case: arrow-chain-and-array-index
-- order: ordered
SELECT client_id, metadata->'tenant'->'regions'->0->>'code' AS first_region,
       metadata->'allowed_origins'->>1 AS second_origin, metadata->'allowed_origins'->>-1 AS last_origin
FROM oauth_clients
ORDER BY client_id;

-- case: hash-arrow-paths
-- order: ordered
SELECT username, address #> '{geo,lat}' AS lat_json, address #>> '{geo,lon}' AS lon_text,
       address #>> '{lines,1}' AS second_line
FROM users
ORDER BY id;

-- case: hash-arrow-metadata-paths
-- order: ordered
SELECT client_id, metadata #>> '{tenant,name}' AS tenant, metadata #> '{tenant,regions,0,weights}' AS weights,
       metadata #>> '{device,min_os,ios}' AS ios_min, metadata #>> '{limits,huge}' AS huge
FROM oauth_clients
ORDER BY client_id;

-- case: arrow-text-cast-to-int
-- order: ordered
SELECT client_id FROM oauth_clients WHERE (metadata->'tenant'->>'id')::int = 42;

-- case: arrow-numbers-as-numeric
-- order: ordered
SELECT client_id, (metadata #>> '{limits,neg}')::numeric AS neg, (metadata->'device'->'min_os'->>'android')::integer AS android
FROM oauth_clients
ORDER BY client_id;

-- case: json-type-operators
-- order: ordered
SELECT id, details->>'reason' AS reason, details->>'method' AS method, details->'factors'->1->>'type' AS second_factor
FROM audit_events
WHERE details IS NOT NULL AND id <> 2
ORDER BY id;

-- case: jsonb-contains-object
-- order: ordered
SELECT client_id FROM oauth_clients WHERE metadata @> '{"spa": true}' ORDER BY client_id;

-- case: jsonb-contains-nested
-- order: ordered
SELECT client_id FROM oauth_clients
WHERE metadata @> '{"tenant": {"id": 42, "regions": [{"code": "ap-south-1"}]}}'
ORDER BY client_id;

-- case: jsonb-contains-key-data
-- order: ordered
SELECT kid FROM oidc_jwks_keys WHERE key_data @> '{"use": "sig", "kty": "EC"}' OR key_data @> '{"key_ops": ["verify"]}' ORDER BY kid;

-- case: jsonb-contains-array-element
-- order: ordered
SELECT client_id, metadata->'device'->'platforms' @> '["ios"]' AS on_ios
FROM oauth_clients
ORDER BY client_id;

-- case: jsonb-key-exists
-- order: ordered
SELECT username, address ? 'geo' AS has_geo, address ? 'region' AS has_region
FROM users
ORDER BY id;

-- case: jsonb-key-exists-in-array
-- order: ordered
SELECT client_id FROM oauth_clients WHERE metadata->'allowed_origins' ? 'http://localhost:3000';

-- case: jsonb-any-key-exists
-- order: ordered
SELECT kid FROM oidc_jwks_keys WHERE key_data ?| array['crv', 'x5c'] ORDER BY kid;

-- case: jsonb-all-keys-exist
-- order: ordered
SELECT kid, key_data ?& array['n', 'e'] AS rsa_public, key_data ?& array['x', 'crv'] AS curve_key
FROM oidc_jwks_keys
ORDER BY kid;

-- case: jsonb-build-object-userinfo
-- order: ordered
SELECT jsonb_build_object('sub', id, 'preferred_username', username, 'email', email,
                          'email_verified', is_verified, 'given_name', given_name,
                          'failed', failed_login_count) AS userinfo
FROM users
ORDER BY id;

-- case: jsonb-build-object-nested
-- order: ordered
SELECT jsonb_build_object('client', client_id, 'grants', to_jsonb(grant_types),
                          'limits', jsonb_build_object('rps', rate_limit_rps, 'max', max_active_tokens)) AS summary
FROM oauth_clients
ORDER BY client_id;

-- case: jsonb-build-array
-- order: ordered
SELECT jsonb_build_array(username, failed_login_count, is_admin, NULL, 1.5) AS arr FROM users ORDER BY id;

-- case: jsonb-array-elements
-- order: unordered
SELECT c.client_id, e AS origin
FROM oauth_clients c, jsonb_array_elements(c.metadata->'allowed_origins') AS e;

-- case: jsonb-array-elements-text
-- order: unordered
SELECT k.kid, op
FROM oidc_jwks_keys k, jsonb_array_elements_text(k.key_data->'key_ops') AS op;

-- case: jsonb-array-elements-objects
-- order: ordered
SELECT r->>'code' AS code, (r->>'primary')::boolean AS is_primary, jsonb_array_length(r->'weights') AS weights
FROM oauth_clients c, jsonb_array_elements(c.metadata #> '{tenant,regions}') WITH ORDINALITY AS x(r, n)
ORDER BY n;

-- case: jsonb-each
-- order: ordered
SELECT c.client_id, e.key, e.value
FROM oauth_clients c, jsonb_each(c.client_name_localized) AS e
ORDER BY c.client_id, e.key;

-- case: jsonb-each-text
-- order: ordered
SELECT u.username, t.key, t.value
FROM users u, jsonb_each_text(u.address) AS t
WHERE jsonb_typeof(u.address) = 'object'
ORDER BY u.username, t.key;

-- case: jsonb-object-keys
-- order: ordered
SELECT DISTINCT k FROM oidc_jwks_keys, jsonb_object_keys(key_data) AS k ORDER BY k;

-- case: jsonb-set
-- order: ordered
SELECT client_id, jsonb_set(metadata, '{flags,beta}', 'false') AS beta_off,
       jsonb_set(metadata, '{new_key}', '"v"') AS added
FROM oauth_clients
WHERE client_id IN ('authly-admin-console', 'minimal-client')
ORDER BY client_id;

-- case: jsonb-set-array-element
-- order: ordered
SELECT client_id, jsonb_set(metadata, '{allowed_origins,0}', '"https://new.example.com"') AS replaced,
       jsonb_set(metadata, '{spa}', 'false', false) AS no_create
FROM oauth_clients
WHERE client_id = 'spa-frontend';

-- case: jsonb-typeof
-- order: ordered
SELECT username, jsonb_typeof(address) AS address_type, jsonb_typeof(address->'geo') AS geo_type,
       jsonb_typeof(address->'lines') AS lines_type, jsonb_typeof(address->'region') AS region_type,
       jsonb_typeof(address #> '{geo,lat}') AS lat_type
FROM users
ORDER BY id;

-- case: jsonb-strip-nulls
-- order: ordered
SELECT username, jsonb_strip_nulls(address) AS stripped FROM users WHERE address IS NOT NULL ORDER BY id;

-- case: to-jsonb-scalars
-- order: ordered
SELECT to_jsonb(username) AS name, to_jsonb(failed_login_count) AS failures, to_jsonb(is_active) AS active,
       to_jsonb(given_name) AS given, to_jsonb(birthdate) AS birth
FROM users
ORDER BY id;

-- case: to-jsonb-arrays-and-timestamps
-- order: ordered
SELECT client_id, to_jsonb(grant_types) AS grants, to_jsonb(contacts) AS contacts, to_jsonb(created_at) AS created
FROM oauth_clients
ORDER BY client_id;

-- case: jsonb-concat-and-delete
-- order: ordered
SELECT username, address || '{"verified": true}' AS with_flag, address - 'geo' AS without_geo,
       address - 'country' - 'locality' AS trimmed
FROM users
WHERE jsonb_typeof(address) = 'object'
ORDER BY id;

-- case: jsonb-equality-and-array-length
-- order: ordered
SELECT client_id, metadata = '{}'::jsonb AS empty_metadata, jsonb_array_length(metadata->'allowed_origins') AS origins
FROM oauth_clients
ORDER BY client_id;

-- case: jsonb-claims-request
-- order: ordered
SELECT code, claims #> '{userinfo,given_name,essential}' AS essential_name,
       claims->'id_token'->'email'->>'essential' AS essential_email,
       claims ? 'userinfo' AS has_userinfo
FROM oauth_authorization_codes
ORDER BY id;

-- case: jsonb-object-agg
-- order: ordered
SELECT jsonb_object_agg(scope_name, is_default) AS defaults FROM oauth_scopes WHERE is_active;
