-- Bifrost sample data: deterministic bulk generator for the Authly schema.
--
-- Defines authly_generate(total_rows bigint) RETURNS void. Load after
-- schema.sql (fixture.sql may or may not be loaded; generated ids never
-- collide with fixture ids). Loads with a single simple-query message.
--
--   SELECT authly_generate(1000000);
--
-- Deterministic: no random(), no now(), no gen_random_uuid(). Every value is
-- derived from a row number: UUIDs are md5('gen-<table>-' || n)::uuid,
-- timestamps are a fixed base plus n times a step, names come from fixed lists.
-- The same total_rows on the same starting database gives identical data.
-- (audit_events.id comes from its identity sequence, so it depends on the
-- sequence position: 1.. on a fresh schema, 9.. after fixture.sql.)
--
-- Row budget for total_rows = N (rounded down; the audit log takes the rest so
-- the grand total is exactly N once N is larger than a few hundred):
--   users                      10 %
--   oauth_clients               1 %
--   oauth_scopes               12 rows (fixed set, names unused by fixture.sql)
--   oauth_client_scopes        1..4 per client (~2.5 %)
--   tokens                     48 % (per group of three: access token, its
--                                    refresh token (rotated, revoked) and the
--                                    replacement refresh token)
--   oauth_token_scopes         1..4 per access token (~32 %)
--   oauth_authorization_codes   4 %
--   oidc_jwks_keys              4 rows
--   audit_events               remainder (~2.5 %)
-- e.g. N = 1,000,000: 100,000 users, 10,000 clients, 12 scopes, 25,000
-- client scopes, 480,000 tokens, 320,000 token scopes, 40,000 codes, 4 keys,
-- 24,984 audit events.
--
-- It can only be run once per database (generated primary keys would collide).
--
-- Speed: everything is set-based INSERT ... SELECT FROM generate_series. For
-- the duration of the call the foreign keys and the non-unique indexes of
-- these tables are dropped and then re-created from their catalog definitions
-- (pg_get_constraintdef / pg_get_indexdef), like pg_restore does; re-adding
-- the FKs validates every generated reference in one pass (a violation aborts
-- the whole call). Primary keys, UNIQUE and CHECK constraints stay in place
-- and are checked row by row. This needs the caller to own the tables and
-- takes ACCESS EXCLUSIVE locks until commit. Comments on the dropped
-- constraints/indexes would be lost (the schema has none).

