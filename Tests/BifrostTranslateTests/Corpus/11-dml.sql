-- DML: INSERT / UPDATE / DELETE with RETURNING, ON CONFLICT, UPDATE … FROM, DELETE … USING.
-- Each case runs inside a transaction that is rolled back; the harness compares the
-- RETURNING rows and the state of the dml-table afterwards (only the listed columns where
-- a column list is given: columns set by now(), gen_random_uuid() or the updated_at
-- triggers cannot be equal on both sides).

-- case: insert-user-explicit-returning
-- order: unordered
-- dml-table: users(id, username, email, created_at, updated_at, is_active, failed_login_count, address)
INSERT INTO users (id, username, email, password_hash, created_at, updated_at, is_active, is_verified,
                   is_admin, requires_password_change, failed_login_count, given_name, address)
VALUES ('a1000000-0000-4000-8000-000000000021', 'frank', 'frank@example.com', '$2b$12$frank',
        '2024-09-01 10:00:00+02', '2024-09-01 10:00:00+02', true, false, false, false, 0, 'Frank',
        '{"country": "SE", "locality": "Göteborg"}')
RETURNING id, username, created_at, is_active, address;

-- case: insert-user-column-defaults
-- order: unordered
-- dml-table: users(id, username, is_active, is_verified, is_admin, failed_login_count)
INSERT INTO users (id, username, email, password_hash)
VALUES ('a1000000-0000-4000-8000-000000000022', 'grace', 'grace@example.com', '$2b$12$grace')
RETURNING username, is_active, is_verified, is_admin, failed_login_count;

-- case: insert-user-generated-id
-- order: unordered
-- dml-table: users(username, email, is_active)
INSERT INTO users (username, email, password_hash)
VALUES ('heidi', 'heidi@example.com', '$2b$12$heidi')
RETURNING length(id::text) AS id_length, substr(id::text, 15, 1) AS version, username;

-- case: insert-token-with-params
-- order: unordered
-- params: ["e1000000-0000-4000-8000-000000000021", "jti-bob-access-0021", "a1000000-0000-4000-8000-000000000011", "c1000000-0000-4000-8000-000000000002", "openid email", "2024-09-01 14:00:00+02", "2024-09-01 13:00:00+00", "at_bob_0021"]
-- dml-table: tokens
INSERT INTO tokens (id, token_jti, user_id, client_id, token_type, token_value, scope, issued_at, expires_at,
                    revoked, created_at)
VALUES ($1, $2, $3, $4, 'access', $8, $5, $6, $7, false, $6)
RETURNING token_jti, token_value, expires_at - issued_at AS lifetime, revoked;

-- case: insert-multiple-rows
-- order: unordered
-- dml-table: oauth_client_scopes
INSERT INTO oauth_client_scopes (client_id, scope_id, granted_at) VALUES
    ('c1000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000001', '2024-09-01 00:00:00+00'),
    ('c1000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000006', '2024-09-01 00:00:00.5+00')
RETURNING client_id, scope_id, granted_at;

-- case: insert-select-scopes-from-string
-- order: unordered
-- dml-table: oauth_token_scopes
INSERT INTO oauth_token_scopes (token_id, scope_id)
SELECT t.id, s.id
FROM tokens t
JOIN oauth_scopes s ON s.scope_name = ANY(string_to_array(t.scope, ' '))
WHERE t.id = 'e1000000-0000-4000-8000-000000000017'
  AND NOT EXISTS (SELECT 1 FROM oauth_token_scopes x WHERE x.token_id = t.id AND x.scope_id = s.id)
RETURNING token_id, scope_id;

-- case: insert-on-conflict-do-nothing
-- order: unordered
-- dml-table: oauth_scopes(id, scope_name, description, is_default, is_active, display_order)
INSERT INTO oauth_scopes (id, scope_name, description, is_default, is_active, display_order, created_at, updated_at)
VALUES ('d1000000-0000-4000-8000-000000000009', 'openid', 'duplicate', false, true, 9,
        '2024-09-01 00:00:00+00', '2024-09-01 00:00:00+00'),
       ('d1000000-0000-4000-8000-00000000000a', 'groups', 'Group membership', false, true, 10,
        '2024-09-01 00:00:00+00', '2024-09-01 00:00:00+00')
