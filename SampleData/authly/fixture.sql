-- Bifrost sample data: Authly edge-case fixture.
--
-- Load after schema.sql into the same database. Plain INSERT statements with
-- explicit literal values and explicit ids, so the data is fully deterministic
-- (no now(), no gen_random_uuid(), every timestamptz literal carries an offset).
-- Loads with a single simple-query message (one PQexec).
--
-- Requirements on the session: client_encoding UTF8 (the file is UTF-8) and
-- standard_conforming_strings = on (the default; '\x..' bytea literals and the
-- literal backslashes in '...' strings rely on it). E'...' strings are used
-- where a control character or an escaped backslash is intended.
--
-- Ids: users a1000000-..., clients c1000000-..., scopes d1000000-...,
-- tokens e1000000-..., authorization codes f1000000-..., JWKS keys b1000000-...,
-- plus the nil UUID and the all-ones UUID as user ids. audit_events uses
-- OVERRIDING SYSTEM VALUE with ids -9223372036854775808 and 1..8, and the
-- identity sequence is moved past them at the end.

-- ---------------------------------------------------------------------------
-- users (8 rows)
-- ---------------------------------------------------------------------------

INSERT INTO users (
    id, username, email, password_hash, created_at, updated_at, last_login,
    is_active, is_verified, is_admin, requires_password_change, failed_login_count,
    given_name, family_name, middle_name, nickname, preferred_username,
    profile, picture, website, gender, birthdate, zoneinfo, locale,
    phone_number, phone_number_verified, address
) VALUES
-- nil UUID; everything filled in, nested address object
('00000000-0000-0000-0000-000000000000', 'admin', 'admin@example.com',
 '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW',
 '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00', '2024-06-01 12:00:00+05:30',
 true, true, true, false, 0,
 'Ada', 'Admin', NULL, 'root', 'admin',
 'https://example.com/~admin', 'https://example.com/avatars/admin.png', 'https://example.com', 'other',
 '1970-01-01', 'UTC', 'en-US', '+1 555 0100', true,
 '{"formatted": "1 Infinite Loop\nCupertino, CA 95014\nUSA", "street_address": "1 Infinite Loop", "locality": "Cupertino", "region": "CA", "postal_code": "95014", "country": "US", "geo": {"lat": 37.33182, "lon": -122.03118}}'),
-- precomposed accents, ZWJ emoji, combining acute accent in middle_name
('a1000000-0000-4000-8000-000000000002', 'élodie', 'elodie@example.fr',
 '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$5Zk1Pq0pQ4y9mV0bXg8r2m0J0l3c8ZyFhL4wq9rU0cE',
 '2024-02-29 23:59:59.999999+00', '2024-06-01 12:00:00+05:30', '2024-06-01 12:00:00.000001+05:30',
 true, true, false, false, 0,
 'Élodie', 'Dupont', U&'Ame\0301lie', '👩‍💻', 'élodie',
 NULL, NULL, NULL, 'female',
 '1999-12-31', 'Europe/Paris', 'fr-FR', '+33 1 23 45 67 89', false,
 '{"formatted": "12 Rue de l''Église\n75004 Paris\nFrance", "street_address": "12 Rue de l''Église", "locality": "Paris", "region": "Île-de-France", "postal_code": "75004", "country": "FR"}'),
-- upper-case Å, sharp s, mixed-case e-mail (for the lower(email) index), \u escapes in jsonb
('a1000000-0000-4000-8000-000000000003', 'åse', 'ÅSE@Example.NO',
 '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy',
 '2024-03-31 01:59:59+01', '2024-03-31 03:00:00+02', NULL,
 true, false, false, true, 3,
 'ÅSE', 'straße', NULL, 'Åse 🔐', 'ÅSE',
 NULL, NULL, NULL, NULL,
 '2000-01-01', 'Europe/Oslo', 'nb-NO', NULL, NULL,
 '{"street_address": "Storgata 1\u00e5", "lines": ["Storgata 1", "Leil. 3", null], "locality": "Tromsø", "region": null, "postal_code": "0155", "country": "NO"}'),
-- Turkish dotted/dotless i, far-future birthdate, numbers in jsonb
('a1000000-0000-4000-8000-000000000004', 'istanbul.user', 'ilkay@example.com.tr',
 '$argon2id$v=19$m=19456,t=2,p=1$aXN0YW5idWxzYWx0$Qx1Yl5dWm2vG8sA3nB9cK7pE0tR4uL6oJ2hF1iM8wZk',
 '2024-06-01 12:00:00+05:30', '2024-06-01 12:00:00+05:30', '2024-06-02 00:00:00+03',
 true, true, false, false, 0,
 'İlkay', 'Işık', 'İ', 'İstanbul', 'ılkay',
 'https://example.com.tr/~ilkay', NULL, 'https://example.com.tr', 'female',
 '9999-12-31', 'Europe/Istanbul', 'tr-TR', '+90 212 555 0000', true,
 '{"locality": "İstanbul", "country": "TR", "geo": {"lat": 41.0082, "lon": 28.9784, "precision": 1.50, "alt": -0, "tags": [], "extra": {}}}'),
