-- Extra rows for the translation corpus, loaded after SampleData/authly/fixture.sql.
--
-- The fixture is made of edge cases; these rows add ordinary application data (a few
-- users with tokens, codes and audit events spread over 2024, far-future expiries), so
-- that reporting queries, windows and ILIKE cases have something ordinary to find.
-- Same rules as the fixture: explicit ids and timestamps (every timestamptz with an
-- offset), no now(), no gen_random_uuid(); one simple-query message.
--
-- Ids: users a1000000-...-00000000001x, tokens e1000000-...-00000000001x,
-- codes f1000000-...-00000000001x, audit events 9..24.

-- uuid_generate_v4() is an application favourite; the corpus checks its translation.
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

INSERT INTO users (
    id, username, email, password_hash, created_at, updated_at, last_login,
    is_active, is_verified, is_admin, requires_password_change, failed_login_count,
    given_name, family_name, middle_name, nickname, preferred_username,
    profile, picture, website, gender, birthdate, zoneinfo, locale,
    phone_number, phone_number_verified, address
) VALUES
('a1000000-0000-4000-8000-000000000011', 'bob', 'Bob.Builder@Example.com',
 '$2b$12$bobbobbobbobbobbobbobuJ8x6Wl9mN2qR5tV8wY1zB4cE7fH0jK3l',
 '2024-05-01 09:00:00+00', '2024-07-01 08:15:00+00', '2024-07-01 08:15:00+00',
 true, true, false, false, 0,
 'Bob', 'Builder', 'the', NULL, 'bob',
 NULL, NULL, 'https://bob.example.com', 'male', '1985-07-15', 'Europe/London', 'en-GB',
 '+44 20 7946 0000', true,
 '{"locality": "London", "country": "GB", "postal_code": "SW1A 1AA", "geo": {"lat": 51.5, "lon": -0.12}}'),
('a1000000-0000-4000-8000-000000000012', 'carol', 'carol@EXAMPLE.org',
 '$2b$12$carolcarolcarolcarolcOq8x6Wl9mN2qR5tV8wY1zB4cE7fH0jK3l',
 '2024-05-15 14:30:00+00', '2024-05-21 00:00:00+00', NULL,
 false, true, false, true, 5,
 'Carol', 'STRASSE', NULL, 'caro', NULL,
 NULL, NULL, NULL, 'female', '1990-02-28', 'Europe/Berlin', 'de-DE',
 NULL, NULL,
 '{"locality": "München", "country": "DE", "region": null, "lines": ["Hauptstraße 5", null]}'),
('a1000000-0000-4000-8000-000000000013', 'dave', 'dave@example.com',
 '$argon2id$v=19$m=65536,t=3,p=4$ZGF2ZXNhbHQ$Qx1Yl5dWm2vG8sA3nB9cK7pE0tR4uL6oJ2hF1iM8wZk',
 '2024-07-20 10:00:00+00', '2024-08-01 18:45:30.5+00', '2024-08-01 18:45:30.5+00',
 true, false, false, false, 1,
 'Dave', 'Ström', NULL, NULL, 'dave',
 NULL, NULL, NULL, NULL, NULL, 'America/New_York', 'en-US',
 '+1 212 555 0199', false, NULL),
('a1000000-0000-4000-8000-000000000014', 'eve.lefevre', 'Eve.Lefevre@example.FR',
 '$2b$12$eveeveeveeveeveeveeveuJ8x6Wl9mN2qR5tV8wY1zB4cE7fH0jK3l',
 '2024-08-10 07:00:00+00', '2024-08-10 07:00:00+00', '2024-08-12 21:05:00+02',
 true, true, true, false, 0,
 'Ève', 'LEFÈVRE', 'Élise', 'evie', 'ÉLISE',
 NULL, NULL, NULL, 'female', '1978-11-30', 'Europe/Paris', 'fr-FR',
 NULL, NULL,
 '{"locality": "Lyon", "country": "FR", "postal_code": "69002"}');

INSERT INTO oauth_client_scopes (client_id, scope_id, granted_at) VALUES
('c1000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000006', '2024-06-15 10:00:00+00'),
('c1000000-0000-4000-8000-000000000005', 'd1000000-0000-4000-8000-000000000003', '2024-08-01 00:00:00+00');

INSERT INTO tokens (
    id, token_jti, user_id, client_id, parent_token_id, token_type, token_value, token_hash,
    scope, issued_at, expires_at, revoked, revoked_at, created_at
) VALUES
('e1000000-0000-4000-8000-000000000011', 'jti-bob-access-0011',
 'a1000000-0000-4000-8000-000000000011', 'c1000000-0000-4000-8000-000000000001', NULL,
 'access', 'at_bob_0011', '\x0b0b0011', 'openid profile email',
 '2024-07-01 08:15:00+00', '2099-01-01 00:00:00+00', false, NULL, '2024-07-01 08:15:00+00'),
