CREATE TABLE "users" (
  "id" TEXT /* uuid */ NOT NULL CHECK (length("id") = 36) DEFAULT (lower(((((((((hex(randomblob(4)) || '-') || hex(randomblob(2))) || '-4') || substr(hex(randomblob(2)), 2)) || '-') || substr('89AB', 1 + (random() & 3), 1)) || substr(hex(randomblob(2)), 2)) || '-') || hex(randomblob(6)))),
  "username" TEXT /* character varying(50) */ NOT NULL,
  "email" TEXT /* character varying(255) */ NOT NULL,
  "password_hash" TEXT /* text */ NOT NULL,
  "created_at" TEXT /* timestamp with time zone */ NOT NULL DEFAULT (rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')),
  "updated_at" TEXT /* timestamp with time zone */ NOT NULL DEFAULT (rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')),
  "last_login" TEXT /* timestamp with time zone */,
  "is_active" INTEGER /* boolean */ NOT NULL CHECK ("is_active" IN (0, 1)) DEFAULT (1),
  "is_verified" INTEGER /* boolean */ NOT NULL CHECK ("is_verified" IN (0, 1)) DEFAULT (0),
  "is_admin" INTEGER /* boolean */ NOT NULL CHECK ("is_admin" IN (0, 1)) DEFAULT (0),
  "requires_password_change" INTEGER /* boolean */ NOT NULL CHECK ("requires_password_change" IN (0, 1)) DEFAULT (0),
  "failed_login_count" INTEGER /* smallint */ NOT NULL DEFAULT (0),
  "given_name" TEXT /* character varying(255) */,
  "family_name" TEXT /* character varying(255) */,
  "middle_name" TEXT /* character varying(255) */,
  "nickname" TEXT /* character varying(255) */,
  "preferred_username" TEXT /* character varying(255) */,
  "profile" TEXT /* text */,
  "picture" TEXT /* text */,
  "website" TEXT /* text */,
  "gender" TEXT /* character varying(32) */,
  "birthdate" TEXT /* date */,
  "zoneinfo" TEXT /* character varying(64) */,
  "locale" TEXT /* character varying(35) */,
  "phone_number" TEXT /* character varying(32) */,
  "phone_number_verified" INTEGER /* boolean */ CHECK ("phone_number_verified" IS NULL OR "phone_number_verified" IN (0, 1)),
  "address" TEXT /* jsonb */ CHECK ("address" IS NULL OR json_valid("address")),
  CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "users_username_key" UNIQUE ("username"),
  CONSTRAINT "users_email_key" UNIQUE ("email"),
  CONSTRAINT "users_username_not_blank" CHECK (length(trim("username")) > 0),
  CONSTRAINT "users_email_has_at" CHECK (instr("email", '@') > 1),
  CONSTRAINT "users_failed_login_count_nonneg" CHECK ("failed_login_count" >= 0),
  CONSTRAINT "users_phone_verified_needs_number" CHECK (("phone_number_verified" IS NOT TRUE) OR ("phone_number" IS NOT NULL))
);

CREATE TABLE "oauth_clients" (
  "id" TEXT /* uuid */ NOT NULL CHECK (length("id") = 36) DEFAULT (lower(((((((((hex(randomblob(4)) || '-') || hex(randomblob(2))) || '-4') || substr(hex(randomblob(2)), 2)) || '-') || substr('89AB', 1 + (random() & 3), 1)) || substr(hex(randomblob(2)), 2)) || '-') || hex(randomblob(6)))),
  "client_id" TEXT /* character varying(255) */ NOT NULL,
  "client_secret_hash" TEXT /* text */,
  "client_secret_encrypted" BLOB /* bytea */,
  "client_name" TEXT /* character varying(255) */ NOT NULL,
  "client_type" TEXT /* client_type */ NOT NULL CHECK ("client_type" IN ('confidential', 'public')) DEFAULT ('confidential'),
  "redirect_uris" TEXT /* text[] */ NOT NULL CHECK (json_valid("redirect_uris") AND json_type("redirect_uris") = 'array' OR "redirect_uris" GLOB '[[]*]=[[]*]') DEFAULT ('[]'),
  "grant_types" TEXT /* text[] */ NOT NULL CHECK (json_valid("grant_types") AND json_type("grant_types") = 'array' OR "grant_types" GLOB '[[]*]=[[]*]') DEFAULT (json_array('authorization_code')),
  "response_types" TEXT /* text[] */ NOT NULL CHECK (json_valid("response_types") AND json_type("response_types") = 'array' OR "response_types" GLOB '[[]*]=[[]*]') DEFAULT (json_array('code')),
  "scope" TEXT /* text */,
  "token_endpoint_auth_method" TEXT /* character varying(50) */ NOT NULL DEFAULT ('client_secret_basic'),
  "require_pkce" INTEGER /* boolean */ NOT NULL CHECK ("require_pkce" IN (0, 1)) DEFAULT (1),
  "access_token_lifetime" TEXT /* interval */ NOT NULL DEFAULT ('PT1H'),
  "refresh_token_lifetime" TEXT /* interval */ DEFAULT ('P30D'),
  "rate_limit_rps" /* numeric(8,2) */,
  "max_active_tokens" INTEGER /* integer */,
  "client_uri" TEXT /* text */,
  "logo_uri" TEXT /* text */,
  "tos_uri" TEXT /* text */,
  "policy_uri" TEXT /* text */,
  "contacts" TEXT /* text[] */ CHECK ("contacts" IS NULL OR json_valid("contacts") AND json_type("contacts") = 'array' OR "contacts" GLOB '[[]*]=[[]*]'),
  "client_name_localized" TEXT /* jsonb */ CHECK ("client_name_localized" IS NULL OR json_valid("client_name_localized")),
  "metadata" TEXT /* jsonb */ NOT NULL CHECK (json_valid("metadata")) DEFAULT ('{}'),
  "id_token_signed_response_alg" TEXT /* character varying(10) */ NOT NULL DEFAULT ('RS256'),
  "subject_type" TEXT /* character varying(10) */ NOT NULL DEFAULT ('public'),
  "owner_user_id" TEXT /* uuid */ CHECK ("owner_user_id" IS NULL OR length("owner_user_id") = 36),
  "secret_expires_at" TEXT /* timestamp with time zone */,
  "is_active" INTEGER /* boolean */ NOT NULL CHECK ("is_active" IN (0, 1)) DEFAULT (1),
  "created_at" TEXT /* timestamp with time zone */ NOT NULL DEFAULT (rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')),
  "updated_at" TEXT /* timestamp with time zone */ NOT NULL DEFAULT (rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')),
  CONSTRAINT "oauth_clients_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "oauth_clients_client_id_key" UNIQUE ("client_id"),
  CONSTRAINT "oauth_clients_owner_user_id_fkey" FOREIGN KEY ("owner_user_id") REFERENCES "users" ("id") ON DELETE SET NULL,
  CONSTRAINT "oauth_clients_secret_for_confidential" CHECK (("client_type" = 'public') OR ("client_secret_hash" IS NOT NULL)),
  CONSTRAINT "oauth_clients_auth_method_check" CHECK ("token_endpoint_auth_method" IN ('client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'none')),
  CONSTRAINT "oauth_clients_subject_type_check" CHECK ("subject_type" IN ('public', 'pairwise')),
  CONSTRAINT "oauth_clients_rate_limit_nonneg" CHECK (("rate_limit_rps" IS NULL) OR ("rate_limit_rps" >= 0))
);

CREATE TABLE "oauth_scopes" (
  "id" TEXT /* uuid */ NOT NULL CHECK (length("id") = 36) DEFAULT (lower(((((((((hex(randomblob(4)) || '-') || hex(randomblob(2))) || '-4') || substr(hex(randomblob(2)), 2)) || '-') || substr('89AB', 1 + (random() & 3), 1)) || substr(hex(randomblob(2)), 2)) || '-') || hex(randomblob(6)))),
  "scope_name" TEXT /* scope_name */ NOT NULL,
  "description" TEXT /* text */,
  "is_default" INTEGER /* boolean */ NOT NULL CHECK ("is_default" IN (0, 1)) DEFAULT (0),
  "is_active" INTEGER /* boolean */ NOT NULL CHECK ("is_active" IN (0, 1)) DEFAULT (1),
  "display_order" INTEGER /* smallint */,
  "created_at" TEXT /* timestamp with time zone */ NOT NULL DEFAULT (rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')),
  "updated_at" TEXT /* timestamp with time zone */ NOT NULL DEFAULT (rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')),
  CONSTRAINT "oauth_scopes_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "oauth_scopes_scope_name_key" UNIQUE ("scope_name"),
  CONSTRAINT "scope_name_scope_name_format" CHECK (("scope_name" GLOB '[0-9A-Za-z]*') AND (substr("scope_name", 2) NOT GLOB '*[^.-:A-Z_a-z-]*'))
);

CREATE TABLE "oauth_client_scopes" (
  "client_id" TEXT /* uuid */ NOT NULL CHECK (length("client_id") = 36),
  "scope_id" TEXT /* uuid */ NOT NULL CHECK (length("scope_id") = 36),
  "granted_at" TEXT /* timestamp with time zone */ NOT NULL DEFAULT (rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')),
  CONSTRAINT "oauth_client_scopes_pkey" PRIMARY KEY ("client_id", "scope_id"),
  CONSTRAINT "oauth_client_scopes_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
  CONSTRAINT "oauth_client_scopes_scope_id_fkey" FOREIGN KEY ("scope_id") REFERENCES "oauth_scopes" ("id") ON DELETE CASCADE
);

CREATE TABLE "tokens" (
  "id" TEXT /* uuid */ NOT NULL CHECK (length("id") = 36) DEFAULT (lower(((((((((hex(randomblob(4)) || '-') || hex(randomblob(2))) || '-4') || substr(hex(randomblob(2)), 2)) || '-') || substr('89AB', 1 + (random() & 3), 1)) || substr(hex(randomblob(2)), 2)) || '-') || hex(randomblob(6)))),
  "token_jti" TEXT /* character varying(64) */ NOT NULL,
  "user_id" TEXT /* uuid */ CHECK ("user_id" IS NULL OR length("user_id") = 36),
  "client_id" TEXT /* uuid */ CHECK ("client_id" IS NULL OR length("client_id") = 36),
  "parent_token_id" TEXT /* uuid */ CHECK ("parent_token_id" IS NULL OR length("parent_token_id") = 36),
  "token_type" TEXT /* character varying(10) */ NOT NULL,
  "token_value" TEXT /* text */ NOT NULL,
  "token_hash" BLOB /* bytea */,
  "scope" TEXT /* text */,
  "issued_at" TEXT /* timestamp with time zone */ NOT NULL DEFAULT (rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')),
  "expires_at" TEXT /* timestamp with time zone */ NOT NULL,
  "revoked" INTEGER /* boolean */ NOT NULL CHECK ("revoked" IN (0, 1)) DEFAULT (0),
  "revoked_at" TEXT /* timestamp with time zone */,
  "created_at" TEXT /* timestamp with time zone */ NOT NULL DEFAULT (rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')),
  CONSTRAINT "tokens_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "tokens_token_jti_key" UNIQUE ("token_jti"),
  CONSTRAINT "tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
  CONSTRAINT "tokens_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
  CONSTRAINT "tokens_parent_token_id_fkey" FOREIGN KEY ("parent_token_id") REFERENCES "tokens" ("id") ON DELETE SET NULL,
  CONSTRAINT "tokens_token_type_check" CHECK ("token_type" IN ('access', 'refresh')),
  CONSTRAINT "tokens_expiry_after_issue" CHECK ("expires_at" > "issued_at"),
  CONSTRAINT "tokens_revoked_at_needs_revoked" CHECK ("revoked" OR ("revoked_at" IS NULL)),
  CONSTRAINT "tokens_has_subject" CHECK (("user_id" IS NOT NULL) OR ("client_id" IS NOT NULL))
);

CREATE TABLE "oauth_token_scopes" (
  "token_id" TEXT /* uuid */ NOT NULL CHECK (length("token_id") = 36),
  "scope_id" TEXT /* uuid */ NOT NULL CHECK (length("scope_id") = 36),
  CONSTRAINT "oauth_token_scopes_pkey" PRIMARY KEY ("token_id", "scope_id"),
  CONSTRAINT "oauth_token_scopes_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "tokens" ("id") ON DELETE CASCADE,
  CONSTRAINT "oauth_token_scopes_scope_id_fkey" FOREIGN KEY ("scope_id") REFERENCES "oauth_scopes" ("id") ON DELETE CASCADE
);

CREATE TABLE "oauth_authorization_codes" (
  "id" TEXT /* uuid */ NOT NULL CHECK (length("id") = 36) DEFAULT (lower(((((((((hex(randomblob(4)) || '-') || hex(randomblob(2))) || '-4') || substr(hex(randomblob(2)), 2)) || '-') || substr('89AB', 1 + (random() & 3), 1)) || substr(hex(randomblob(2)), 2)) || '-') || hex(randomblob(6)))),
  "code" TEXT /* character varying(255) */ NOT NULL,
  "client_id" TEXT /* uuid */ NOT NULL CHECK (length("client_id") = 36),
  "user_id" TEXT /* uuid */ NOT NULL CHECK (length("user_id") = 36),
  "redirect_uri" TEXT /* text */ NOT NULL,
  "scope" TEXT /* text */,
  "code_challenge" TEXT /* character varying(128) */ NOT NULL,
  "code_challenge_method" TEXT /* character varying(10) */ NOT NULL DEFAULT ('S256'),
  "nonce" TEXT /* character varying(255) */,
  "state" TEXT /* character varying(512) */,
  "response_mode" TEXT /* character varying(20) */,
  "prompt" TEXT /* character varying(50) */,
  "max_age" INTEGER /* integer */,
  "acr_values" TEXT /* text[] */ CHECK ("acr_values" IS NULL OR json_valid("acr_values") AND json_type("acr_values") = 'array' OR "acr_values" GLOB '[[]*]=[[]*]'),
  "ui_locales" TEXT /* text[] */ CHECK ("ui_locales" IS NULL OR json_valid("ui_locales") AND json_type("ui_locales") = 'array' OR "ui_locales" GLOB '[[]*]=[[]*]'),
  "claims" TEXT /* jsonb */ CHECK ("claims" IS NULL OR json_valid("claims")),
  "expires_at" TEXT /* timestamp with time zone */ NOT NULL,
  "used" INTEGER /* boolean */ NOT NULL CHECK ("used" IN (0, 1)) DEFAULT (0),
  "used_at" TEXT /* timestamp with time zone */,
  "created_at" TEXT /* timestamp with time zone */ NOT NULL DEFAULT (rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')),
  CONSTRAINT "oauth_authorization_codes_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "oauth_authorization_codes_code_key" UNIQUE ("code"),
  CONSTRAINT "oauth_authorization_codes_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
  CONSTRAINT "oauth_authorization_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
  CONSTRAINT "oauth_authorization_codes_method_check" CHECK ("code_challenge_method" IN ('S256', 'plain')),
  CONSTRAINT "oauth_authorization_codes_challenge_length" CHECK (length("code_challenge") BETWEEN 43 AND 128),
  CONSTRAINT "oauth_authorization_codes_used_at" CHECK ("used" OR ("used_at" IS NULL)),
  CONSTRAINT "oauth_authorization_codes_max_age_nonneg" CHECK (("max_age" IS NULL) OR ("max_age" >= 0))
);

CREATE TABLE "oidc_jwks_keys" (
  "id" TEXT /* uuid */ NOT NULL CHECK (length("id") = 36) DEFAULT (lower(((((((((hex(randomblob(4)) || '-') || hex(randomblob(2))) || '-4') || substr(hex(randomblob(2)), 2)) || '-') || substr('89AB', 1 + (random() & 3), 1)) || substr(hex(randomblob(2)), 2)) || '-') || hex(randomblob(6)))),
  "kid" TEXT /* character varying(255) */ NOT NULL,
  "key_data" TEXT /* jsonb */ NOT NULL CHECK (json_valid("key_data")),
  "key_type" TEXT /* character varying(10) */ NOT NULL,
  "algorithm" TEXT /* character varying(20) */ NOT NULL,
  "key_use" TEXT /* character varying(3) */ NOT NULL DEFAULT ('sig'),
  "key_size" INTEGER /* integer */,
  "curve" TEXT /* character varying(16) */,
  "fingerprint" BLOB /* bytea */ NOT NULL,
  "private_key_encrypted" BLOB /* bytea */,
  "is_active" INTEGER /* boolean */ NOT NULL CHECK ("is_active" IN (0, 1)) DEFAULT (1),
  "created_at" TEXT /* timestamp with time zone */ NOT NULL DEFAULT (rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')),
  "expires_at" TEXT /* timestamp with time zone */,
  "rotated_at" TEXT /* timestamp with time zone */,
  CONSTRAINT "oidc_jwks_keys_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "oidc_jwks_keys_kid_key" UNIQUE ("kid"),
  CONSTRAINT "oidc_jwks_keys_fingerprint_key" UNIQUE ("key_type", "fingerprint"),
  CONSTRAINT "oidc_jwks_keys_key_type_check" CHECK ("key_type" IN ('RSA', 'EC', 'OKP', 'oct')),
  CONSTRAINT "oidc_jwks_keys_key_use_check" CHECK ("key_use" IN ('sig', 'enc')),
  CONSTRAINT "oidc_jwks_keys_key_data_object" CHECK (CASE json_type("key_data") WHEN 'integer' THEN 'number' WHEN 'real' THEN 'number' WHEN 'text' THEN 'string' WHEN 'true' THEN 'boolean' WHEN 'false' THEN 'boolean' ELSE json_type("key_data") END = 'object')
);

CREATE TABLE "audit_events" (
  "id" INTEGER /* bigint */ NOT NULL,
  "occurred_at" TEXT /* timestamp with time zone */ NOT NULL DEFAULT (rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')),
  "recorded_local" TEXT /* timestamp without time zone */,
  "event_type" TEXT /* character varying(64) */ NOT NULL,
  "severity" INTEGER /* smallint */ NOT NULL DEFAULT (0),
  "user_id" TEXT /* uuid */ CHECK ("user_id" IS NULL OR length("user_id") = 36),
  "client_id" TEXT /* uuid */ CHECK ("client_id" IS NULL OR length("client_id") = 36),
  "token_id" TEXT /* uuid */ CHECK ("token_id" IS NULL OR length("token_id") = 36),
  "ip_address" TEXT /* inet */,
  "user_agent" TEXT /* text */,
  "http_status" INTEGER /* smallint */,
  "latency_ms" INTEGER /* integer */,
  "bytes_sent" INTEGER /* bigint */,
  "risk_score" /* numeric(5,4) */,
  "metric_value" /* numeric */,
  "duration_seconds" /* double precision */,
  "sample_rate" /* real */,
  "session_length" TEXT /* interval */,
  "tags" TEXT /* text[] */ NOT NULL CHECK (json_valid("tags") AND json_type("tags") = 'array' OR "tags" GLOB '[[]*]=[[]*]') DEFAULT ('[]'),
  "rate_limit_window" TEXT /* integer[] */ CHECK ("rate_limit_window" IS NULL OR json_valid("rate_limit_window") AND json_type("rate_limit_window") = 'array' OR "rate_limit_window" GLOB '[[]*]=[[]*]'),
  "details" TEXT /* json */ CHECK ("details" IS NULL OR json_valid("details")),
  "success" INTEGER /* boolean */ CHECK ("success" IS NULL OR "success" IN (0, 1)),
  CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "audit_events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL,
  CONSTRAINT "audit_events_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "oauth_clients" ("id") ON DELETE SET NULL,
  CONSTRAINT "audit_events_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "tokens" ("id") ON DELETE SET NULL,
  CONSTRAINT "audit_events_event_type_not_blank" CHECK ("event_type" <> '')
);

CREATE INDEX "users_active_created_idx" ON "users" ("created_at" DESC) WHERE "is_active";

CREATE INDEX "users_admin_idx" ON "users" ("is_admin") WHERE "is_admin";

CREATE INDEX "oauth_clients_owner_idx" ON "oauth_clients" ("owner_user_id");

CREATE INDEX "oauth_clients_active_idx" ON "oauth_clients" ("client_id") WHERE "is_active";

CREATE INDEX "oauth_client_scopes_scope_idx" ON "oauth_client_scopes" ("scope_id");

CREATE INDEX "tokens_user_idx" ON "tokens" ("user_id");

CREATE INDEX "tokens_client_idx" ON "tokens" ("client_id");

CREATE INDEX "tokens_parent_idx" ON "tokens" ("parent_token_id") WHERE "parent_token_id" IS NOT NULL;

CREATE INDEX "tokens_active_idx" ON "tokens" ("user_id", "expires_at") WHERE NOT "revoked";

CREATE INDEX "oauth_token_scopes_scope_idx" ON "oauth_token_scopes" ("scope_id");

CREATE INDEX "oauth_authorization_codes_client_idx" ON "oauth_authorization_codes" ("client_id");

CREATE INDEX "oauth_authorization_codes_user_idx" ON "oauth_authorization_codes" ("user_id");

CREATE INDEX "oauth_authorization_codes_unused_idx" ON "oauth_authorization_codes" ("expires_at") WHERE NOT "used";

CREATE INDEX "oidc_jwks_keys_active_idx" ON "oidc_jwks_keys" ("algorithm", "created_at" DESC) WHERE "is_active";

CREATE INDEX "audit_events_occurred_idx" ON "audit_events" ("occurred_at" DESC);

CREATE INDEX "audit_events_user_idx" ON "audit_events" ("user_id") WHERE "user_id" IS NOT NULL;

CREATE INDEX "audit_events_failures_idx" ON "audit_events" ("occurred_at") WHERE "success" IS FALSE;

CREATE TRIGGER "users_set_updated_at" AFTER UPDATE ON "users" FOR EACH ROW WHEN NOT ("new"."updated_at" IS (SELECT rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')))
BEGIN
    UPDATE "users" SET "updated_at" = (SELECT rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.'))
    WHERE "id" = "new"."id";
END;

CREATE TRIGGER "oauth_clients_set_updated_at" AFTER UPDATE ON "oauth_clients" FOR EACH ROW WHEN NOT ("new"."updated_at" IS (SELECT rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')))
BEGIN
    UPDATE "oauth_clients" SET "updated_at" = (SELECT rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.'))
    WHERE "id" = "new"."id";
END;

CREATE TRIGGER "oauth_scopes_set_updated_at" AFTER UPDATE ON "oauth_scopes" FOR EACH ROW WHEN NOT ("new"."updated_at" IS (SELECT rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')))
BEGIN
    UPDATE "oauth_scopes" SET "updated_at" = (SELECT rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.'))
    WHERE "id" = "new"."id";
END;

CREATE VIEW "active_tokens" ("id", "token_jti", "token_type", "user_id", "username", "client_id", "client_identifier", "scope", "issued_at", "expires_at") AS
SELECT "t"."id" AS "id", "t"."token_jti" AS "token_jti", "t"."token_type" AS "token_type", "t"."user_id" AS "user_id", "u"."username" AS "username", "t"."client_id" AS "client_id", "c"."client_id" AS "client_identifier", "t"."scope" AS "scope", "t"."issued_at" AS "issued_at", "t"."expires_at" AS "expires_at"
FROM "tokens" AS "t"
LEFT JOIN "users" AS "u" ON "u"."id" = "t"."user_id"
LEFT JOIN "oauth_clients" AS "c" ON "c"."id" = "t"."client_id"
WHERE (NOT "t"."revoked") AND ("t"."expires_at" > (SELECT rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', 'now'), '0'), '.')));
-- note: index users_email_lower_idx of public.users not carried over: its exact SQLite translation needs a subquery (e.g. lower() beyond ASCII walks the characters), which SQLite does not allow in an index; queries still answer exactly, without this index [unsupported-index]
-- note: index users_username_lower_idx of public.users not carried over: its exact SQLite translation needs a subquery (e.g. lower() beyond ASCII walks the characters), which SQLite does not allow in an index; queries still answer exactly, without this index [unsupported-index]
-- note: index oauth_clients_metadata_gin of public.oauth_clients not carried over: GIN indexes have no SQLite counterpart (SQLite has b-tree indexes only) [unsupported-index]
-- note: index oauth_clients_grant_types_gin of public.oauth_clients not carried over: GIN indexes have no SQLite counterpart (SQLite has b-tree indexes only) [unsupported-index]
-- note: index audit_events_tags_gin of public.audit_events not carried over: GIN indexes have no SQLite counterpart (SQLite has b-tree indexes only) [unsupported-index]
