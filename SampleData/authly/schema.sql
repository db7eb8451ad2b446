-- Bifrost sample data: Authly-style schema (OAuth 2.1 / OpenID Connect server).
--
-- Target: PostgreSQL 15, no extensions (gen_random_uuid() is in core).
-- Loads into an empty database with a single simple-query message (one PQexec):
-- plain SQL only, no psql meta-commands, no COPY ... FROM stdin.
-- Everything lives in schema public.
--
-- Feature checklist (what a converter has to cope with):
--   uuid PKs with gen_random_uuid() defaults, bigint identity PK, composite PKs,
--   jsonb and json, text[] with ARRAY[...] defaults, integer[], boolean,
--   smallint/integer/bigint, numeric(p,s) and unconstrained numeric, real,
--   double precision, varchar(n), text, timestamptz, timestamp, date, interval,
--   bytea, inet, an ENUM type, a DOMAIN with CHECK, CHECK/UNIQUE constraints,
--   FKs with ON DELETE CASCADE / SET NULL (incl. a self reference), partial,
--   expression and GIN indexes, a PL/pgSQL trigger function, a view, comments.

-- ---------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------

CREATE TYPE client_type AS ENUM ('confidential', 'public');

-- OAuth scope token: RFC 6749 allows a wide character set; Authly keeps
-- scope names to a conservative ASCII subset.
CREATE DOMAIN scope_name AS varchar(100)
    CONSTRAINT scope_name_format CHECK (VALUE ~ '^[A-Za-z0-9][A-Za-z0-9:._/-]*$');

-- ---------------------------------------------------------------------------
-- Trigger function
-- ---------------------------------------------------------------------------

CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$fn$;

-- ---------------------------------------------------------------------------
-- users
-- ---------------------------------------------------------------------------

CREATE TABLE users (
    id                       uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    username                 varchar(50)  NOT NULL,
    email                    varchar(255) NOT NULL,
    password_hash            text         NOT NULL,
    created_at               timestamptz  NOT NULL DEFAULT now(),
    updated_at               timestamptz  NOT NULL DEFAULT now(),
    last_login               timestamptz,
    is_active                boolean      NOT NULL DEFAULT true,
    is_verified              boolean      NOT NULL DEFAULT false,
    is_admin                 boolean      NOT NULL DEFAULT false,
    requires_password_change boolean      NOT NULL DEFAULT false,
    failed_login_count       smallint     NOT NULL DEFAULT 0,
    -- OIDC standard claims (OpenID Connect Core 1.0, section 5.1)
    given_name               varchar(255),
    family_name              varchar(255),
    middle_name              varchar(255),
    nickname                 varchar(255),
    preferred_username       varchar(255),
    profile                  text,
    picture                  text,
    website                  text,
    gender                   varchar(32),
    birthdate                date,
    zoneinfo                 varchar(64),
    locale                   varchar(35),
    phone_number             varchar(32),
    phone_number_verified    boolean,
    address                  jsonb,
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_username_not_blank CHECK (length(btrim(username)) > 0),
    CONSTRAINT users_email_has_at CHECK (position('@' IN email) > 1),
    CONSTRAINT users_failed_login_count_nonneg CHECK (failed_login_count >= 0),
    CONSTRAINT users_phone_verified_needs_number
        CHECK (phone_number_verified IS NOT TRUE OR phone_number IS NOT NULL)
);

CREATE INDEX users_email_lower_idx ON users (lower(email));
CREATE INDEX users_username_lower_idx ON users (lower(username));
CREATE INDEX users_active_created_idx ON users (created_at DESC) WHERE is_active;
CREATE INDEX users_admin_idx ON users (is_admin) WHERE is_admin;

CREATE TRIGGER users_set_updated_at
    BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

COMMENT ON TABLE users IS 'End users (resource owners) with their OIDC profile claims.';
COMMENT ON COLUMN users.address IS 'OIDC address claim as a JSON object (formatted, street_address, locality, region, postal_code, country).';