('e1000000-0000-4000-8000-000000000012', 'jti-bob-refresh-0012',
 'a1000000-0000-4000-8000-000000000011', 'c1000000-0000-4000-8000-000000000001',
 'e1000000-0000-4000-8000-000000000011',
 'refresh', 'rt_bob_0012', '\x0b0b0012', 'openid offline_access',
 '2024-07-01 08:15:00+00', '2099-06-01 00:00:00+00', false, NULL, '2024-07-01 08:15:00+00'),
('e1000000-0000-4000-8000-000000000013', 'jti-bob-access-0013',
 'a1000000-0000-4000-8000-000000000011', 'c1000000-0000-4000-8000-000000000002', NULL,
 'access', 'at_bob_0013', '\x0b0b0013', 'openid email',
 '2024-06-15 10:00:00+00', '2024-06-15 11:00:00+00', false, NULL, '2024-06-15 10:00:00+00'),
('e1000000-0000-4000-8000-000000000014', 'jti-carol-access-0014',
 'a1000000-0000-4000-8000-000000000012', 'c1000000-0000-4000-8000-000000000002', NULL,
 'access', 'at_carol_0014', '\x0c0c0014', 'openid profile',
 '2024-05-20 12:00:00+00', '2099-01-01 00:00:00+00', true, '2024-05-21 00:00:00+00',
 '2024-05-20 12:00:00+00'),
('e1000000-0000-4000-8000-000000000015', 'jti-dave-access-0015',
 'a1000000-0000-4000-8000-000000000013', 'c1000000-0000-4000-8000-000000000005', NULL,
 'access', 'at_dave_0015', '\x0d0d0015', 'openid offline_access',
 '2024-08-01 18:45:30.5+00', '2099-12-31 23:59:59+00', false, NULL, '2024-08-01 18:45:30.5+00'),
('e1000000-0000-4000-8000-000000000016', 'jti-dave-refresh-0016',
 'a1000000-0000-4000-8000-000000000013', 'c1000000-0000-4000-8000-000000000005',
 'e1000000-0000-4000-8000-000000000015',
 'refresh', 'rt_dave_0016', NULL, 'offline_access',
 '2024-08-01 18:45:30.5+00', '2024-08-31 18:45:30.5+00', false, NULL, '2024-08-01 18:45:30.5+00'),
('e1000000-0000-4000-8000-000000000017', 'jti-eve-access-0017',
 'a1000000-0000-4000-8000-000000000014', 'c1000000-0000-4000-8000-000000000001', NULL,
 'access', 'at_eve_0017', '\x0e0e0017', 'openid profile email admin:users',
 '2024-08-12 19:05:00+00', '2099-08-12 19:05:00+00', false, NULL, '2024-08-12 19:05:00+00');

INSERT INTO oauth_token_scopes (token_id, scope_id) VALUES
('e1000000-0000-4000-8000-000000000011', 'd1000000-0000-4000-8000-000000000001'),
('e1000000-0000-4000-8000-000000000011', 'd1000000-0000-4000-8000-000000000002'),
('e1000000-0000-4000-8000-000000000011', 'd1000000-0000-4000-8000-000000000003'),
('e1000000-0000-4000-8000-000000000012', 'd1000000-0000-4000-8000-000000000001'),
('e1000000-0000-4000-8000-000000000012', 'd1000000-0000-4000-8000-000000000006'),
('e1000000-0000-4000-8000-000000000015', 'd1000000-0000-4000-8000-000000000001'),
('e1000000-0000-4000-8000-000000000015', 'd1000000-0000-4000-8000-000000000006'),
('e1000000-0000-4000-8000-000000000017', 'd1000000-0000-4000-8000-000000000007');

INSERT INTO oauth_authorization_codes (
    id, code, client_id, user_id, redirect_uri, scope, code_challenge, code_challenge_method,
    nonce, state, response_mode, prompt, max_age, acr_values, ui_locales, claims,
    expires_at, used, used_at, created_at
) VALUES
('f1000000-0000-4000-8000-000000000011', 'bobCode0011-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
 'c1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000011',
 'https://admin.example.com/callback', 'openid profile email',
 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'S256',
 'n-bob-1', 'st-bob-1', 'query', NULL, 600, ARRAY['urn:mace:incommon:iap:silver'], ARRAY['en-GB', 'en'],
 '{"id_token": {"email": {"essential": true}}}',
 '2099-01-01 00:10:00+00', false, NULL, '2024-07-01 08:14:00+00'),