-- quotes, backslashes, tab/newline/CR, empty strings, the strings 'NULL' and '\N', smallint max
('a1000000-0000-4000-8000-000000000005', 'o''brien', 'sean.o''brien+test@example.ie',
 '$2b$12$KIXQJ3Xq8lQ9e6Ysb1bQ6eX0dQ4r8Zb6m2nC7vT1uY9pW3sL5kH2a',
 '2023-12-31 23:59:59+00', '2024-01-01 00:00:00-01', '2024-03-10 02:30:00-08',
 true, true, false, false, 32767,
 'Seán', 'O''Brien "the \ Great"', '', E'tab\there', '',
 E'line1\nline2\r\nline3', '\N', '', 'NULL',
 '1969-12-31', 'America/St_Johns', 'en-IE', NULL, false,
 '{"street_address": "1 \"Quoted\" Lane\\Apt 2", "locality": "Dún Laoghaire", "note": "tab\there", "slash": "a\/b", "apostrophe": "it''s"}'),
-- minimal row: every nullable column NULL, empty password hash
('a1000000-0000-4000-8000-000000000006', 'minimal', 'm@x.io', '',
 '1970-01-01 00:00:00+00', '1970-01-01 00:00:00+00', NULL,
 false, false, false, false, 0,
 NULL, NULL, NULL, NULL, NULL,
 NULL, NULL, NULL, NULL,
 NULL, NULL, NULL, NULL, NULL,
 NULL),
-- all-ones UUID; year 1, -infinity and infinity; jsonb with every JSON value kind
('ffffffff-ffff-ffff-ffff-ffffffffffff', 'extreme_dates', 'edge@example.com',
 '$2b$04$aaaaaaaaaaaaaaaaaaaaaOaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
 '0001-01-01 00:00:00+00', '2024-02-29 23:59:59.999999+00', '-infinity',
 true, false, false, false, 0,
 'Zoë', 'Ångström', NULL, NULL, NULL,
 NULL, NULL, NULL, NULL,
 'infinity', 'Pacific/Kiritimati', 'en-KI', NULL, NULL,
 '{"n_big": 12345678901234567890, "n_exp": 1e100, "n_tiny": 1e-100, "n_neg_zero": -0, "n_frac": 1.50, "n_neg": -273.15, "t": true, "f": false, "z": null, "empty_obj": {}, "empty_arr": [], "empty_str": "", "nested": [{"a": [{"b": {"c": [1, "two", null, false, {"d": []}]}}]}]}'),
-- upper-case UUID input; decomposed username (looks like 'élodie' but different bytes);
-- supplementary-plane letters, RTL text, BOM; JSON null (not SQL NULL) address
('A1000000-0000-4000-8000-00000000000A', U&'e\0301lodie', 'elodie.nfd@example.fr',
 '$argon2id$v=19$m=65536,t=3,p=4$bmZkc2FsdG5mZA$9mXc0bX2rJ7qL1vN4sK8tP3uW6yZ0aB5cD2eF7gH1iJ',
 '2024-03-31 01:59:59+01', '2024-10-27 02:30:00+01', '2024-06-01 12:00:00+05:45',
 true, true, false, false, 1,
 U&'E\0301lodie', 'Dupont', NULL, U&'\FEFF𝔘𝔫𝔦𝔠𝔬𝔡𝔢 שלום \202Eright-to-left\202C', U&'e\0301lodie',
 NULL, NULL, NULL, NULL,
 '-infinity', 'Asia/Jerusalem', 'he-IL', '+972-3-555-0000', false,
 'null');

-- ---------------------------------------------------------------------------
-- oauth_clients (5 rows)
-- ---------------------------------------------------------------------------

INSERT INTO oauth_clients (
    id, client_id, client_secret_hash, client_secret_encrypted, client_name, client_type,
    redirect_uris, grant_types, response_types, scope, token_endpoint_auth_method, require_pkce,
    access_token_lifetime, refresh_token_lifetime, rate_limit_rps, max_active_tokens,
    client_uri, logo_uri, tos_uri, policy_uri, contacts, client_name_localized, metadata,
    id_token_signed_response_alg, subject_type, owner_user_id, secret_expires_at, is_active,
    created_at, updated_at
) VALUES
-- confidential, everything set; deeply nested metadata with numeric edge cases
('c1000000-0000-4000-8000-000000000001', 'authly-admin-console',
 '$argon2id$v=19$m=65536,t=3,p=4$Y2xpZW50c2FsdA$Hx3kP9mN2qR5tV8wY1zB4cE7fH0jK3lM6nP9qS2uV5x',
 '\x00ff00', 'Authly Admin Console', 'confidential',
 ARRAY['https://admin.example.com/callback', 'https://admin.example.com/silent-renew'],
 ARRAY['authorization_code', 'refresh_token', 'client_credentials'], ARRAY['code'],
 'openid profile email address phone offline_access admin:users', 'client_secret_basic', true,
 '1 year 2 months 3 days 04:05:06.5', '30 days', 123456.78, 2147483647,
 'https://admin.example.com', 'https://admin.example.com/logo.svg',
 'https://example.com/tos', 'https://example.com/privacy', '{}',
 '{"fr": "Console d''administration", "ja": "管理コンソール", "de-CH": "Verwaltungskonsole", "ar": "وحدة التحكم", "emoji": "🔐"}',
 '{"tenant": {"id": 42, "name": "Ünïcødé Tenant ✓", "regions": [{"code": "eu-north-1", "primary": true, "weights": [1.50, -0, 0.1]}, {"code": "ap-south-1", "primary": false, "weights": []}]}, "limits": {"huge": 12345678901234567890, "sci": 1e100, "neg": -273.15, "tiny": 1e-100, "zero": 0}, "flags": {"beta": true, "legacy": false, "note": null}, "empty_object": {}, "empty_array": [], "quote_test": "She said \"héllo\" \\ back\\slash / slash", "escapes": "tab\tnewline\nunicode\u00e9 emoji \ud83d\udd10", "": "empty key"}',
 'RS256', 'public', '00000000-0000-0000-0000-000000000000', 'infinity', true,
 '2024-01-01 00:00:00+00', '2024-02-29 23:59:59.999999+00'),