CREATE OR REPLACE FUNCTION authly_generate(total_rows bigint) RETURNS void
LANGUAGE plpgsql
SET search_path = public, pg_catalog
SET TimeZone = 'UTC'  -- timestamptz + 'N days' depends on the session time zone
AS $gen$
DECLARE
    base        constant timestamptz := '2024-01-01 00:00:00+00';
    n_users     bigint;
    n_clients   bigint;
    n_tokens    bigint;
    n_codes     bigint;
    n_audit     bigint;
    n_done      bigint := 0;
    n_step      bigint;
    jwt_header  text;
    jwt_sig     text;
    gen_tables  regclass[];
    fk_drop     text[];
    fk_restore  text[];
    idx_drop    text[];
    idx_restore text[];
    stmt        text;

    -- first names and their ASCII spellings (used in usernames and e-mails)
    first_names text[] := ARRAY['Emma','Liam','Olivia','Noah','Sofía','Mateo','Élodie','Lukas',
                                'Zoë','Jonas','Åsa','Søren','Ingrid','Mohammed','Fatima','Aisha',
                                'Yuki','Haruto','Wei','Mei','Priya','Arjun','Chidi','Amara',
                                'José','Ana','Łukasz','Zofia','İlkay','Elif','Seán','Siobhán'];
    first_ascii text[] := ARRAY['emma','liam','olivia','noah','sofia','mateo','elodie','lukas',
                                'zoe','jonas','asa','soren','ingrid','mohammed','fatima','aisha',
                                'yuki','haruto','wei','mei','priya','arjun','chidi','amara',
                                'jose','ana','lukasz','zofia','ilkay','elif','sean','siobhan'];
    last_names text[] := ARRAY['Smith','Johnson','García','Müller','Dubois','Rossi','Nakamura','Kim',
                               'Nguyen','Hansen','Nilsson','Kowalski','Novák','Papadopoulos','O''Connor','Silva',
                               'Santos','Yılmaz','Öztürk','Ivanova','Andersson','Jensen','Berg','Fischer',
                               'Wagner','Okafor','Mensah','Patel','Singh','Chen','Tanaka','Álvarez'];
    last_ascii text[] := ARRAY['smith','johnson','garcia','muller','dubois','rossi','nakamura','kim',
                               'nguyen','hansen','nilsson','kowalski','novak','papadopoulos','oconnor','silva',
                               'santos','yilmaz','ozturk','ivanova','andersson','jensen','berg','fischer',
                               'wagner','okafor','mensah','patel','singh','chen','tanaka','alvarez'];
    middle_names text[] := ARRAY['Marie','James','Anne','Lee','Grace','Alexander','Rose','Kai'];

    -- locale table: city, country, time zone, locale, phone prefix, street
    cities text[] := ARRAY['Oslo','Paris','Berlin','New York','São Paulo','Tokyo','İstanbul','Mumbai','Lagos','Kraków'];
    countries text[] := ARRAY['NO','FR','DE','US','BR','JP','TR','IN','NG','PL'];
    zones text[] := ARRAY['Europe/Oslo','Europe/Paris','Europe/Berlin','America/New_York','America/Sao_Paulo',
                          'Asia/Tokyo','Europe/Istanbul','Asia/Kolkata','Africa/Lagos','Europe/Warsaw'];
    locales text[] := ARRAY['nb-NO','fr-FR','de-DE','en-US','pt-BR','ja-JP','tr-TR','en-IN','en-NG','pl-PL'];
    phone_prefixes text[] := ARRAY['+47','+33','+49','+1','+55','+81','+90','+91','+234','+48'];
    streets text[] := ARRAY['Storgata','Rue de Rivoli','Hauptstraße','Main Street','Avenida Paulista',
                            'Chūō-dōri','İstiklal Caddesi','Marine Drive','Broad Street','Floriańska'];
    domains text[] := ARRAY['example.com','example.org','example.net','mail.example.com',
                            'corp.example.io','example.co.uk','example.de','example.jp'];

    adjectives text[] := ARRAY['Blue','Silver','Northern','Rapid','Quiet','Bright','Golden','Urban',
                               'Coastal','Crimson','Open','Secure'];
    nouns text[] := ARRAY['Harbor','Falcon','Ledger','Portal','Garden','Beacon','Atlas','Forge',
                          'Canvas','Relay','Summit','Orchard'];
    tiers text[] := ARRAY['free','starter','business','enterprise'];

    scope_names text[] := ARRAY['orders:read','orders:write','billing:read','billing:write',
                                'inventory:read','inventory:write','reports:read','users:read',
                                'users:write','webhooks:manage','files:read','files:write'];
    scope_desc  text[] := ARRAY['Read orders','Create and modify orders','Read invoices and payment status',
                                'Manage payment methods','Read stock levels','Adjust stock levels',
                                'Download reports','Read user profiles','Create and modify users',
                                'Register and delete webhooks','Read uploaded files','Upload and delete files'];

    ev_types text[] := ARRAY['login.success','login.failure','token.issued','token.refreshed','token.revoked',
                             'authorize','consent.granted','client.updated','logout','password.changed'];
    ev_tags text[] := ARRAY['auth','auth','token','token','token','oauth','oauth','admin','auth','account'];
    ev_agents text[] := ARRAY[
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
        'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0',
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
        'okhttp/4.12.0',
        'python-requests/2.32.3'];
    ev_statuses smallint[] := ARRAY[200,302,200,200,204,302,302,200,204,200];
    ev_paths text[] := ARRAY['/api/v1/oauth/token','/api/v1/oauth/token','/api/v1/oauth/token','/api/v1/oauth/token',
                             '/api/v1/oauth/revoke','/api/v1/oauth/authorize','/api/v1/oauth/authorize',
                             '/api/v1/admin/clients','/api/v1/oidc/logout','/api/v1/users/me/password'];