('f1000000-0000-4000-8000-000000000012', 'daveCode0012-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
 'c1000000-0000-4000-8000-000000000005', 'a1000000-0000-4000-8000-000000000013',
 'com.example.app:/oauth2redirect', 'openid offline_access',
 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'S256',
 NULL, 'st-dave-1', NULL, 'login', NULL, ARRAY['1'], ARRAY['en'], NULL,
 '2024-08-01 18:50:00+00', true, '2024-08-01 18:45:30+00', '2024-08-01 18:40:00+00'),
('f1000000-0000-4000-8000-000000000013', 'eveCode0013-cccccccccccccccccccccccccccccccc',
 'c1000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000014',
 'http://localhost:3000/callback', 'openid',
 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8', 'plain',
 'n-eve-1', NULL, 'fragment', 'consent', 0, NULL, ARRAY['fr-FR', 'fr'], '{}',
 '2099-12-31 00:00:00+00', false, NULL, '2024-08-12 19:04:00+00');

INSERT INTO audit_events (
    id, occurred_at, recorded_local, event_type, severity, user_id, client_id, token_id,
    ip_address, user_agent, http_status, latency_ms, bytes_sent, risk_score, metric_value,
    duration_seconds, sample_rate, session_length, tags, rate_limit_window, details, success
) OVERRIDING SYSTEM VALUE VALUES
(9, '2024-05-01 09:00:00+00', '2024-05-01 10:00:00', 'user.created', 0,
 'a1000000-0000-4000-8000-000000000011', NULL, NULL,
 '203.0.113.5', 'Mozilla/5.0 (Macintosh)', 201, 120, 2048, 0.0100, 120,
 0.12, 0.5, NULL, ARRAY['signup'], NULL, '{"source": "web"}', true),
(10, '2024-06-15 09:59:58+00', '2024-06-15 11:59:58', 'login.failure', 2,
 'a1000000-0000-4000-8000-000000000011', 'c1000000-0000-4000-8000-000000000002', NULL,
 '203.0.113.5', 'Mozilla/5.0 (Macintosh)', 401, 35, 310, 0.4500, 35,
 0.035, 0.5, NULL, ARRAY['login', 'password'], ARRAY[1, 60], '{"reason": "bad_password"}', false),
(11, '2024-06-15 10:00:00+00', '2024-06-15 12:00:00', 'login.success', 1,
 'a1000000-0000-4000-8000-000000000011', 'c1000000-0000-4000-8000-000000000002', 'e1000000-0000-4000-8000-000000000013',
 '203.0.113.5', 'Mozilla/5.0 (Macintosh)', 302, 48, 1024, 0.0500, 48,
 0.048, 0.5, '01:00:00', ARRAY['login', 'password'], ARRAY[2, 60], '{"method": "password"}', true),
(12, '2024-05-20 11:58:00+00', '2024-05-20 13:58:00', 'login.failure', 3,
 'a1000000-0000-4000-8000-000000000012', 'c1000000-0000-4000-8000-000000000002', NULL,
 '198.51.100.77', 'curl/8.5.0', 401, 12, 128, 0.9100, 12,
 0.012, 1, NULL, ARRAY['login', 'password', 'suspicious'], ARRAY[1, 60], '{"reason": "bad_password"}', false),
(13, '2024-05-20 11:59:00+00', '2024-05-20 13:59:00', 'login.failure', 3,
 'a1000000-0000-4000-8000-000000000012', 'c1000000-0000-4000-8000-000000000002', NULL,
 '198.51.100.77', 'curl/8.5.0', 401, 9, 128, 0.9500, 9,
 0.009, 1, NULL, ARRAY['login', 'password', 'suspicious'], ARRAY[2, 60], '{"reason": "bad_password"}', false),
(14, '2024-05-20 12:00:00+00', '2024-05-20 14:00:00', 'login.success', 1,
 'a1000000-0000-4000-8000-000000000012', 'c1000000-0000-4000-8000-000000000002', 'e1000000-0000-4000-8000-000000000014',
 '198.51.100.77', 'curl/8.5.0', 302, 51, 1024, 0.6000, 51,
 0.051, 1, '00:30:00', ARRAY['login', 'password'], ARRAY[3, 60], '{"method": "password"}', true),
(15, '2024-05-21 00:00:00+00', '2024-05-21 02:00:00', 'token.revoked', 2,
 'a1000000-0000-4000-8000-000000000012', 'c1000000-0000-4000-8000-000000000002', 'e1000000-0000-4000-8000-000000000014',
 '10.0.0.1', 'Authly-Admin/1.0', 200, 5, 64, 0.0000, 5,
 0.005, 1, NULL, ARRAY['admin', 'revocation'], NULL, '{"by": "admin"}', true),
