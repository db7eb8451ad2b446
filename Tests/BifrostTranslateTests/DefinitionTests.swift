import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostTestSupport
@testable import BifrostTranslate
import Foundation
import Testing

/// Schema translation: the SQLite DDL of SampleData/authly (golden text, regenerated with
/// BIFROST_UPDATE_GOLDEN=1), and its behaviour in the file `convert` writes compared with
/// PostgreSQL's: defaults, CHECKs, the updated_at triggers, indexes and the view.
@Suite struct DefinitionTests {
    static let goldenPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/authly.sql").path

    @Test func authlySchemaScriptMatchesTheGoldenText() throws {
        let translation = try Translator(schema: nil).translateSchema(
            try String(contentsOfFile: SampleData.authly("schema.sql"), encoding: .utf8))
        let text = translation.script + translation.notes.map { "-- note: \($0)\n" }.joined()
        if ProcessInfo.processInfo.environment["BIFROST_UPDATE_GOLDEN"] != nil {
            try text.write(toFile: Self.goldenPath, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: Self.goldenPath, encoding: .utf8)
        #expect(text == golden, "translated DDL differs from Golden/authly.sql (BIFROST_UPDATE_GOLDEN=1 regenerates it)")
        // The script runs in SQLite.
        let sqlite = try SQLiteConnection(path: ":memory:")
        for table in translation.tables { try sqlite.execute(table.sql) }
        for statement in translation.afterData where statement.kind != .index || !statement.sql.contains("replace(") {
            try sqlite.execute(statement.sql)
        }
    }

    @Test func scriptReaderReadsTheModelTheDatabaseHas() throws {
        let model = try SQLSchemaReader().read(try String(contentsOfFile: SampleData.authly("schema.sql"), encoding: .utf8))
        let users = try #require(model.tables.first { $0.name.name == "users" })
        #expect(users.primaryKey?.name == "users_pkey")
        #expect(users.column("id")?.defaultExpression?.sql == "gen_random_uuid()")
        #expect(users.column("email")?.type.declaration == "character varying(255)")
        #expect(users.triggers.first?.function?.name == "set_updated_at")
        #expect(users.indexes.contains { $0.name == "users_active_created_idx" && $0.predicate?.sql == "is_active" })
        let audit = try #require(model.tables.first { $0.name.name == "audit_events" })
        #expect(audit.column("id")?.identity?.generation == .always)
        #expect(audit.column("risk_score")?.type.numericScale == 4)
        let scopes = try #require(model.tables.first { $0.name.name == "oauth_scopes" })
        #expect(scopes.column("scope_name")?.type.domainBases.first?.name == "varchar")
        #expect(model.views.first?.columns.count == 10)
        #expect(model.functions.first?.language == "plpgsql")
    }

    // MARK: The converted file

    /// A private copy of the converted authly file and a PostgreSQL connection to the same data.
    private func sides() throws -> (PostgresConnection, SQLiteConnection, Translator) {
        let environment = try CorpusEnvironment.shared.get()
        let path = environment.directory + "/definition-\(UUID().uuidString).sqlite"
        try FileManager.default.copyItem(atPath: environment.sqliteTemplate, toPath: path)
        let sqlite = try SQLiteConnection(path: path)
        try sqlite.execute("PRAGMA foreign_keys = ON")
        return (try environment.postgresConnection(), sqlite,
                Translator(schema: environment.schema, options: TranslationOptions(databaseCollation: environment.collation)))
    }

    private func sqliteRun(_ translator: Translator, _ sqlite: SQLiteConnection, _ sql: String) throws -> [[SQLiteValue]] {
        let translation = try translator.translate(sql)
        var rows: [[SQLiteValue]] = []
        for statement in translation.statements { rows = try sqlite.query(statement.sql) }
        return rows
    }

    @Test func updateMovesUpdatedAtInStorageFormat() throws {
        let (_, sqlite, translator) = try sides()
        let before = try sqlite.query("SELECT updated_at FROM users WHERE username = 'admin'")
        _ = try sqliteRun(translator, sqlite, "UPDATE users SET nickname = 'boss' WHERE username = 'admin'")
        let after = try sqlite.query("SELECT updated_at, updated_at > ?1 FROM users WHERE username = 'admin'", [before[0][0]])
        guard case let .text(stamp) = after[0][0] else { Issue.record("updated_at is \(after[0][0])"); return }
        #expect(stamp.range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d*[1-9])?$"#, options: .regularExpression) != nil)
        #expect(after[0][1] == .integer(1))
        // With recursive triggers on, the trigger's own update does not fire it again.
        try sqlite.execute("PRAGMA recursive_triggers = ON")
        _ = try sqliteRun(translator, sqlite, "UPDATE users SET nickname = 'chief' WHERE username = 'admin'")
        #expect(try sqlite.query("SELECT nickname FROM users WHERE username = 'admin'")[0][0] == .text("chief"))
    }

    @Test func insertedRowsGetV4UUIDsAndPostgresDefaults() throws {
        let (postgres, sqlite, translator) = try sides()
        let insert = "INSERT INTO oauth_clients (client_id, client_name, client_secret_hash) VALUES ('defaults-test', 'D', 'h')"
        let columns = "client_type, redirect_uris, grant_types, response_types, access_token_lifetime, refresh_token_lifetime, "
            + "metadata, require_pkce, is_active, token_endpoint_auth_method, id_token_signed_response_alg, subject_type"
        try postgres.execute("BEGIN")
        defer { _ = try? postgres.execute("ROLLBACK") }
        try postgres.execute(insert)
        let expected = try postgres.query("SELECT client_type::text, array_to_json(redirect_uris)::text, array_to_json(grant_types)::text, "
            + "array_to_json(response_types)::text, access_token_lifetime::text, refresh_token_lifetime::text, metadata::text, "
            + "require_pkce::int::text, is_active::int::text, token_endpoint_auth_method, id_token_signed_response_alg, subject_type "
            + "FROM oauth_clients WHERE client_id = 'defaults-test'").rows[0]
        _ = try sqliteRun(translator, sqlite, insert)
        let stored = try sqlite.query("SELECT \(columns), id FROM oauth_clients WHERE client_id = 'defaults-test'")[0]
        for (index, value) in expected.enumerated() {
            let text: String? = {
                switch stored[index] {
                case let .text(text): return text
                case let .integer(number): return String(number)
                default: return nil
                }
            }()
            #expect(text == value, "column \(index) of \(columns)")
        }
        guard case let .text(id) = stored[expected.count] else { Issue.record("id is \(stored[expected.count])"); return }
        #expect(id.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression) != nil)
        let created = try sqlite.query("SELECT created_at FROM oauth_clients WHERE client_id = 'defaults-test'")[0][0]
        guard case let .text(stamp) = created else { Issue.record("created_at is \(created)"); return }
        #expect(stamp.range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d*[1-9])?$"#, options: .regularExpression) != nil)
    }

    @Test func checksRejectWhatPostgresRejects() throws {
        let (postgres, sqlite, translator) = try sides()
        let rejected = [
            "UPDATE users SET username = '   ' WHERE username = 'admin'",
            "UPDATE users SET email = '@nowhere' WHERE username = 'admin'",
            "UPDATE users SET failed_login_count = -1 WHERE username = 'admin'",
            "UPDATE users SET phone_number_verified = true, phone_number = NULL WHERE username = 'admin'",
            "UPDATE oauth_clients SET token_endpoint_auth_method = 'magic'",
            "UPDATE oauth_clients SET client_type = 'confidential', client_secret_hash = NULL",
            "UPDATE oauth_clients SET rate_limit_rps = -1",
            "UPDATE oauth_scopes SET scope_name = '-bad'",
            "UPDATE oauth_scopes SET scope_name = 'a b' WHERE scope_name = 'openid'",
            "UPDATE tokens SET token_type = 'id'",
            "UPDATE tokens SET expires_at = issued_at",
            "UPDATE tokens SET revoked = false, revoked_at = '2024-01-01'",
            "UPDATE oauth_authorization_codes SET code_challenge = 'short'",
            "UPDATE oidc_jwks_keys SET key_data = '[1]'",
            "UPDATE audit_events SET event_type = ''",
        ]
        let accepted = [
            "UPDATE oauth_scopes SET scope_name = scope_name || ':x/y-z.w_v'",
            "UPDATE users SET phone_number_verified = false, phone_number = NULL WHERE username = 'admin'",
        ]
        for (statement, shouldFail) in rejected.map({ ($0, true) }) + accepted.map({ ($0, false) }) {
            try postgres.execute("BEGIN")
            let postgresFailed = (try? postgres.execute(statement)) == nil
            _ = try? postgres.execute("ROLLBACK")
            try sqlite.execute("SAVEPOINT s")
            let sqliteFailed = (try? sqliteRun(translator, sqlite, statement)) == nil
            try sqlite.execute("ROLLBACK TO s")
            try sqlite.execute("RELEASE s")
            #expect(postgresFailed == shouldFail, "PostgreSQL: \(statement)")
            #expect(sqliteFailed == shouldFail, "SQLite: \(statement)")
        }
    }

    @Test func partialAndExpressionIndexesAreUsed() throws {
        let (_, sqlite, translator) = try sides()
        let cases = [
            ("SELECT token_jti FROM tokens WHERE parent_token_id = 'e1000000-0000-4000-8000-000000000001'", "tokens_parent_idx"),
            ("SELECT kid FROM oidc_jwks_keys WHERE is_active AND algorithm = 'RS256'", "oidc_jwks_keys_active_idx"),
            ("SELECT code FROM oauth_authorization_codes WHERE NOT used AND expires_at < '2030-01-01'", "oauth_authorization_codes_unused_idx"),
        ]
        for (query, index) in cases {
            let sql = try translator.translate(query).statements[0].sql
            let plan = try sqlite.query("EXPLAIN QUERY PLAN " + sql).map { row in
                row.compactMap { if case let .text(text) = $0 { text } else { nil } }.joined(separator: " ")
            }.joined(separator: "\n")
            #expect(plan.contains(index), "\(query)\n\(plan)")
        }
    }

    @Test func viewReturnsThePostgresRows() throws {
        let (postgres, sqlite, _) = try sides()
        let expected = try postgres.query("SELECT id::text, token_jti, username, client_identifier FROM active_tokens ORDER BY token_jti")
            .rows.map { $0.map { $0 ?? "NULL" } }
        let actual = try sqlite.query("SELECT id, token_jti, username, client_identifier FROM active_tokens ORDER BY token_jti")
            .map { row in row.map { value -> String in if case let .text(text) = value { text } else { "NULL" } } }
        #expect(actual == expected)
        #expect(!expected.isEmpty)
    }

    @Test func plpgsqlShapesBecomeSQLiteTriggers() throws {
        let schema = try SQLSchemaReader().read("""
            CREATE TABLE t (id integer PRIMARY KEY, name text, n integer, touched timestamptz);
            CREATE FUNCTION guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.n < 0 THEN
                    RAISE EXCEPTION 'n must not be negative';
                ELSIF NEW.n IS NULL THEN
                    NEW.n := 0;
                ELSE
                    NEW.name := NEW.name || '!';
                END IF;
                NEW.touched := '2024-01-01 12:00+01';
                RETURN NEW;
            END $$;
            CREATE TRIGGER t_guard BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION guard();
            """)
        let translation = SchemaTranslator(schema: schema).translate(try schema.tables.map {
            try MappingPlanner().plan($0, sqliteName: $0.name.name)
        })
        let sqlite = try SQLiteConnection(path: ":memory:")
        for table in translation.tables { try sqlite.execute(table.sql) }
        for statement in translation.afterData { try sqlite.execute(statement.sql) }
        try sqlite.execute("INSERT INTO t (id, name, n) VALUES (1, 'abc', 5), (2, 'def', NULL)")
        #expect(throws: (any Error).self) { try sqlite.execute("INSERT INTO t (id, name, n) VALUES (3, 'x', -1)") }
        let rows = try sqlite.query("SELECT id, name, n, touched FROM t ORDER BY id")
        #expect(rows == [[.integer(1), .text("abc!"), .integer(5), .text("2024-01-01 11:00:00")],
                         [.integer(2), .text("def"), .integer(0), .text("2024-01-01 11:00:00")]])
    }
}