-- public SPA: array elements with commas, quotes, braces, spaces, backslashes,
-- an empty string and the string 'NULL'; array with a real NULL; zero interval
('c1000000-0000-4000-8000-000000000002', 'spa-frontend', NULL, NULL,
 'Single-Page App "Beta"', 'public',
 ARRAY['https://spa.example.com/cb?a=1,b=2', 'http://localhost:3000/callback',
       'https://spa.example.com/"quoted"', 'https://spa.example.com/{braces}',
       'https://spa.example.com/path with space', 'https://spa.example.com/back\slash',
       E'https://spa.example.com/double\\\\backslash', '', 'NULL'],
 ARRAY['authorization_code', 'refresh_token'], ARRAY['code'],
 'openid profile email', 'none', true,
 '0', '1 mon -1 day', 0.00, 0,
 'https://spa.example.com', NULL, NULL, NULL, ARRAY['dev@example.com', NULL],
 NULL,
 '{"spa": true, "allowed_origins": ["https://spa.example.com", "http://localhost:3000"], "note": "He said \"hi\" and left; it''s fine \\ ok", "csp": "default-src ''self''"}',
 'RS256', 'public', 'a1000000-0000-4000-8000-000000000002', NULL, true,
 '2024-06-01 12:00:00+05:30', '2024-06-01 12:00:00+05:30'),
-- machine-to-machine: empty arrays, empty bytea, negative interval, numeric(8,2) max
('c1000000-0000-4000-8000-000000000003', 'svc-istanbul-m2m',
 '$2b$12$QmFzZTY0SXNOb3RBSGFzaE.ThisIsOnlyFixtureDataPadding12',
 '\x', 'İstanbul Sync Service 🔐', 'confidential',
 '{}', ARRAY['client_credentials'], '{}',
 'api.read/v2', 'client_secret_post', false,
 '-1 day', NULL, 999999.99, NULL,
 NULL, NULL, NULL, NULL, ARRAY['ops@example.com.tr'],
 '{"tr": "İstanbul Eşitleme Servisi", "en": "Istanbul Sync Service"}',
 '{}',
 'ES256', 'pairwise', NULL, '2024-06-01 12:00:00+05:30', false,
 '2024-02-29 12:00:00-12', '2024-03-01 12:00:00+14'),
-- column DEFAULTs (ARRAY['authorization_code'], interval '1 hour', '{}'::jsonb, ...)
('c1000000-0000-4000-8000-000000000004', 'minimal-client', 'x', NULL,
 'Minimal', DEFAULT,
 DEFAULT, DEFAULT, DEFAULT, NULL, DEFAULT, DEFAULT,
 DEFAULT, DEFAULT, NULL, NULL,
 NULL, NULL, NULL, NULL, NULL, NULL, DEFAULT,
 DEFAULT, DEFAULT, NULL, NULL, DEFAULT,
 '1970-01-01 00:00:00+00', '1970-01-01 00:00:00+00'),