(16, '2024-07-01 08:15:00+00', '2024-07-01 09:15:00', 'login.success', 1,
 'a1000000-0000-4000-8000-000000000011', 'c1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000011',
 '203.0.113.9', 'Mozilla/5.0 (Macintosh)', 302, 44, 1024, 0.0200, 44,
 0.044, 0.5, '02:15:00', ARRAY['login', 'mfa'], ARRAY[1, 60], '{"method": "webauthn"}', true),
(17, '2024-07-20 10:00:00+00', '2024-07-20 06:00:00', 'user.created', 0,
 'a1000000-0000-4000-8000-000000000013', NULL, NULL,
 '192.0.2.44', 'Mozilla/5.0 (Windows NT 10.0)', 201, 130, 2048, 0.0100, 130,
 0.13, 0.5, NULL, ARRAY['signup'], NULL, '{"source": "web"}', true),
(18, '2024-08-01 18:45:00+00', '2024-08-01 14:45:00', 'login.failure', 2,
 'a1000000-0000-4000-8000-000000000013', 'c1000000-0000-4000-8000-000000000005', NULL,
 '192.0.2.44', 'ExampleApp/3.1 (iOS 17.5)', 401, 22, 256, 0.3000, 22,
 0.022, 0.25, NULL, ARRAY['login', 'password'], ARRAY[1, 60], '{"reason": "bad_otp"}', false),
(19, '2024-08-01 18:45:30.5+00', '2024-08-01 14:45:30.5', 'login.success', 1,
 'a1000000-0000-4000-8000-000000000013', 'c1000000-0000-4000-8000-000000000005', 'e1000000-0000-4000-8000-000000000015',
 '192.0.2.44', 'ExampleApp/3.1 (iOS 17.5)', 302, 61, 1024, 0.1000, 61,
 0.061, 0.25, '00:45:00', ARRAY['login', 'mfa', 'mobile'], ARRAY[2, 60], '{"method": "totp"}', true),
(20, '2024-08-10 07:00:00+00', '2024-08-10 09:00:00', 'user.created', 0,
 'a1000000-0000-4000-8000-000000000014', NULL, NULL,
 '203.0.113.200', 'Mozilla/5.0 (X11; Linux x86_64)', 201, 140, 2048, 0.0100, 140,
 0.14, 0.5, NULL, ARRAY['signup', 'admin'], NULL, '{"source": "invite"}', true),
(21, '2024-08-12 19:04:30+00', '2024-08-12 21:04:30', 'login.success', 1,
 'a1000000-0000-4000-8000-000000000014', 'c1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000017',
 '203.0.113.200', 'Mozilla/5.0 (X11; Linux x86_64)', 302, 39, 1024, 0.0300, 39,
 0.039, 0.5, '03:00:00', ARRAY['login', 'mfa'], ARRAY[1, 60], '{"method": "webauthn"}', true),
(22, '2024-08-12 19:30:00+00', '2024-08-12 21:30:00', 'client.updated', 1,
 'a1000000-0000-4000-8000-000000000014', 'c1000000-0000-4000-8000-000000000005', NULL,
 '203.0.113.200', 'Mozilla/5.0 (X11; Linux x86_64)', 204, 18, 0, 0.0200, 18,
 0.018, 0.5, NULL, ARRAY['admin', 'client'], NULL, '{"field": "redirect_uris"}', true),
(23, '2024-08-31 18:45:30.5+00', '2024-08-31 14:45:30.5', 'token.expired', 0,
 'a1000000-0000-4000-8000-000000000013', 'c1000000-0000-4000-8000-000000000005', 'e1000000-0000-4000-8000-000000000016',
 NULL, NULL, NULL, NULL, NULL, NULL, NULL,
 NULL, NULL, NULL, ARRAY['expiry'], NULL, NULL, NULL),
(24, '2024-09-02 06:00:00+00', '2024-09-02 08:00:00', 'login.failure', 2,
 'a1000000-0000-4000-8000-000000000014', 'c1000000-0000-4000-8000-000000000001', NULL,
 '203.0.113.200', 'Mozilla/5.0 (X11; Linux x86_64)', 429, 3, 90, 0.7000, 3,
 0.003, 0.5, NULL, ARRAY['login', 'rate-limited'], ARRAY[5, 60], '{"reason": "rate_limited"}', false);

SELECT setval(pg_get_serial_sequence('public.audit_events', 'id'), (SELECT max(id) FROM audit_events));