-- ---------------------------------------------------------------------------
-- oauth_clients
-- ---------------------------------------------------------------------------

CREATE TABLE oauth_clients (
    id                         uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    client_id                  varchar(255)  NOT NULL,
    client_secret_hash         text,
    client_secret_encrypted    bytea,
    client_name                varchar(255)  NOT NULL,
    client_type                client_type   NOT NULL DEFAULT 'confidential',
    redirect_uris              text[]        NOT NULL DEFAULT ARRAY[]::text[],
    grant_types                text[]        NOT NULL DEFAULT ARRAY['authorization_code'],
    response_types             text[]        NOT NULL DEFAULT ARRAY['code'],
    scope                      text,
    token_endpoint_auth_method varchar(50)   NOT NULL DEFAULT 'client_secret_basic',
    require_pkce               boolean       NOT NULL DEFAULT true,
    access_token_lifetime      interval      NOT NULL DEFAULT interval '1 hour',
    refresh_token_lifetime     interval      DEFAULT interval '30 days',
    rate_limit_rps             numeric(8,2),
    max_active_tokens          integer,
    client_uri                 text,
    logo_uri                   text,
    tos_uri                    text,
    policy_uri                 text,
    contacts                   text[],
    client_name_localized      jsonb,
    metadata                   jsonb         NOT NULL DEFAULT '{}'::jsonb,
    id_token_signed_response_alg varchar(10) NOT NULL DEFAULT 'RS256',
    subject_type               varchar(10)   NOT NULL DEFAULT 'public',
    owner_user_id              uuid          REFERENCES users (id) ON DELETE SET NULL,
    secret_expires_at          timestamptz,
    is_active                  boolean       NOT NULL DEFAULT true,
    created_at                 timestamptz   NOT NULL DEFAULT now(),
    updated_at                 timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT oauth_clients_client_id_key UNIQUE (client_id),
    CONSTRAINT oauth_clients_secret_for_confidential
        CHECK (client_type = 'public' OR client_secret_hash IS NOT NULL),
    CONSTRAINT oauth_clients_auth_method_check
        CHECK (token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post',
                                              'client_secret_jwt', 'private_key_jwt', 'none')),
    CONSTRAINT oauth_clients_subject_type_check CHECK (subject_type IN ('public', 'pairwise')),
    CONSTRAINT oauth_clients_rate_limit_nonneg CHECK (rate_limit_rps IS NULL OR rate_limit_rps >= 0)
);

CREATE INDEX oauth_clients_owner_idx ON oauth_clients (owner_user_id);
CREATE INDEX oauth_clients_active_idx ON oauth_clients (client_id) WHERE is_active;
CREATE INDEX oauth_clients_metadata_gin ON oauth_clients USING gin (metadata jsonb_path_ops);
CREATE INDEX oauth_clients_grant_types_gin ON oauth_clients USING gin (grant_types);

CREATE TRIGGER oauth_clients_set_updated_at
    BEFORE UPDATE ON oauth_clients
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

COMMENT ON TABLE oauth_clients IS 'Registered OAuth 2.1 / OIDC relying parties.';
COMMENT ON COLUMN oauth_clients.access_token_lifetime IS 'Lifetime of access tokens issued to this client; may be any interval, including zero.';

-- ---------------------------------------------------------------------------
-- oauth_scopes
-- ---------------------------------------------------------------------------

CREATE TABLE oauth_scopes (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    scope_name    scope_name  NOT NULL,
    description   text,
    is_default    boolean     NOT NULL DEFAULT false,
    is_active     boolean     NOT NULL DEFAULT true,
    display_order smallint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT oauth_scopes_scope_name_key UNIQUE (scope_name)
);

CREATE TRIGGER oauth_scopes_set_updated_at
    BEFORE UPDATE ON oauth_scopes
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- oauth_client_scopes (join table)
-- ---------------------------------------------------------------------------

CREATE TABLE oauth_client_scopes (
    client_id  uuid        NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
    scope_id   uuid        NOT NULL REFERENCES oauth_scopes (id) ON DELETE CASCADE,
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, scope_id)
);

