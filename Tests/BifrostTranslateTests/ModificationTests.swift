import Foundation
import Testing

/// INSERT / UPDATE / DELETE: each statement runs on PostgreSQL and, translated, on SQLite over
/// the converted authly fixture (inside a rolled-back transaction), through the corpus harness;
/// RETURNING rows and the table's state afterwards are compared.
@Suite struct ModificationTests {
    private func run(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try runCorpusCases(text, file: "ModificationTests", sourceLocation: sourceLocation)
    }

    @Test func insertValues() throws {
        try run("""
        -- case: multi-row-values-with-default
        -- order: unordered
        -- dml-table: audit_events(event_type, severity, recorded_local, risk_score, tags)
        INSERT INTO audit_events (event_type, severity, recorded_local, risk_score, tags)
        VALUES ('a', DEFAULT, '2024-01-01 10:00', 0.12345, DEFAULT), ('b', 3, DEFAULT, 1, ARRAY['x', NULL])
        RETURNING event_type, severity, recorded_local, risk_score, tags;
        -- case: timestamptz-literal-converted-to-utc
        -- order: unordered
        -- dml-table: audit_events(event_type, occurred_at)
        INSERT INTO audit_events (event_type, occurred_at) VALUES ('tz', '2024-01-01 10:00+02') RETURNING occurred_at;
        -- case: numeric-rounded-to-column-scale
        -- order: unordered
        -- dml-table: audit_events(event_type, risk_score, severity)
        INSERT INTO audit_events (event_type, risk_score, severity) VALUES ('n', 0.123456, 2.5) RETURNING risk_score, severity;
        -- case: insert-select-converts-values
        -- order: unordered
        -- dml-table: audit_events(event_type, severity, http_status)
        INSERT INTO audit_events (event_type, severity, http_status)
        SELECT 'copy-' || event_type, severity / 2.0, 200 FROM audit_events WHERE severity > 0
        RETURNING event_type, severity;
        -- case: generated-always-identity-refused
        -- refuse: generated-always GENERATED ALWAYS
        INSERT INTO audit_events (id, event_type) VALUES (100, 'x');
        -- case: overriding-system-value
        -- order: unordered
        -- dml-table: audit_events(id, event_type)
        INSERT INTO audit_events (id, event_type) OVERRIDING SYSTEM VALUE VALUES (100, 'x') RETURNING id;
        """)
    }

    @Test func onConflict() throws {
        try run("""
        -- case: on-conflict-on-constraint-do-update
        -- order: unordered
        -- dml-table: oauth_scopes(scope_name, description, display_order)
        INSERT INTO oauth_scopes (scope_name, description, display_order) VALUES ('openid', 'again', 7)
        ON CONFLICT ON CONSTRAINT oauth_scopes_scope_name_key
        DO UPDATE SET description = EXCLUDED.description || '!', display_order = oauth_scopes.display_order + 1
        RETURNING scope_name, description, display_order;
        -- case: on-conflict-columns-do-nothing
        -- order: unordered
        -- dml-table: oauth_scopes(scope_name, description)
        INSERT INTO oauth_scopes (scope_name, description) VALUES ('openid', 'x'), ('brand-new', 'y')
        ON CONFLICT (scope_name) DO NOTHING RETURNING scope_name, description;
        -- case: on-conflict-update-where
        -- order: unordered
        -- dml-table: oauth_scopes(scope_name, description)
        INSERT INTO oauth_scopes AS s (scope_name, description) VALUES ('openid', 'changed')
        ON CONFLICT (scope_name) DO UPDATE SET description = EXCLUDED.description WHERE s.is_default
        RETURNING s.scope_name, s.description;
        """)
    }

    @Test func updateAndDelete() throws {
        try run("""
        -- case: update-multi-column-assignment
        -- order: unordered
        -- dml-table: users(username, nickname, failed_login_count)
        UPDATE users SET (nickname, failed_login_count) = ('nick', failed_login_count + 1) WHERE is_admin
        RETURNING username, nickname, failed_login_count;
        -- case: update-from
        -- order: unordered
        -- dml-table: tokens(token_jti, scope)
        UPDATE tokens t SET scope = c.client_id FROM oauth_clients c WHERE c.id = t.client_id AND NOT t.revoked
        RETURNING t.token_jti, t.scope;
        -- case: update-returning-trigger-column-refused
        -- refuse: trigger-returning updated_at
        UPDATE users SET nickname = 'x' RETURNING updated_at;
        -- case: delete-using
        -- order: unordered
        -- dml-table: oauth_token_scopes
        -- params: ["openid"]
        DELETE FROM oauth_token_scopes ts USING oauth_scopes s
        WHERE s.id = ts.scope_id AND s.scope_name = $1 RETURNING ts.token_id;
        -- case: delete-with-cte
        -- order: unordered
        -- dml-table: tokens(token_jti)
        WITH old AS (SELECT id FROM tokens WHERE revoked)
        DELETE FROM tokens WHERE id IN (SELECT id FROM old) AND parent_token_id IS NULL RETURNING token_jti;
        """)
    }
}