ON CONFLICT (scope_name) DO NOTHING
RETURNING id, scope_name;

-- case: insert-on-conflict-do-update-excluded
-- order: unordered
-- dml-table: oauth_client_scopes
INSERT INTO oauth_client_scopes (client_id, scope_id, granted_at) VALUES
    ('c1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', '2024-09-01 00:00:00+00'),
    ('c1000000-0000-4000-8000-000000000004', 'd1000000-0000-4000-8000-000000000002', '2024-09-01 00:00:00+00')
ON CONFLICT (client_id, scope_id) DO UPDATE SET granted_at = EXCLUDED.granted_at
RETURNING client_id, scope_id, granted_at;

-- case: insert-on-conflict-on-constraint
-- order: unordered
-- dml-table: users(id, username, email, failed_login_count, last_login)
INSERT INTO users (id, username, email, password_hash, created_at, updated_at, failed_login_count, last_login)
VALUES ('a1000000-0000-4000-8000-000000000023', 'bob', 'bob.other@example.com', 'x',
        '2024-09-01 00:00:00+00', '2024-09-01 00:00:00+00', 2, '2024-09-02 09:30:00+02')
ON CONFLICT ON CONSTRAINT users_username_key
DO UPDATE SET failed_login_count = users.failed_login_count + EXCLUDED.failed_login_count,
              last_login = EXCLUDED.last_login
RETURNING id, username, email, failed_login_count, last_login;

-- case: insert-on-conflict-do-update-where
-- order: unordered
-- dml-table: oauth_scopes(id, scope_name, description)
INSERT INTO oauth_scopes (id, scope_name, description, created_at, updated_at)
VALUES ('d1000000-0000-4000-8000-00000000000b', 'api.read/v2', 'Read API, version 2',
        '2024-09-01 00:00:00+00', '2024-09-01 00:00:00+00'),
       ('d1000000-0000-4000-8000-00000000000c', 'openid', 'should not replace',
        '2024-09-01 00:00:00+00', '2024-09-01 00:00:00+00')
ON CONFLICT (scope_name) DO UPDATE SET description = EXCLUDED.description
WHERE oauth_scopes.description IS NULL
RETURNING scope_name, description;

-- case: insert-audit-event-identity
-- order: unordered
-- dml-table: audit_events(id, occurred_at, event_type, severity, user_id, ip_address, tags, details, success)
INSERT INTO audit_events (occurred_at, event_type, severity, user_id, ip_address, tags, details, success)
VALUES ('2024-09-03 10:00:00+00', 'login.success', 1, 'a1000000-0000-4000-8000-000000000011', '203.0.113.5',
        ARRAY['login', 'password'], '{"method": "password"}', true)
RETURNING id, event_type, tags, success;

-- case: insert-returning-defaults-and-expressions
-- order: unordered
-- dml-table: oauth_scopes(id, scope_name, is_default, is_active, display_order)
INSERT INTO oauth_scopes (id, scope_name, description, created_at, updated_at)
VALUES ('d1000000-0000-4000-8000-00000000000d', 'groups', 'Group membership',
        '2024-09-01 00:00:00+00', '2024-09-01 00:00:00+00')
RETURNING upper(scope_name) AS upper_name, is_default, is_active::int AS active, display_order IS NULL AS unordered;

-- case: update-revoke-user-tokens
-- order: unordered
-- dml-table: tokens
UPDATE tokens SET revoked = true, revoked_at = '2024-09-01 12:00:00+00'
WHERE user_id = 'a1000000-0000-4000-8000-000000000011' AND NOT revoked
RETURNING token_jti, revoked, revoked_at;

-- case: update-failed-login-count-by-email
-- order: unordered
-- params: ["åse@example.no"]
-- dml-table: users(id, failed_login_count)
UPDATE users SET failed_login_count = failed_login_count + 1
WHERE lower(email) = lower($1)
RETURNING username, failed_login_count, failed_login_count >= 3 AS locked;