CREATE INDEX oauth_client_scopes_scope_idx ON oauth_client_scopes (scope_id);

-- ---------------------------------------------------------------------------
-- tokens
-- ---------------------------------------------------------------------------

CREATE TABLE tokens (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    token_jti       varchar(64) NOT NULL,
    user_id         uuid        REFERENCES users (id) ON DELETE CASCADE,
    client_id       uuid        REFERENCES oauth_clients (id) ON DELETE CASCADE,
    parent_token_id uuid        REFERENCES tokens (id) ON DELETE SET NULL,
    token_type      varchar(10) NOT NULL,
    token_value     text        NOT NULL,
    token_hash      bytea,
    scope           text,
    issued_at       timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    revoked         boolean     NOT NULL DEFAULT false,
    revoked_at      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tokens_token_jti_key UNIQUE (token_jti),
    CONSTRAINT tokens_token_type_check CHECK (token_type IN ('access', 'refresh')),
    CONSTRAINT tokens_expiry_after_issue CHECK (expires_at > issued_at),
    CONSTRAINT tokens_revoked_at_needs_revoked CHECK (revoked OR revoked_at IS NULL),
    CONSTRAINT tokens_has_subject CHECK (user_id IS NOT NULL OR client_id IS NOT NULL)
);

CREATE INDEX tokens_user_idx ON tokens (user_id);
CREATE INDEX tokens_client_idx ON tokens (client_id);
CREATE INDEX tokens_parent_idx ON tokens (parent_token_id) WHERE parent_token_id IS NOT NULL;
CREATE INDEX tokens_active_idx ON tokens (user_id, expires_at) WHERE NOT revoked;

COMMENT ON TABLE tokens IS 'Issued access and refresh tokens; refresh rotation links a token to its parent.';
COMMENT ON COLUMN tokens.token_hash IS 'SHA-256 of token_value, used for constant-time lookups.';

-- ---------------------------------------------------------------------------
-- oauth_token_scopes (join table)
-- ---------------------------------------------------------------------------

CREATE TABLE oauth_token_scopes (
    token_id uuid NOT NULL REFERENCES tokens (id) ON DELETE CASCADE,
    scope_id uuid NOT NULL REFERENCES oauth_scopes (id) ON DELETE CASCADE,
    PRIMARY KEY (token_id, scope_id)
);

CREATE INDEX oauth_token_scopes_scope_idx ON oauth_token_scopes (scope_id);

-- ---------------------------------------------------------------------------
-- oauth_authorization_codes
-- ---------------------------------------------------------------------------

CREATE TABLE oauth_authorization_codes (
    id                    uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    code                  varchar(255) NOT NULL,
    client_id             uuid         NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
    user_id               uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    redirect_uri          text         NOT NULL,
    scope                 text,
    code_challenge        varchar(128) NOT NULL,
    code_challenge_method varchar(10)  NOT NULL DEFAULT 'S256',
    nonce                 varchar(255),
    state                 varchar(512),
    response_mode         varchar(20),
    prompt                varchar(50),
    max_age               integer,
    acr_values            text[],
    ui_locales            text[],
    claims                jsonb,
    expires_at            timestamptz  NOT NULL,
    used                  boolean      NOT NULL DEFAULT false,
    used_at               timestamptz,
    created_at            timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT oauth_authorization_codes_code_key UNIQUE (code),
    CONSTRAINT oauth_authorization_codes_method_check CHECK (code_challenge_method IN ('S256', 'plain')),
    CONSTRAINT oauth_authorization_codes_challenge_length
        CHECK (char_length(code_challenge) BETWEEN 43 AND 128),
    CONSTRAINT oauth_authorization_codes_used_at CHECK (used OR used_at IS NULL),
    CONSTRAINT oauth_authorization_codes_max_age_nonneg CHECK (max_age IS NULL OR max_age >= 0)
);