-- native app: 512-byte blob covering every byte value twice, array element with a space,
-- IPv6 loopback redirect, long grant type URN
('c1000000-0000-4000-8000-000000000005', 'com.example.native', NULL,
 '\x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff',
 'Native App — Ωmega', 'public',
 ARRAY['com.example.app:/oauth2redirect', 'http://127.0.0.1:49152/callback', 'http://[::1]:49152/callback'],
 ARRAY['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
 ARRAY['code', 'code id_token'],
 'openid offline_access', 'none', true,
 '00:15:00', '90 days', 2.50, 5,
 'https://example.com/native', 'https://example.com/native/logo.png', NULL, NULL,
 ARRAY['"Quoted Name" <q@example.com>', 'back\slash@example.com'],
 '{"fr-CA": "Appli native", "zh-Hant": "原生應用程式"}',
 '{"software_id": "4NRB1-0XZABZI9E6-5SM3R", "software_version": "2.0.1", "device": {"platforms": ["ios", "android"], "min_os": {"ios": 15.0, "android": 26}}}',
 'EdDSA', 'public', 'a1000000-0000-4000-8000-000000000005', NULL, true,
 '2024-10-27 02:30:00+02', '2024-10-27 02:30:00+01');

-- ---------------------------------------------------------------------------
-- oauth_scopes (8 rows)
-- ---------------------------------------------------------------------------

INSERT INTO oauth_scopes (id, scope_name, description, is_default, is_active, display_order, created_at, updated_at) VALUES
('d1000000-0000-4000-8000-000000000001', 'openid', 'OpenID Connect sign-in', true, true, 1,
 '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00'),
('d1000000-0000-4000-8000-000000000002', 'profile', 'Name, nickname, picture — «profil» 👤', true, true, 2,
 '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00'),
('d1000000-0000-4000-8000-000000000003', 'email', E'E-mail address\nand whether it is verified', false, true, 3,
 '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00'),
('d1000000-0000-4000-8000-000000000004', 'address', '', false, true, 4,
 '2024-01-01 00:00:00+00', '2024-06-01 12:00:00+05:30'),
('d1000000-0000-4000-8000-000000000005', 'phone', 'Phone number', false, false, 0,
 '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00'),
('d1000000-0000-4000-8000-000000000006', 'offline_access', 'Refresh tokens ("stay signed in")', false, true, NULL,
 '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00'),
('d1000000-0000-4000-8000-000000000007', 'admin:users', 'Manage users; requires the ''admin'' role \ 🔐', false, true, -32768,
 '2024-02-29 23:59:59.999999+00', '2024-02-29 23:59:59.999999+00'),
('d1000000-0000-4000-8000-000000000008', 'api.read/v2', NULL, false, true, 32767,
 '0001-01-01 00:00:00+00', '9999-12-31 23:59:59.999999+00');

-- ---------------------------------------------------------------------------
-- oauth_client_scopes (15 rows)
-- ---------------------------------------------------------------------------

INSERT INTO oauth_client_scopes (client_id, scope_id, granted_at) VALUES
('c1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', '2024-01-01 00:00:00+00'),
('c1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000002', '2024-01-01 00:00:00+00'),
('c1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000003', '2024-01-01 00:00:00+00'),
('c1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000004', '2024-01-01 00:00:00.000001+00'),
('c1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000005', '2024-01-01 00:00:00.000002+00'),
('c1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000006', '2024-01-01 00:00:00.5+00'),
('c1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000007', '2024-02-29 23:59:59.999999+00'),
('c1000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000001', '2024-06-01 12:00:00+05:30'),
('c1000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000002', '2024-06-01 12:00:00+05:30'),
('c1000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000003', '2024-06-01 12:00:00+05:30'),
('c1000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000008', '2024-02-29 12:00:00-12'),
('c1000000-0000-4000-8000-000000000004', 'd1000000-0000-4000-8000-000000000001', 'infinity'),
('c1000000-0000-4000-8000-000000000005', 'd1000000-0000-4000-8000-000000000001', '2024-10-27 02:30:00+02'),
('c1000000-0000-4000-8000-000000000005', 'd1000000-0000-4000-8000-000000000006', '2024-10-27 02:30:00+01'),
('c1000000-0000-4000-8000-000000000005', 'd1000000-0000-4000-8000-000000000002', '-infinity');

-- ---------------------------------------------------------------------------
-- tokens (8 rows)
-- parent_token_id: e1..02 -> e1..01 (backward), e1..04 -> e1..08 (forward
-- reference within the same INSERT statement), e1..07 -> e1..02 (chain).
-- ---------------------------------------------------------------------------

INSERT INTO tokens (
    id, token_jti, user_id, client_id, parent_token_id, token_type, token_value, token_hash,
    scope, issued_at, expires_at, revoked, revoked_at, created_at
) VALUES
-- ~900-character RS256 JWT that never expires
('e1000000-0000-4000-8000-000000000001', 'jti-fixture-access-0001',
 'a1000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-000000000001', NULL,
 'access',
 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImF1dGhseS0yMDI0LXJzYS0xIn0.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJhMTAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDIiLCJhdWQiOlsiYXV0aGx5LWFkbWluLWNvbnNvbGUiLCJodHRwczovL2FwaS5leGFtcGxlLmNvbSJdLCJleHAiOjQxMDI0NDQ4MDAsImlhdCI6MTcxNzIyMzQwMCwibmJmIjoxNzE3MjIzNDAwLCJqdGkiOiJqdGktZml4dHVyZS1hY2Nlc3MtMDAwMSIsInNjb3BlIjoib3BlbmlkIHByb2ZpbGUgZW1haWwgb2ZmbGluZV9hY2Nlc3MiLCJuYW1lIjoiw4lsb2RpZSBEdXBvbnQg8J-RqeKAjfCfkrsiLCJhbXIiOlsicHdkIiwibWZhIl0sImFjciI6InVybjptYWNlOmluY29tbW9uOmlhcDpzaWx2ZXIiLCJzaWQiOiJzZXNzLTAwMDEifQ.ENoPxPb8538SyGHsDhs60SstKUhO_DHN7x8NHQfU3Zhu5R3dhxASaaBfiaMtn41z9_J4wIuILIG5CpbFbon20EWQaYVN4Iy-PsA4WF4kn7tYu7twOY73M5P4SaM-T0xXOg5V-0g-vNm7uIx6ACu4ovuBygwI6Qi3ivkrN3pdMppDK2-fM8kgT05T86uh-_TyUKZ1ofoXjFOwoCW-rsEHE2GLXq9lNW0jVw7K_GJKXedppDi9TDnE_XFR4zqfDPdoE7nxgQ6kzjeV4M2YCmV3Hp9_DNKngfGkGv-e3zkY3O2nbHuqCcTlI86XErWCHBE9Va6hWyYHUNRPG1e66kl1Lw',
 '\xe499bd837ac3f53ac8ee01763e8bb4f6444f91cb60385d2f35d8e8fb26fb85a4',
 'openid profile email offline_access',
 '2024-06-01 12:00:00+05:30', 'infinity', false, NULL, '2024-06-01 12:00:00+05:30'),
-- rotated (revoked) refresh token, microsecond precision on a leap day
('e1000000-0000-4000-8000-000000000002', 'jti-fixture-refresh-0002',
 'a1000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-000000000001',
 'e1000000-0000-4000-8000-000000000001',
 'refresh', 'rt_5f3c9a0e1b7d4c2a8e6f0b1c3d5e7f9a', '\xdeadbeef00',
 'openid offline_access',
 '2024-02-29 12:00:00+00', '2024-03-30 12:00:00+00', true, '2024-02-29 23:59:59.999999+00',
 '2024-02-29 12:00:00+00'),
-- client-credentials token: no user, empty bytea hash, DST-gap local time with -08 offset
('e1000000-0000-4000-8000-000000000003', 'jti-fixture-m2m-0003',
 NULL, 'c1000000-0000-4000-8000-000000000003', NULL,
 'access', 'm2m.eyJzdWIiOiJzdmMtaXN0YW5idWwtbTJtIn0.c2ln', '\x',
 'api.read/v2',
 '2024-03-10 02:30:00-08', '2024-03-10 03:30:00-08', false, NULL, '2024-03-10 02:30:00-08'),
-- forward parent reference; year-1 issue time; NULL scope / hash / revoked_at
('e1000000-0000-4000-8000-000000000004', 'jti-fixture-refresh-0004',
 'a1000000-0000-4000-8000-000000000003', 'c1000000-0000-4000-8000-000000000002',
 'e1000000-0000-4000-8000-000000000008',
 'refresh', 'rt_0004', NULL,
 NULL,
 '0001-01-01 00:00:00+00', '1970-01-01 00:00:00+00', false, NULL, '0001-01-01 00:00:00+00'),
-- -infinity issue time; value with quotes, backslash and a newline
('e1000000-0000-4000-8000-000000000005', 'jti-fixture-odd-0005',
 'a1000000-0000-4000-8000-000000000005', 'c1000000-0000-4000-8000-000000000005', NULL,
 'access', E'opaque''token"with\\backslash\nand newline', '\x00',
 'openid admin:users',
 '-infinity', '2000-01-01 00:00:00+00', false, NULL, '1999-12-31 23:59:59+00'),
-- no client, empty-string scope, extreme offsets (+14 / -12) around Y2K
('e1000000-0000-4000-8000-000000000006', 'jti-fixture-orphan-0006',
 'a1000000-0000-4000-8000-000000000006', NULL, NULL,
 'access', 'x', '\x0000000000000000',
 '',
 '1999-12-31 23:59:59.999999+14', '2000-01-01 00:00:00-12', false, NULL, '1999-12-31 23:59:59.999999+14'),
-- refresh token revoked at the very end of year 9999, never expires
('e1000000-0000-4000-8000-000000000007', 'jti-fixture-refresh-0007',
 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'c1000000-0000-4000-8000-000000000004',
 'e1000000-0000-4000-8000-000000000002',
 'refresh', 'rt_0007_🔐_ÅSE', '\xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
 'openid',
 '2024-01-01 00:00:00+00', 'infinity', true, '9999-12-31 23:59:59.999999+00', '2024-01-01 00:00:00+00'),
-- ordinary short-lived access token in a +05:30 zone
('e1000000-0000-4000-8000-000000000008', 'jti-fixture-access-0008',
 'a1000000-0000-4000-8000-000000000003', 'c1000000-0000-4000-8000-000000000002', NULL,
 'access', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhMTAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDMifQ.MEUCIQDx',
 '\x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20',
 'openid email',
 '2024-06-01 12:00:00+05:30', '2024-06-01 13:00:00+05:30', false, NULL, '2024-06-01 12:00:00+05:30');

-- ---------------------------------------------------------------------------
-- oauth_token_scopes (11 rows)
-- ---------------------------------------------------------------------------

INSERT INTO oauth_token_scopes (token_id, scope_id) VALUES
('e1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001'),
('e1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000002'),
('e1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000003'),
('e1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000006'),
('e1000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000001'),
('e1000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000006'),
('e1000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000008'),
('e1000000-0000-4000-8000-000000000005', 'd1000000-0000-4000-8000-000000000001'),
('e1000000-0000-4000-8000-000000000005', 'd1000000-0000-4000-8000-000000000007'),
('e1000000-0000-4000-8000-000000000008', 'd1000000-0000-4000-8000-000000000001'),
('e1000000-0000-4000-8000-000000000008', 'd1000000-0000-4000-8000-000000000003');

-- ---------------------------------------------------------------------------
-- oauth_authorization_codes (4 rows)
-- ---------------------------------------------------------------------------

INSERT INTO oauth_authorization_codes (
    id, code, client_id, user_id, redirect_uri, scope, code_challenge, code_challenge_method,
    nonce, state, response_mode, prompt, max_age, acr_values, ui_locales, claims,
    expires_at, used, used_at, created_at
) VALUES
-- used code; array with a NULL element; empty array; nested claims request
('f1000000-0000-4000-8000-000000000001', 'rGehNZUGcntQefdYbiuHKkjkqvcVDsx-E0ExqidT7d8',
 'c1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002',
 'https://admin.example.com/callback', 'openid profile',
 'xTYRBLTDt1gS3-rw_3FBVafZ0iNg9bZYBbG8fRPvkEs', 'S256',
 'n-0S6_WzA2Mj', 'af0ifjsldkj&redirect=%2Fhome?x=1;y=''2'';z="3"', 'query', 'consent', 0,
 ARRAY['urn:mace:incommon:iap:silver', NULL], '{}',
 '{"userinfo": {"given_name": {"essential": true}, "email": null, "https://example.com/claims/groups": {"values": ["admins", "ops \"core\""]}}, "id_token": {"acr": {"values": ["urn:mace:incommon:iap:silver", "2"]}, "auth_time": {"essential": false}}}',
 '2024-02-29 23:59:59.999999+00', true, '2024-02-29 23:59:30.000001+00', '2024-02-29 23:49:59.999999+00'),
-- unused 'plain' PKCE code; every nullable column NULL; redirect with comma and space
('f1000000-0000-4000-8000-000000000002', 'BuV7NuD1CfZX04yaT1jyu8hDJyqlGkHeluDSg08xAis',
 'c1000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000003',
 'https://spa.example.com/cb?a=1,b=2', NULL,
 'FJO3t0PE8HluwP2_-7vIsnVmjUEqcMhWDRpwAQOBz60', 'plain',
 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
 '2024-06-01 12:10:00+05:30', false, NULL, '2024-06-01 12:00:00+05:30'),
-- integer max max_age, unicode nonce, control characters in state, JSON null claims
('f1000000-0000-4000-8000-000000000003', 'nF3SJdLQDNMd233HbDar9V_7wsqEXFozWL1E6i4vZY8',
 'c1000000-0000-4000-8000-000000000005', 'a1000000-0000-4000-8000-000000000005',
 'com.example.app:/oauth2redirect', 'openid offline_access',
 'it3ecFD0HYaq5jdrl7crEXJhOygeRTeGWTYO8Pgql6w', 'S256',
 'nonce-🔐-İ-é', E'line1\nline2\ttab\\end', 'fragment', 'login select_account', 2147483647,
 ARRAY['2', '1'], ARRAY['fr-CA', 'fr', 'en'], 'null',
 '2024-10-27 02:40:00+02', false, NULL, '2024-10-27 02:30:00+02'),
-- 128-character code challenge (maximum length), empty claims object
('f1000000-0000-4000-8000-000000000004', '5OlG4mDZXecf3bz4qRuTjZCcYiHIsTP3Gx3UWNK1nB8',
 'c1000000-0000-4000-8000-000000000001', '00000000-0000-0000-0000-000000000000',
 'https://admin.example.com/silent-renew', 'openid admin:users',
 '7SQR41MhhN2MYBWVgyOdXRHgCh2RSaAMrhZRqngUBr3z3bTb_6VJ2ZHBkoW_x7xR0mXIy8bncIqfCCheIJeM5iKnZW8Sj02rTuSeMRACDA8-5K5uHqmmWCiFpteYHh7L', 'S256',
 '', '', 'form_post', 'none', 3600,
 '{}', ARRAY['ja'], '{}',
 'infinity', true, '2024-01-01 00:00:00.000001+00', '2024-01-01 00:00:00+00');

-- ---------------------------------------------------------------------------
-- oidc_jwks_keys (4 rows)
-- ---------------------------------------------------------------------------

INSERT INTO oidc_jwks_keys (
    id, kid, key_data, key_type, algorithm, key_use, key_size, curve,
    fingerprint, private_key_encrypted, is_active, created_at, expires_at, rotated_at
) VALUES
('b1000000-0000-4000-8000-000000000001', 'authly-2024-rsa-1',
 '{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "authly-2024-rsa-1", "n": "--beJDKW-fT3vx1W3E-06uwiQYXC2rjvREUKH-eUKAyfu1AFNJzNPEe7xHkBVvXcuqt5Dl-JMOgR9sznqNuAWnjNQn1BtXX8NW06wQG6U1CsuWqeDT5ECZ8cWLrcjwePqWo5yOPKzmG3REQinuyRGlGE4ARp3DcBSu22p__1UNHQqKLCkfS_C24htUjceRSZSReDAyWRejXqV2urR8Jmd74RXbLpjtlBzwaOhg7avQJ0BcMRjjegDQ2JuWNYixhs_9XrcGb6yWwckxrulBqrb64bIzY3RckeVKZkGJ1dokaOfjopE0grIxY8l4otWuA5MkMAGRHlheDb59Datn0DJw", "e": "AQAB", "x5t#S256": "e-WcVv-mxfQW-Lx4ry7Ap62gtH-WGq5Q-uqKmhoWMTU", "key_ops": ["verify"]}',
 'RSA', 'RS256', 'sig', 2048, NULL,
 '\x8f0a858ef0bfc9b15357475bbb100cb11bbd6c763251703339d72d87a917db81',
 '\x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff',
 true, '2024-01-01 00:00:00+00', 'infinity', NULL),
('b1000000-0000-4000-8000-000000000002', 'authly-2024-ec-1',
 '{"kty": "EC", "use": "sig", "alg": "ES256", "kid": "authly-2024-ec-1", "crv": "P-256", "x": "P99bS6luJlMcVQ8Jtba27qbpbmDNVnrLL_PWDeNaMmI", "y": "WkM2X9e6qkCf4K4bjhs9Jnm9tVMevx74ZwRGgMziheM"}',
 'EC', 'ES256', 'sig', 256, 'P-256',
 '\x13a3ec805ab247fa5bcdfa2c6f0790c57371f0a9227b81a240d6e75eaea0a7fa',
 '\x00ff00',
 true, '2024-06-01 12:00:00+05:30', NULL, NULL),
('b1000000-0000-4000-8000-000000000003', 'authly-2024-okp-1',
 '{"kty": "OKP", "use": "sig", "alg": "EdDSA", "kid": "authly-2024-okp-1", "crv": "Ed25519", "x": "xGfLgFJfOZXwExkMiDSQJjzGCAR7FXsBenSZEHpavBI"}',
 'OKP', 'EdDSA', 'sig', NULL, 'Ed25519',
 '\x0839e91787f59354e62eb544431a4f6bee1e344bd0ecba75fbcd3244986c0c20',
 '\x',
 true, '2024-02-29 23:59:59.999999+00', '9999-12-31 23:59:59.999999+00', NULL),
-- rotated-out encryption key: inactive, no private key any more
('b1000000-0000-4000-8000-000000000004', 'authly-2023-rsa-enc "old"',
 '{"kty": "RSA", "use": "enc", "alg": "RSA-OAEP-256", "kid": "authly-2023-rsa-enc \"old\"", "n": "X1x2FaxUM3TdiwnBrdhaTKgT8YMLcdL54B9G7vrGwBAEU8K-oK2k_SeritdX9F9OnK2OjmpwVbjOmYQCQaOleKlDEjrwasdi5f6ldZ3rK1gxD7g_JQANuQNTM2OZfdgrz8vjx3oQonwY3JiLf53uT63yrA1woB_WlX0-viu0d7ukRIP9-XIbvcvwQV5CXg0AbcH1NyRUdUDJRaGKXr3AfDAZfzlXADOWrfEKbodsNTEHEZNciTGlAIcKe3DAZdKKu7rbsoIQr_eYINKvtBjMGZhsool1UFDhkH1MocuAojtvFQiP8AjTLif4qK0BBSznRB5nTVLToD5tw0-l9AG_kQ", "e": "AQAB", "key_ops": [], "ext": false, "x5c": null}',
 'RSA', 'RSA-OAEP-256', 'enc', 2048, NULL,
 '\x872737ae8121bc1b984efcbd5f7931d3822326351a30518a018c4c502b95c533',
 NULL,
 false, '2023-01-01 00:00:00+00', '2024-01-01 00:00:00+00', '2023-12-31 23:59:59.999999-05');

-- ---------------------------------------------------------------------------
-- audit_events (9 rows, explicit identity values)
-- ---------------------------------------------------------------------------

INSERT INTO audit_events (
    id, occurred_at, recorded_local, event_type, severity, user_id, client_id, token_id,
    ip_address, user_agent, http_status, latency_ms, bytes_sent, risk_score, metric_value,
    duration_seconds, sample_rate, session_length, tags, rate_limit_window, details, success
) OVERRIDING SYSTEM VALUE VALUES
-- bigint/integer/smallint minimum, year 1, -Infinity floats, negative interval, JSON null
(-9223372036854775808, '0001-01-01 00:00:00+00', '0001-01-01 00:00:00', 'system.epoch', -32768,
 NULL, NULL, NULL,
 '0.0.0.0/0', '', NULL, -2147483648, -9223372036854775808, -9.9999, 12345678901234567890123.4567890123,
 '-Infinity', '-Infinity', '-1 day', '{}', '{}', 'null', NULL),
-- +05:30 offset; 2-D integer array; json with insignificant whitespace and duplicate keys
(1, '2024-06-01 12:00:00+05:30', '2024-06-01 12:00:00', 'login.success', 1,
 'a1000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000001',
 '192.168.1.10', 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0', 302, 42, 1234, 0.0000, 1.50,
 0.1, 0.1, '1 year 2 months 3 days 04:05:06.5', ARRAY['login', 'mfa', '🔐'], '{{1,2,3},{4,5,6}}',
 E'{ "method" : "password",  "method" : "webauthn" ,\n\t"factors": [ {"type": "pwd"}, {"type": "hwk", "aaguid": null} ],\n  "ok":true }',
 true),
-- NaN everywhere it is allowed; array elements that are NULL; \u escapes (incl. \u0000) in json
(2, '2024-03-10 02:30:00-08', '2024-03-10 02:30:00', 'login.failure', 2,
 'a1000000-0000-4000-8000-000000000003', NULL, NULL,
 '2001:db8::1', E'curl/8.5.0 "quoted" \\ back\\slash\n\tsecond line', 401, 7, 512, 'NaN', 'NaN',
 'NaN', 'NaN', '0', ARRAY['a', NULL], '{1,NULL,3}',
 '{"reason": "bad_password", "user": "\u00c5SE", "emoji": "\ud83d\udd10", "nul": "\u0000", "quote": "\"", "big": 12345678901234567890, "exp": 1e100}',
 false),
-- integer/bigint maximum; tiny numeric; negative zero floats; odd array elements;
-- IPv6 network (arrays with non-default lower bounds, e.g. '[0:2]={7,8,9}', are stored
-- with their bounds decoration; that case lives in ImportEncodingTests)
(3, '2024-02-29 23:59:59.999999+00', '2024-02-29 23:59:59.999999', 'token.revoked', 3,
 'a1000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000002',
 '2001:db8:abcd::/48', '\N', 200, 2147483647, 9223372036854775807, 1.0000, 0.000000000000000001,
 '-0'::float8, '-0'::float4, '1 mon -1 day',
 ARRAY['with,comma', 'with "quote"', '{brace}', 'with space', 'back\slash', '', 'NULL', ' padded '],
 '{7,8,9}', '[]', true),
-- infinity timestamps; 1e-300 and real max; IPv4-mapped IPv6; trailing-zero numeric
(4, 'infinity', 'infinity', 'client.updated', 0,
 'a1000000-0000-4000-8000-000000000005', 'c1000000-0000-4000-8000-000000000002', NULL,
 '::ffff:192.0.2.1', 'Authly-CLI/1.0', 204, 0, 0, -0.5000, 1.500000,
 1e-300, 3.4e38, '-00:00:00.000001', ARRAY['İstanbul', 'ÅSE', 'straße', U&'e\0301'],
 ARRAY[-2147483648, 2147483647, 0],
 '{"before": {"redirect_uris": ["https://a.example/cb"]}, "after": {"redirect_uris": []}, "n": 1e100, "neg0": -0, "big": 12345678901234567890, "f": 1.50}',
 true),
-- every nullable column NULL; DEFAULT for tags
(5, '1970-01-01 00:00:00+00', NULL, 'heartbeat', 0,
 NULL, NULL, NULL,
 NULL, NULL, NULL, NULL, NULL, NULL, NULL,
 NULL, NULL, NULL, DEFAULT, NULL, NULL, NULL),
-- -infinity; double max / real min normal; huge interval; host address with netmask;
-- zero-width joiner, BOM, RTL override and a control character in text
(6, '-infinity', '-infinity', 'key.rotated', 32767,
 NULL, 'c1000000-0000-4000-8000-000000000003', NULL,
 '10.1.2.3/8', U&'bot\0001 \200D\FEFF \202Eevil\202C 👩‍💻', 500, -1, -1, 0, 0,
 1.7976931348623157e308, 1.17549435e-38, '178000000 years', ARRAY['rotation'], ARRAY[NULL]::integer[],
 '"just a string"', NULL),
-- denormal double; 2-D array containing NULL; deeply nested json; loopback v6
(7, '2024-10-27 02:30:00+01', '1970-01-01 00:00:00', 'authorize', -1,
 '00000000-0000-0000-0000-000000000000', 'c1000000-0000-4000-8000-000000000005', 'e1000000-0000-4000-8000-000000000005',
 '::1', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)', 200, 15, 4096, 0.1234, 100,
 4.9e-324, 0.1, '999 days 23:59:59.999999', ARRAY['authorize', 'pkce'], '{{-1,0},{NULL,1}}',
 '{"a":{"b":{"c":{"d":{"e":[[1,[2,[3,[4,{}]]]]]}}}},"ip":"127.0.0.1/32","t":true,"f":false,"n":null,"e":"","neg":-1.5E-7}',
 true),
-- +Infinity floats; -03:30 offset; 2^53 + 1 (not exactly representable as a double);
-- negative unconstrained numeric; 3-D integer array; IPv4 network
(8, '2024-12-31 23:59:59.999999-03:30', '2024-12-31 23:59:59.999999', 'token.introspect', 1,
 'a1000000-0000-4000-8000-000000000004', 'c1000000-0000-4000-8000-000000000003', 'e1000000-0000-4000-8000-000000000003',
 '198.51.100.0/24', 'Authly-Introspect/2.0 (+https://example.com)', 200, 3, 9007199254740993, 0.9999, -1234567890.0987654321,
 'Infinity', 'Infinity', '00:00:00.000001', ARRAY['introspection'], '{{{1,2},{3,4}},{{5,6},{7,8}}}',
 '{"active": true, "exp": 9007199254740993, "scope": "api.read/v2"}',
 true);

SELECT setval(pg_get_serial_sequence('public.audit_events', 'id'), (SELECT max(id) FROM audit_events));