BEGIN
    IF total_rows IS NULL OR total_rows < 1 THEN
        RAISE EXCEPTION 'authly_generate: total_rows must be >= 1, got %', total_rows;
    END IF;

    -- Bulk-load mode, as pg_restore does it: the foreign keys and the
    -- non-unique secondary indexes of the generated tables are dropped here and
    -- re-created from their own catalog definitions (same names, same
    -- definitions) at the end. Row-by-row FK checks and random-order index
    -- inserts would otherwise take most of the run time. All of it happens in
    -- the caller's transaction: on any error nothing changes.
    gen_tables := ARRAY['users', 'oauth_clients', 'oauth_scopes', 'oauth_client_scopes', 'tokens',
                        'oauth_token_scopes', 'oauth_authorization_codes', 'oidc_jwks_keys',
                        'audit_events']::regclass[];

    SELECT coalesce(array_agg(format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname)
                              ORDER BY c.conrelid::regclass::text, c.conname), '{}'),
           coalesce(array_agg(format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
                                     pg_get_constraintdef(c.oid))
                              ORDER BY c.conrelid::regclass::text, c.conname), '{}')
      INTO fk_drop, fk_restore
      FROM pg_constraint c
     WHERE c.contype = 'f' AND c.conrelid = ANY (gen_tables);

    SELECT coalesce(array_agg(format('DROP INDEX %s', i.indexrelid::regclass)
                              ORDER BY i.indexrelid::regclass::text), '{}'),
           coalesce(array_agg(pg_get_indexdef(i.indexrelid)
                              ORDER BY i.indexrelid::regclass::text), '{}')
      INTO idx_drop, idx_restore
      FROM pg_index i
     WHERE i.indrelid = ANY (gen_tables)
       AND NOT i.indisunique
       AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid);

    FOREACH stmt IN ARRAY fk_drop LOOP
        EXECUTE stmt;
    END LOOP;
    FOREACH stmt IN ARRAY idx_drop LOOP
        EXECUTE stmt;
    END LOOP;

    n_users   := greatest(1, total_rows * 10 / 100);
    n_clients := greatest(1, total_rows / 100);
    n_tokens  := greatest(3, total_rows * 48 / 100);
    n_codes   := total_rows * 4 / 100;

    -- base64url('{"alg":"RS256","typ":"JWT","kid":"authly-gen-key-2"}')
    jwt_header := replace(replace(rtrim(replace(encode(convert_to(
        '{"alg":"RS256","typ":"JWT","kid":"authly-gen-key-2"}', 'UTF8'), 'base64'), E'\n', ''), '='), '+', '-'), '/', '_');

    -- 256 bytes (an RS256 signature) in base64url: 342 characters
    jwt_sig := replace(replace(rtrim(replace(encode(
        sha512(convert_to('gen-sig-a', 'UTF8')) || sha512(convert_to('gen-sig-b', 'UTF8'))
        || sha512(convert_to('gen-sig-c', 'UTF8')) || sha512(convert_to('gen-sig-d', 'UTF8')),
        'base64'), E'\n', ''), '='), '+', '-'), '/', '_');

    -- -----------------------------------------------------------------------
    -- users
    -- -----------------------------------------------------------------------
    INSERT INTO users (
        id, username, email, password_hash, created_at, updated_at, last_login,
        is_active, is_verified, is_admin, requires_password_change, failed_login_count,
        given_name, family_name, middle_name, nickname, preferred_username,
        profile, picture, website, gender, birthdate, zoneinfo, locale,
        phone_number, phone_number_verified, address)
    SELECT
        md5('gen-users-' || u)::uuid,
        v.uname,
        v.uname || '@' || domains[1 + (u % 8)::int],
        '$argon2id$v=19$m=65536,t=3,p=4$'
            || rtrim(encode(substr(sha256(convert_to('gen-salt-' || u, 'UTF8')), 1, 16), 'base64'), '=')
            || '$' || rtrim(encode(sha256(convert_to('gen-password-' || u, 'UTF8')), 'base64'), '='),
        v.created,
        v.created + (u % 1000) * interval '1 minute',
        CASE WHEN u % 7 = 0 THEN NULL
             ELSE v.created + (u % 90) * interval '1 day' + (u * 7919 % 86400) * interval '1 second'
                  + (u % 1000000) * interval '1 microsecond' END,
        u % 23 <> 0,
        u % 5 <> 0,
        u % 1000 = 1,
        u % 97 = 0,
        (CASE WHEN u % 11 = 0 THEN u % 6 ELSE 0 END)::smallint,
        first_names[v.f], last_names[v.l],
        CASE WHEN u % 4 = 0 THEN middle_names[1 + (u % 8)::int] END,
        CASE WHEN u % 6 = 0 THEN first_ascii[v.f] END,
        CASE WHEN u % 2 = 0 THEN v.uname END,
        CASE WHEN u % 3 = 0 THEN 'https://social.example.com/' || v.uname END,
        CASE WHEN u % 2 = 0 THEN 'https://cdn.example.com/avatars/' || md5('gen-avatar-' || u) || '.jpg' END,
        CASE WHEN u % 10 = 0 THEN 'https://' || first_ascii[v.f] || last_ascii[v.l] || '.example.net' END,
        (ARRAY['female', 'male', 'non-binary', NULL, 'female', 'male'])[1 + (u % 6)::int],
        CASE WHEN u % 8 = 0 THEN NULL ELSE date '1950-01-01' + (u * 7919 % 20000)::int END,
        zones[v.k], locales[v.k],
        CASE WHEN u % 3 <> 0 THEN phone_prefixes[v.k] || ' ' || lpad((u * 104729 % 100000000)::text, 8, '0') END,
        CASE WHEN u % 3 <> 0 THEN u % 2 = 0 END,
        CASE WHEN u % 3 = 0 THEN jsonb_build_object(
                 'street_address', (1 + u % 250) || ' ' || streets[v.k],
                 'locality', cities[v.k],
                 'postal_code', lpad((u * 37 % 99999)::text, 5, '0'),
                 'country', countries[v.k]) END
    FROM generate_series(1, n_users) AS g(u)
    CROSS JOIN LATERAL (
        SELECT 1 + (u * 7 % 32)::int              AS f,
               1 + ((u * 11 + u / 32) % 32)::int  AS l,
               1 + (u % 10)::int                  AS k,
               first_ascii[1 + (u * 7 % 32)::int] || '.' || last_ascii[1 + ((u * 11 + u / 32) % 32)::int] || u AS uname,
               base + u * interval '311 seconds'  AS created
        OFFSET 0  -- keep as a separate node: computed once per row, not inlined at each use
    ) AS v;
    GET DIAGNOSTICS n_step = ROW_COUNT;
    n_done := n_done + n_step;

    -- -----------------------------------------------------------------------
    -- oauth_clients
    -- -----------------------------------------------------------------------
    INSERT INTO oauth_clients (
        id, client_id, client_secret_hash, client_secret_encrypted, client_name, client_type,
        redirect_uris, grant_types, response_types, scope, token_endpoint_auth_method, require_pkce,
        access_token_lifetime, refresh_token_lifetime, rate_limit_rps, max_active_tokens,
        client_uri, logo_uri, tos_uri, policy_uri, contacts, client_name_localized, metadata,
        id_token_signed_response_alg, subject_type, owner_user_id, secret_expires_at, is_active,
        created_at, updated_at)
    SELECT
        md5('gen-clients-' || c)::uuid,
        'app-' || lpad(c::text, 6, '0') || '-' || substr(md5('gen-client-id-' || c), 1, 8),
        CASE WHEN v.public THEN NULL ELSE
            '$argon2id$v=19$m=65536,t=3,p=4$'
            || rtrim(encode(substr(sha256(convert_to('gen-client-salt-' || c, 'UTF8')), 1, 16), 'base64'), '=')
            || '$' || rtrim(encode(sha256(convert_to('gen-client-secret-' || c, 'UTF8')), 'base64'), '=') END,
        CASE WHEN v.public THEN NULL ELSE
            substr(sha256(convert_to('gen-client-iv-' || c, 'UTF8')), 1, 12)
            || sha512(convert_to('gen-client-ct-' || c, 'UTF8'))
            || substr(sha256(convert_to('gen-client-tag-' || c, 'UTF8')), 1, 16) END,
        v.name,
        CASE WHEN v.public THEN 'public' ELSE 'confidential' END::client_type,
        CASE c % 3
            WHEN 0 THEN ARRAY['https://' || v.host || '/callback']
            WHEN 1 THEN ARRAY['https://' || v.host || '/callback', 'https://' || v.host || '/silent-renew']
            ELSE ARRAY['https://' || v.host || '/callback', 'https://' || v.host || '/silent-renew',
                       'http://localhost:' || (3000 + c % 1000) || '/callback'] END,
        CASE WHEN v.m2m THEN ARRAY['client_credentials']
             WHEN c % 4 = 1 THEN ARRAY['authorization_code']
             ELSE ARRAY['authorization_code', 'refresh_token'] END,
        CASE WHEN v.m2m THEN ARRAY[]::text[] ELSE ARRAY['code'] END,
        scope_names[1 + ((c + 0) % 12)::int]
            || CASE WHEN c % 4 >= 1 THEN ' ' || scope_names[1 + ((c + 5) % 12)::int] ELSE '' END
            || CASE WHEN c % 4 >= 2 THEN ' ' || scope_names[1 + ((c + 10) % 12)::int] ELSE '' END
            || CASE WHEN c % 4 >= 3 THEN ' ' || scope_names[1 + ((c + 15) % 12)::int] ELSE '' END,
        CASE WHEN v.public THEN 'none' WHEN c % 2 = 0 THEN 'client_secret_basic' ELSE 'client_secret_post' END,
        v.public OR c % 10 <> 1,
        make_interval(mins => (15 * (1 + c % 8))::int),
        CASE WHEN c % 5 = 0 THEN NULL ELSE make_interval(days => (7 * (1 + c % 8))::int) END,
        ((c * 37) % 100000) / 100.0,
        CASE WHEN c % 3 = 0 THEN NULL ELSE (100 * (1 + c % 50))::int END,
        'https://' || v.host,
        CASE WHEN c % 2 = 0 THEN 'https://' || v.host || '/logo.png' END,
        CASE WHEN c % 4 = 0 THEN 'https://' || v.host || '/terms' END,
        CASE WHEN c % 4 = 0 THEN 'https://' || v.host || '/privacy' END,
        CASE WHEN c % 2 = 0 THEN ARRAY['admin@' || v.host]
             ELSE ARRAY['admin@' || v.host, 'security@' || v.host] END,
        CASE WHEN c % 5 = 0 THEN jsonb_build_object('fr', v.name || ' (FR)', 'de', v.name || ' (DE)', 'ja', v.name || '（日本）') END,
        jsonb_build_object(
            'tier', tiers[1 + (c % 4)::int],
            'tenant_id', c % 97,
            'created_via', CASE WHEN c % 2 = 0 THEN 'dynamic_registration' ELSE 'admin_console' END,
            'features', CASE c % 3 WHEN 0 THEN '["pkce"]'::jsonb
                                   WHEN 1 THEN '["pkce", "par"]'::jsonb
                                   ELSE '["pkce", "par", "dpop"]'::jsonb END),
        (ARRAY['RS256', 'ES256', 'EdDSA'])[1 + (c % 3)::int],
        CASE WHEN c % 7 = 0 THEN 'pairwise' ELSE 'public' END,
        md5('gen-users-' || (1 + (c * 31) % n_users))::uuid,
        CASE WHEN NOT v.public AND c % 4 = 1 THEN v.created + interval '365 days' END,
        c % 19 <> 0,
        v.created,
        v.created + (c % 500) * interval '1 hour'
    FROM generate_series(1, n_clients) AS g(c)
    CROSS JOIN LATERAL (
        SELECT c % 3 = 0                       AS public,
               c % 4 = 0 AND c % 3 <> 0        AS m2m,
               'app' || c || '.example.com'    AS host,
               adjectives[1 + (c % 12)::int] || ' ' || nouns[1 + ((c / 12) % 12)::int] || ' ' || c AS name,
               base + c * interval '3001 seconds' AS created
        OFFSET 0  -- keep as a separate node: computed once per row, not inlined at each use
    ) AS v;
    GET DIAGNOSTICS n_step = ROW_COUNT;
    n_done := n_done + n_step;

    -- -----------------------------------------------------------------------
    -- oauth_scopes (fixed set)
    -- -----------------------------------------------------------------------
    INSERT INTO oauth_scopes (id, scope_name, description, is_default, is_active, display_order, created_at, updated_at)
    SELECT md5('gen-scopes-' || s.k)::uuid, s.name, scope_desc[s.k], false, s.k <> 10, (100 + s.k)::smallint,
           base, base + s.k * interval '1 day'
    FROM unnest(scope_names) WITH ORDINALITY AS s(name, k);
    GET DIAGNOSTICS n_step = ROW_COUNT;
    n_done := n_done + n_step;

    -- -----------------------------------------------------------------------
    -- oauth_client_scopes: client c gets 1 + c % 4 scopes, (c + 5 s) % 12
    -- -----------------------------------------------------------------------
    INSERT INTO oauth_client_scopes (client_id, scope_id, granted_at)
    SELECT md5('gen-clients-' || c)::uuid,
           md5('gen-scopes-' || (1 + (c + 5 * s) % 12))::uuid,
           base + c * interval '3001 seconds' + s * interval '1 minute'
    FROM generate_series(1, n_clients) AS g(c)
    CROSS JOIN generate_series(0, 3) AS x(s)
    WHERE s <= c % 4;
    GET DIAGNOSTICS n_step = ROW_COUNT;
    n_done := n_done + n_step;

    -- -----------------------------------------------------------------------
    -- tokens: groups of three (grp = (i + 2) / 3), all for the same user/client
    --   i % 3 = 1  access token
    --   i % 3 = 2  refresh token issued with it, later rotated (revoked)
    --   i % 3 = 0  replacement refresh token, parent = the rotated one
    -- Every token_value is an RS256 JWT (~700 characters; the 256-byte
    -- signature is a rotation of one fixed signature); token_hash is its SHA-256.
    -- A token carries the first n of its client's scopes (client c holds
    -- (c + 5 s) % 12 for s = 0 .. c % 4). Every 50th group has no user.
    -- -----------------------------------------------------------------------
    INSERT INTO tokens (
        id, token_jti, user_id, client_id, parent_token_id, token_type, token_value, token_hash,
        scope, issued_at, expires_at, revoked, revoked_at, created_at)
    SELECT t.id, t.jti, t.user_id, t.client_id, t.parent_id, t.token_type, t.token_value,
           sha256(convert_to(t.token_value, 'UTF8')),
           t.scope, t.issued_at, t.expires_at, t.revoked, t.revoked_at, t.issued_at
    FROM (
        SELECT
            md5('gen-tokens-' || v.i)::uuid AS id,
            v.jti,
            v.user_id,
            v.client_id,
            CASE WHEN v.i % 3 = 1 THEN NULL ELSE md5('gen-tokens-' || (v.i - 1))::uuid END AS parent_id,
            v.token_type,
            jwt_header || '.' ||
            replace(replace(rtrim(replace(encode(convert_to(
                '{"iss":"https://auth.example.com","sub":"' || coalesce(v.user_id::text, v.client_ident)
                || '","aud":"' || v.client_ident
                || '","iat":' || extract(epoch FROM v.issued_at)::bigint
                || ',"exp":' || extract(epoch FROM v.expires_at)::bigint
                || ',"jti":"' || v.jti
                || '","token_type":"' || v.token_type
                || '","scope":"' || v.scope || '"}', 'UTF8'), 'base64'), E'\n', ''), '='), '+', '-'), '/', '_')
            || '.' || substr(jwt_sig, 1 + v.rot) || substr(jwt_sig, 1, v.rot) AS token_value,
            v.scope,
            v.issued_at,
            v.expires_at,
            CASE v.i % 3 WHEN 1 THEN v.grp % 17 = 0
                         WHEN 2 THEN true
                         ELSE v.grp % 13 = 0 END AS revoked,
            CASE v.i % 3 WHEN 1 THEN CASE WHEN v.grp % 17 = 0 THEN v.t0 + interval '5 minutes' END
                         WHEN 2 THEN v.t0 + interval '55 minutes'
                         ELSE CASE WHEN v.grp % 13 = 0
                                   THEN v.t0 + interval '3 days' + (v.i % 1000000) * interval '1 microsecond' END
            END AS revoked_at
        FROM (
            SELECT a.i, a.grp, a.t0,
                   md5('gen-clients-' || a.c)::uuid AS client_id,
                   'app-' || lpad(a.c::text, 6, '0') || '-' || substr(md5('gen-client-id-' || a.c), 1, 8) AS client_ident,
                   CASE WHEN a.grp % 50 = 0 THEN NULL
                        ELSE md5('gen-users-' || (1 + (a.grp * 7919) % n_users))::uuid END AS user_id,
                   md5('gen-jti-' || a.i) AS jti,
                   CASE WHEN a.i % 3 = 1 THEN 'access' ELSE 'refresh' END AS token_type,
                   scope_names[1 + (a.c % 12)::int]
                       || CASE WHEN a.n >= 2 THEN ' ' || scope_names[1 + ((a.c + 5) % 12)::int] ELSE '' END
                       || CASE WHEN a.n >= 3 THEN ' ' || scope_names[1 + ((a.c + 10) % 12)::int] ELSE '' END
                       || CASE WHEN a.n >= 4 THEN ' ' || scope_names[1 + ((a.c + 15) % 12)::int] ELSE '' END AS scope,
                   CASE a.i % 3 WHEN 0 THEN a.t0 + interval '55 minutes' ELSE a.t0 END AS issued_at,
                   CASE a.i % 3 WHEN 1 THEN a.t0 + interval '1 hour'
                                WHEN 2 THEN a.t0 + interval '30 days'
                                ELSE a.t0 + interval '55 minutes' + interval '30 days' END AS expires_at,
                   ((a.i * 7) % 342)::int AS rot
            FROM (
                SELECT i,
                       (i + 2) / 3 AS grp,
                       1 + (((i + 2) / 3) * 7) % n_clients AS c,
                       1 + least((1 + (((i + 2) / 3) * 7) % n_clients) % 4, ((i + 2) / 3) % 4) AS n,
                       base + ((i + 2) / 3) * interval '97 seconds' + (i % 1000) * interval '1 millisecond' AS t0
                FROM generate_series(1, n_tokens) AS g(i)
            ) AS a
            OFFSET 0  -- keep as a separate node: computed once per row, not inlined at each use
        ) AS v
        OFFSET 0
    ) AS t;
    GET DIAGNOSTICS n_step = ROW_COUNT;
    n_done := n_done + n_step;

    -- -----------------------------------------------------------------------
    -- oauth_token_scopes: access tokens only, same scope list as tokens.scope
    -- -----------------------------------------------------------------------
    INSERT INTO oauth_token_scopes (token_id, scope_id)
    SELECT md5('gen-tokens-' || i)::uuid,
           md5('gen-scopes-' || (1 + (v.cc + 5 * s) % 12))::uuid
    FROM generate_series(1, n_tokens) AS g(i)
    CROSS JOIN LATERAL (
        SELECT 1 + (((i + 2) / 3) * 7) % n_clients AS cc, ((i + 2) / 3) % 4 AS gm
        OFFSET 0  -- keep as a separate node: computed once per row, not inlined at each use
    ) AS v
    CROSS JOIN generate_series(0, 3) AS x(s)
    WHERE i % 3 = 1
      AND s <= least(v.cc % 4, v.gm);
    GET DIAGNOSTICS n_step = ROW_COUNT;
    n_done := n_done + n_step;

    -- -----------------------------------------------------------------------
    -- oauth_authorization_codes
    -- -----------------------------------------------------------------------
    INSERT INTO oauth_authorization_codes (
        id, code, client_id, user_id, redirect_uri, scope, code_challenge, code_challenge_method,
        nonce, state, response_mode, prompt, max_age, acr_values, ui_locales, claims,
        expires_at, used, used_at, created_at)
    SELECT
        md5('gen-codes-' || j)::uuid,
        replace(replace(rtrim(encode(sha256(convert_to('gen-code-' || j, 'UTF8')), 'base64'), '='), '+', '-'), '/', '_'),
        md5('gen-clients-' || v.c)::uuid,
        md5('gen-users-' || (1 + (j * 7907) % n_users))::uuid,
        'https://app' || v.c || '.example.com/callback',
        'openid ' || scope_names[1 + (v.c % 12)::int],
        replace(replace(rtrim(encode(sha256(convert_to('gen-verifier-' || j, 'UTF8')), 'base64'), '='), '+', '-'), '/', '_'),
        'S256',
        CASE WHEN j % 2 = 0 THEN substr(md5('gen-nonce-' || j), 1, 22) END,
        md5('gen-state-' || j),
        (ARRAY['query', 'fragment', 'form_post', NULL])[1 + (j % 4)::int],
        (ARRAY[NULL, 'consent', 'login', NULL, 'none'])[1 + (j % 5)::int],
        CASE WHEN j % 4 = 0 THEN 3600 END,
        CASE WHEN j % 10 = 0 THEN ARRAY['urn:mace:incommon:iap:silver'] END,
        CASE j % 3 WHEN 0 THEN ARRAY['en'] WHEN 1 THEN ARRAY['fr-FR', 'en'] ELSE NULL END,
        CASE WHEN j % 6 = 0 THEN '{"id_token": {"auth_time": {"essential": true}, "acr": null}}'::jsonb END,
        v.created + interval '10 minutes',
        j % 5 <> 0,
        CASE WHEN j % 5 <> 0 THEN v.created + (j % 50) * interval '1 second' END,
        v.created
    FROM generate_series(1, n_codes) AS g(j)
    CROSS JOIN LATERAL (
        SELECT 1 + (j * 11) % n_clients AS c,
               base + j * interval '211 seconds' + (j % 1000000) * interval '1 microsecond' AS created
        OFFSET 0  -- keep as a separate node: computed once per row, not inlined at each use
    ) AS v;
    GET DIAGNOSTICS n_step = ROW_COUNT;
    n_done := n_done + n_step;

    -- -----------------------------------------------------------------------
    -- oidc_jwks_keys: two RSA (one rotated out), one EC P-256, one Ed25519
    -- -----------------------------------------------------------------------
    INSERT INTO oidc_jwks_keys (
        id, kid, key_data, key_type, algorithm, key_use, key_size, curve,
        fingerprint, private_key_encrypted, is_active, created_at, expires_at, rotated_at)
    SELECT
        md5('gen-jwks-' || k)::uuid,
        'authly-gen-key-' || k,
        CASE WHEN k <= 2 THEN jsonb_build_object(
                 'kty', 'RSA', 'use', 'sig', 'alg', 'RS256', 'kid', 'authly-gen-key-' || k, 'e', 'AQAB',
                 'n', replace(replace(rtrim(replace(encode(
                        sha512(convert_to('gen-jwks-n-a-' || k, 'UTF8')) || sha512(convert_to('gen-jwks-n-b-' || k, 'UTF8'))
                        || sha512(convert_to('gen-jwks-n-c-' || k, 'UTF8')) || sha512(convert_to('gen-jwks-n-d-' || k, 'UTF8')),
                        'base64'), E'\n', ''), '='), '+', '-'), '/', '_'))
             WHEN k = 3 THEN jsonb_build_object(
                 'kty', 'EC', 'use', 'sig', 'alg', 'ES256', 'kid', 'authly-gen-key-' || k, 'crv', 'P-256',
                 'x', replace(replace(rtrim(encode(sha256(convert_to('gen-jwks-x-' || k, 'UTF8')), 'base64'), '='), '+', '-'), '/', '_'),
                 'y', replace(replace(rtrim(encode(sha256(convert_to('gen-jwks-y-' || k, 'UTF8')), 'base64'), '='), '+', '-'), '/', '_'))
             ELSE jsonb_build_object(
                 'kty', 'OKP', 'use', 'sig', 'alg', 'EdDSA', 'kid', 'authly-gen-key-' || k, 'crv', 'Ed25519',
                 'x', replace(replace(rtrim(encode(sha256(convert_to('gen-jwks-x-' || k, 'UTF8')), 'base64'), '='), '+', '-'), '/', '_'))
        END,
        (ARRAY['RSA', 'RSA', 'EC', 'OKP'])[k],
        (ARRAY['RS256', 'RS256', 'ES256', 'EdDSA'])[k],
        'sig',
        (ARRAY[2048, 2048, 256, NULL])[k],
        (ARRAY[NULL, NULL, 'P-256', 'Ed25519'])[k],
        sha256(convert_to('gen-jwks-fp-' || k, 'UTF8')),
        sha512(convert_to('gen-jwks-pk-a-' || k, 'UTF8')) || sha512(convert_to('gen-jwks-pk-b-' || k, 'UTF8')),
        k >= 2,
        base + (k - 1) * interval '90 days',
        base + (k - 1) * interval '90 days' + interval '1 year',
        CASE WHEN k = 1 THEN base + interval '90 days' END
    FROM generate_series(1, 4) AS g(k);
    GET DIAGNOSTICS n_step = ROW_COUNT;
    n_done := n_done + n_step;

    -- -----------------------------------------------------------------------
    -- audit_events: whatever is left of the budget
    -- -----------------------------------------------------------------------
    n_audit := greatest(0, total_rows - n_done);

    INSERT INTO audit_events (
        occurred_at, recorded_local, event_type, severity, user_id, client_id, token_id,
        ip_address, user_agent, http_status, latency_ms, bytes_sent, risk_score, metric_value,
        duration_seconds, sample_rate, session_length, tags, rate_limit_window, details, success)
    SELECT
        v.at,
        v.at AT TIME ZONE 'Europe/Oslo',
        ev_types[v.e],
        (CASE WHEN v.e = 2 THEN 2 WHEN v.e IN (5, 8, 10) THEN 1 ELSE 0 END)::smallint,
        CASE WHEN j % 9 = 0 THEN NULL ELSE md5('gen-users-' || (1 + (j * 7919) % n_users))::uuid END,
        CASE WHEN j % 4 = 0 THEN NULL ELSE md5('gen-clients-' || (1 + (j * 13) % n_clients))::uuid END,
        CASE WHEN j % 3 = 0 THEN md5('gen-tokens-' || (1 + (j * 101) % n_tokens))::uuid END,
        CASE WHEN j % 5 = 0
             THEN ('2001:db8:' || to_hex((j % 65536)::int) || '::' || to_hex((j * 7 % 65536)::int))::inet
             ELSE ('10.' || (j / 65536) % 256 || '.' || (j / 256) % 256 || '.' || j % 256)::inet END,
        ev_agents[1 + (j % 6)::int],
        CASE WHEN v.e = 2 THEN (ARRAY[400, 401, 429])[1 + (j % 3)::int]::smallint ELSE ev_statuses[v.e] END,
        (5 + (j * 37) % 2000)::int,
        200 + (j * 7919) % 5000000,
        ((j * 31) % 10000) / 10000.0,
        ((j * 13) % 100000) * 0.125,
        (5 + (j * 37) % 2000) / 1000.0::float8,
        (ARRAY[1.0, 0.5, 0.25, 0.1])[1 + (j % 4)::int]::real,
        CASE WHEN j % 6 = 0 THEN NULL ELSE make_interval(secs => ((j * 17) % 86400)::int) END,
        CASE j % 3 WHEN 0 THEN ARRAY[ev_tags[v.e]]
                   WHEN 1 THEN ARRAY[ev_tags[v.e], 'web']
                   ELSE ARRAY[ev_tags[v.e], 'api', 'v2'] END,
        CASE WHEN j % 10 = 0 THEN NULL ELSE ARRAY[(j % 60)::int, (j * 7 % 100)::int, (j * 13 % 1000)::int] END,
        json_build_object(
            'request_id', md5('gen-request-' || j),
            'method', CASE WHEN v.e IN (6, 7) THEN 'GET' ELSE 'POST' END,
            'path', ev_paths[v.e],
            'mfa', j % 2 = 0),
        CASE WHEN j % 50 = 0 THEN NULL ELSE v.e <> 2 END
    FROM generate_series(1, n_audit) AS g(j)
    CROSS JOIN LATERAL (
        SELECT 1 + (j % 10)::int AS e,
               base + j * interval '13 seconds' + (j % 1000000) * interval '1 microsecond' AS at
        OFFSET 0  -- keep as a separate node: computed once per row, not inlined at each use
    ) AS v
    ORDER BY j;

    -- -----------------------------------------------------------------------
    -- re-create the dropped indexes, then re-add (and so validate) the FKs
    -- -----------------------------------------------------------------------
    FOREACH stmt IN ARRAY idx_restore LOOP
        EXECUTE stmt;
    END LOOP;
    FOREACH stmt IN ARRAY fk_restore LOOP
        EXECUTE stmt;
    END LOOP;
END;
$gen$;

COMMENT ON FUNCTION authly_generate(bigint) IS
    'Deterministically inserts about total_rows rows of realistic Authly data (users, clients, scopes, tokens, codes, keys, audit events).';