CREATE INDEX oauth_authorization_codes_client_idx ON oauth_authorization_codes (client_id);
CREATE INDEX oauth_authorization_codes_user_idx ON oauth_authorization_codes (user_id);
CREATE INDEX oauth_authorization_codes_unused_idx ON oauth_authorization_codes (expires_at) WHERE NOT used;

-- ---------------------------------------------------------------------------
-- oidc_jwks_keys
-- ---------------------------------------------------------------------------

CREATE TABLE oidc_jwks_keys (
    id                    uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    kid                   varchar(255) NOT NULL,
    key_data              jsonb        NOT NULL,
    key_type              varchar(10)  NOT NULL,
    algorithm             varchar(20)  NOT NULL,
    key_use               varchar(3)   NOT NULL DEFAULT 'sig',
    key_size              integer,
    curve                 varchar(16),
    fingerprint           bytea        NOT NULL,
    private_key_encrypted bytea,
    is_active             boolean      NOT NULL DEFAULT true,
    created_at            timestamptz  NOT NULL DEFAULT now(),
    expires_at            timestamptz,
    rotated_at            timestamptz,
    CONSTRAINT oidc_jwks_keys_kid_key UNIQUE (kid),
    CONSTRAINT oidc_jwks_keys_fingerprint_key UNIQUE (key_type, fingerprint),
    CONSTRAINT oidc_jwks_keys_key_type_check CHECK (key_type IN ('RSA', 'EC', 'OKP', 'oct')),
    CONSTRAINT oidc_jwks_keys_key_use_check CHECK (key_use IN ('sig', 'enc')),
    CONSTRAINT oidc_jwks_keys_key_data_object CHECK (jsonb_typeof(key_data) = 'object')
);

CREATE INDEX oidc_jwks_keys_active_idx ON oidc_jwks_keys (algorithm, created_at DESC) WHERE is_active;

-- ---------------------------------------------------------------------------
-- audit_events
-- ---------------------------------------------------------------------------

CREATE TABLE audit_events (
    id                bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at       timestamptz  NOT NULL DEFAULT now(),
    recorded_local    timestamp,
    event_type        varchar(64)  NOT NULL,
    severity          smallint     NOT NULL DEFAULT 0,
    user_id           uuid         REFERENCES users (id) ON DELETE SET NULL,
    client_id         uuid         REFERENCES oauth_clients (id) ON DELETE SET NULL,
    token_id          uuid         REFERENCES tokens (id) ON DELETE SET NULL,
    ip_address        inet,
    user_agent        text,
    http_status       smallint,
    latency_ms        integer,
    bytes_sent        bigint,
    risk_score        numeric(5,4),
    metric_value      numeric,
    duration_seconds  double precision,
    sample_rate       real,
    session_length    interval,
    tags              text[]       NOT NULL DEFAULT ARRAY[]::text[],
    rate_limit_window integer[],
    details           json,
    success           boolean,
    CONSTRAINT audit_events_event_type_not_blank CHECK (event_type <> '')
);

CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at DESC);
CREATE INDEX audit_events_user_idx ON audit_events (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX audit_events_failures_idx ON audit_events (occurred_at) WHERE success IS FALSE;
CREATE INDEX audit_events_tags_gin ON audit_events USING gin (tags);

COMMENT ON TABLE audit_events IS 'Append-only security audit log.';
COMMENT ON COLUMN audit_events.details IS 'Raw request details exactly as received (plain json: whitespace and duplicate keys are preserved).';

-- ---------------------------------------------------------------------------
-- Views
-- ---------------------------------------------------------------------------

CREATE VIEW active_tokens AS
SELECT t.id,
       t.token_jti,
       t.token_type,
       t.user_id,
       u.username,
       t.client_id,
       c.client_id AS client_identifier,
       t.scope,
       t.issued_at,
       t.expires_at
FROM tokens t
LEFT JOIN users u ON u.id = t.user_id
LEFT JOIN oauth_clients c ON c.id = t.client_id
WHERE NOT t.revoked
  AND t.expires_at > now();

COMMENT ON VIEW active_tokens IS 'Tokens that are neither revoked nor expired at query time.';