-- case: update-from-inactive-clients
-- refuse: unsupported-syntax RETURNING may only name the target table
UPDATE tokens t SET revoked = true, revoked_at = '2024-09-01 00:00:00+00'
FROM oauth_clients c
WHERE c.id = t.client_id AND NOT c.is_active AND NOT t.revoked
RETURNING t.token_jti, c.client_id;

-- case: update-from-aggregate-subquery
-- refuse: unsupported-syntax RETURNING may only name the target table
UPDATE users u SET requires_password_change = true
FROM (SELECT user_id, count(*) AS failures FROM audit_events WHERE event_type = 'login.failure' GROUP BY user_id) f
WHERE f.user_id = u.id AND f.failures >= 1
RETURNING u.username, f.failures, u.requires_password_change;

-- case: update-jsonb-set
-- order: unordered
-- dml-table: oauth_clients(id, metadata)
UPDATE oauth_clients SET metadata = jsonb_set(metadata, '{flags,beta}', 'false')
WHERE metadata @> '{"flags": {"beta": true}}'
RETURNING client_id, metadata->'flags' AS flags;

-- case: update-array-append
-- order: unordered
-- dml-table: oauth_clients(id, grant_types)
UPDATE oauth_clients
SET grant_types = array_append(grant_types, 'urn:ietf:params:oauth:grant-type:token-exchange')
WHERE NOT ('client_credentials' = ANY(grant_types))
RETURNING client_id, grant_types, cardinality(grant_types) AS n;

-- case: update-extend-expiry-interval
-- order: unordered
-- dml-table: tokens(id, expires_at)
UPDATE tokens SET expires_at = expires_at + interval '30 days'
WHERE token_type = 'refresh' AND NOT revoked AND expires_at > '2024-01-01 00:00:00+00' AND expires_at < 'infinity'
RETURNING token_jti, expires_at;

-- case: update-mark-code-used-now
-- order: unordered
-- params: ["bobCode0011-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]
-- dml-table: oauth_authorization_codes(id, used)
UPDATE oauth_authorization_codes SET used = true, used_at = now()
WHERE code = $1 AND NOT used AND expires_at > now()
RETURNING code, used, used_at IS NOT NULL AS stamped, used_at > '2024-01-01 00:00:00+00' AS recent;

-- case: update-case-and-negation
-- order: unordered
-- dml-table: users(id, phone_number_verified, requires_password_change)
UPDATE users
SET phone_number_verified = CASE WHEN phone_number IS NULL THEN NULL ELSE false END,
    requires_password_change = NOT requires_password_change
WHERE is_active AND failed_login_count < 100
RETURNING username, phone_number_verified, requires_password_change;

-- case: delete-expired-codes
-- order: unordered
-- dml-table: oauth_authorization_codes(id, code, used)
DELETE FROM oauth_authorization_codes WHERE expires_at < now() RETURNING code, used;

-- case: delete-token-cascades-scopes
-- order: unordered
-- dml-table: oauth_token_scopes
DELETE FROM tokens WHERE id = 'e1000000-0000-4000-8000-000000000008' RETURNING token_jti;

-- case: delete-token-sets-parent-null
-- order: unordered
-- dml-table: tokens(id, parent_token_id)
DELETE FROM tokens WHERE id = 'e1000000-0000-4000-8000-000000000008' RETURNING token_jti, scope;

-- case: delete-using-join
-- order: unordered
-- dml-table: oauth_token_scopes
DELETE FROM oauth_token_scopes ts
USING tokens t
WHERE t.id = ts.token_id AND t.revoked
RETURNING ts.token_id, ts.scope_id;

-- case: delete-user-sets-audit-null
-- order: unordered
-- dml-table: audit_events(id, user_id, token_id)
DELETE FROM users WHERE username = 'carol' RETURNING id, email;

-- case: delete-old-events
-- order: unordered
-- dml-table: audit_events(id)
DELETE FROM audit_events
WHERE occurred_at < '2000-01-01 00:00:00+00' AND event_type <> 'system.epoch'
RETURNING id, event_type, occurred_at;
