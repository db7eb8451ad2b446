import BifrostIntrospection
import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import BifrostTestSupport
import BifrostTransfer
import Foundation
import Testing

/// PostgreSQL → SQLite → PostgreSQL: the rows come back identical, compared by PostgreSQL
/// itself; a bad stored value stops the import and leaves the database as it was.
@Suite struct ImportRoundTripTests {
    /// Converts the Authly fixture and makes sure the file carries the source model (added
    /// here when `convert` does not write `_bifrost_metadata` yet).
    private func convertedAuthly(_ directory: TemporaryDirectory) throws -> (ConnectionString, String) {
        let source = try SharedCluster.authlyDatabase()
        let path = directory.file("authly.sqlite")
        _ = try PostgresToSQLite(source: source, destination: path).run()
        let sqlite = try SQLiteConnection(path: path)
        let hasMetadata = try !sqlite.query("SELECT 1 FROM sqlite_schema WHERE name = '_bifrost_metadata'").isEmpty
        if !hasMetadata {
            let schema = try PostgresSchemaReader(connection: PostgresConnection(source)).read(schemas: ["public"])
            try sqlite.execute("CREATE TABLE _bifrost_metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            try sqlite.prepare("INSERT INTO _bifrost_metadata VALUES (?1, ?2)")
                .run([.text("source_schema"), .text(try SchemaSnapshot.encode(schema))])
        }
        return (source, path)
    }

    @Test func authlyComesBackIdenticalRowForRow() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (source, path) = try convertedAuthly(directory)
        let report = try SQLiteToPostgres(source: path, destination: source,
                                          options: .init(schema: "restored")).run()
        #expect(report.verification?.isEqual == true)

        let postgres = try PostgresConnection(source)
        let schema = try PostgresSchemaReader(connection: postgres).read(schemas: ["public", "restored"])
        let originals = schema.tables.filter { $0.name.schema == "public" }
        #expect(!originals.isEmpty)
        for table in originals {
            let restored = try #require(schema.table(QualifiedName(schema: "restored", name: table.name.name)))
            // json has no equality operator, and the file keeps it compacted (DESIGN.md):
            // compared below, row by key, against the compacted original.
            let list = table.columns.filter { $0.type.storage.name != "json" }.map { column in
                let quoted = PostgresConnection.quoteIdentifier(column.name)
                // Enums are compared by label: each schema has its own enum type.
                let byText = column.type.storage.kind == .enumeration
                    || column.type.element?.storage.kind == .enumeration
                return byText ? "\(quoted)::text" : quoted
            }.joined(separator: ", ")
            let name = PostgresConnection.quoteIdentifier(table.name.name)
            for (left, right) in [("public", "restored"), ("restored", "public")] {
                let differing = try postgres.execute("""
                    SELECT count(*) FROM (SELECT \(list) FROM \(left).\(name) EXCEPT ALL SELECT \(list) FROM \(right).\(name)) d
                    """).value(row: 0, column: 0)
                #expect(differing == "0", "\(table.name): \(differing ?? "?") rows of \(left) missing from \(right)")
                if differing != "0", left == "public" {
                    for column in table.columns {
                        let quoted = PostgresConnection.quoteIdentifier(column.name)
                        let sample = try postgres.execute("""
                            SELECT a.\(quoted)::text, b.\(quoted)::text FROM public.\(name) a JOIN restored.\(name) b USING (id)
                            WHERE a.\(quoted)::text IS DISTINCT FROM b.\(quoted)::text LIMIT 1
                            """).rows
                        if let row = sample.first { Issue.record("\(table.name).\(column.name): \(row[0] ?? "NULL") became \(row[1] ?? "NULL")") }
                    }
                }
            }
            for column in table.columns where column.type.storage.name == "json" {
                let quoted = PostgresConnection.quoteIdentifier(column.name)
                let pairs = try postgres.execute("""
                    SELECT a.\(quoted)::text, b.\(quoted)::text FROM public.\(name) a JOIN restored.\(name) b USING (id)
                    """).rows
                #expect(pairs.count == Int(try postgres.execute("SELECT count(*) FROM public.\(name)").value(row: 0, column: 0) ?? ""))
                for pair in pairs {
                    #expect(pair[0].map(JSONText.compact) == pair[1], "\(table.name).\(column.name)")
                }
            }
            let count = try postgres.execute("SELECT count(*) FROM restored.\(name)").value(row: 0, column: 0)
            let original = try postgres.execute("SELECT count(*) FROM public.\(name)").value(row: 0, column: 0)
            #expect(count == original, "\(table.name)")
            // The schema comes back: same columns, types (by name), NOT NULL, keys, constraints, indexes.
            #expect(restored.columns.map(\.name) == table.columns.map(\.name), "\(table.name)")
            #expect(restored.columns.map(\.type.storage.name) == table.columns.map(\.type.storage.name), "\(table.name)")
            #expect(restored.columns.map(\.isNullable) == table.columns.map(\.isNullable), "\(table.name)")
            #expect(restored.columns.map { $0.defaultExpression?.sql.replacingOccurrences(of: "restored.", with: "") }
                    == table.columns.map { $0.defaultExpression?.sql }, "\(table.name)")
            #expect(restored.primaryKey == table.primaryKey, "\(table.name)")
            #expect(restored.uniqueConstraints == table.uniqueConstraints, "\(table.name)")
            #expect(restored.checks.map(\.name) == table.checks.map(\.name), "\(table.name)")
            #expect(restored.foreignKeys.map(\.name) == table.foreignKeys.map(\.name), "\(table.name)")
            #expect(restored.indexes.map(\.name).sorted() == table.indexes.map(\.name).sorted(), "\(table.name)")
        }
        // Identity columns continue after the data.
        let next = try postgres.execute("""
            SELECT (SELECT last_value FROM public.audit_events_id_seq) = (SELECT last_value FROM restored.audit_events_id_seq)
            """).value(row: 0, column: 0)
        #expect(next == "t")
    }

    /// Imports into schema `restored`, which must fail and leave no trace; returns the message.
    private func failedImport(_ path: String, into source: ConnectionString,
                              sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let error = #expect(throws: ImportError.self, sourceLocation: sourceLocation) {
            try SQLiteToPostgres(source: path, destination: source, options: .init(schema: "restored")).run()
        }
        let schemas = try PostgresConnection(source).execute("SELECT count(*) FROM pg_namespace WHERE nspname = 'restored'")
        #expect(schemas.value(row: 0, column: 0) == "0", "the failed import left schema restored", sourceLocation: sourceLocation)
        return error?.description ?? ""
    }

    /// Values `convert` never writes, planted in the last row of a table of the converted
    /// file (its CHECKs off).
    private static let badUUID = "UPDATE oauth_scopes SET id = 'zzzzzzzz-0000-0000-0000-000000000000' WHERE rowid = (SELECT max(rowid) FROM oauth_scopes)"
    private static let badJSON = #"UPDATE oauth_clients SET metadata = '{"broken": ' WHERE rowid = (SELECT max(rowid) FROM oauth_clients)"#

    /// The converted Authly file with `changes` made to it.
    private func tamperedAuthly(_ directory: TemporaryDirectory, _ changes: [String])
        throws -> (source: ConnectionString, path: String, sqlite: SQLiteConnection) {
        let (source, path) = try convertedAuthly(directory)
        let sqlite = try SQLiteConnection(path: path)
        try sqlite.execute((["PRAGMA ignore_check_constraints = ON"] + changes).joined(separator: ";\n"))
        return (source, path, sqlite)
    }

    @Test func anInvalidUUIDStopsTheImportAndLeavesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (source, path, _) = try tamperedAuthly(directory, [Self.badUUID])
        let message = try failedImport(path, into: source)
        #expect(message.contains("table public.oauth_scopes, column id, row id='zzzzzzzz-0000-0000-0000-000000000000'"), "\(message)")
        #expect(message.contains("UUID"), "\(message)")
    }

    @Test func aValuePostgreSQLRejectsIsNamedByRowAndRolledBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (source, path, sqlite) = try tamperedAuthly(directory, [Self.badJSON])
        let key = try sqlite.query("SELECT id FROM oauth_clients WHERE rowid = (SELECT max(rowid) FROM oauth_clients)")
        guard case let .text(id)? = key.first?.first else { Issue.record("no key"); return }
        let message = try failedImport(path, into: source)
        #expect(message.contains("public.oauth_clients (row id='\(id)')"), "\(message)")
        #expect(message.contains("json"), "\(message)")
    }

    /// `--on-error=skip`: an invalid UUID and invalid JSON go to the reject file, counted;
    /// everything else is imported, and verification expects exactly those rows missing.
    @Test func skippedRowsGoToTheRejectFileAndTheRestIsImported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (source, path, sqlite) = try tamperedAuthly(directory, [Self.badUUID, Self.badJSON])
        let clients = try sqlite.query("SELECT count(*) FROM oauth_clients")
        let rejectPath = directory.file("rejects.jsonl")
        let report = try SQLiteToPostgres(source: path, destination: source,
                                          options: .init(schema: "restored", onError: .skip(rejectFile: rejectPath))).run()
        let table = try #require(report.tables.first { $0.sqliteName == "oauth_clients" })
        #expect(table.rejects == 1)
        #expect(clients == [[.integer(Int64(table.rows + 1))]])
        #expect(report.verification?.isEqual == true)
        #expect(report.verification?.tables.first { $0.sqliteName == "oauth_clients" }?.onlyInSQLiteRows == 1)
        #expect(report.tables.first { $0.sqliteName == "oauth_scopes" }?.rejects == 1)
        let lines = try String(contentsOfFile: rejectPath, encoding: .utf8).split(separator: "\n")
        let rejected = try lines.map { try JSONDecoder().decode(RejectedRow.self, from: Data($0.utf8)) }
        let reasons = Dictionary(rejected.map { ("\($0.table).\($0.column)", $0.reason) }, uniquingKeysWith: { $1 })
        #expect(rejected.count == 2)
        #expect(reasons["public.oauth_clients.metadata"]?.contains("not valid JSON") == true)
        #expect(reasons["public.oauth_scopes.id"]?.contains("UUID") == true)
        let imported = try PostgresConnection(source).query("SELECT count(*) FROM restored.oauth_clients").value(row: 0, column: 0)
        #expect(imported == String(table.rows))
        // Rows referencing the client left out keep their keys, under a foreign key not validated.
        #expect(report.notes.contains { $0.contains("added NOT VALID") && $0.contains("VALIDATE CONSTRAINT") })
        #expect(report.notes.contains { $0.contains("2 rows left out") })
    }

    @Test func aFileWithoutMetadataGetsInferredTypes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("plain.sqlite")
        let sqlite = try SQLiteConnection(path: path)
        try sqlite.execute("""
            CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, score REAL, raw BLOB, amount NUMERIC, loose);
            INSERT INTO notes VALUES (1, 'tab\there
            and "quotes" \\ back', 1.5, x'00ff', '12.50', 'x'), (2, NULL, NULL, NULL, 3, NULL);
            """)
        let target = try SharedCluster.freshDatabase()
        var notes: [String] = []
        _ = try SQLiteToPostgres(source: path, destination: target).run { event in
            if case let .note(note) = event { notes.append(note) }
        }
        #expect(notes.contains { $0.contains("notes.score: declared REAL → double precision") })
        let rows = try PostgresConnection(target).execute("""
            SELECT id, body, score, raw, amount, loose, pg_typeof(id), pg_typeof(raw) FROM public.notes ORDER BY id
            """).rows
        #expect(rows[0] == ["1", "tab\there\nand \"quotes\" \\ back", "1.5", "\\x00ff", "12.5", "x", "bigint", "bytea"])
        #expect(rows[1] == ["2", nil, nil, nil, "3", nil, "bigint", "bytea"])
    }

    /// `--type`: a TEXT column of UUIDs and an INTEGER column of 0/1 come back as uuid and
    /// boolean; a value that does not fit is named; a wrong target is refused.
    @Test func typeOverridesGiveColumnsTheirTypes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("plain.sqlite")
        try SQLiteConnection(path: path).execute("""
            CREATE TABLE users (id TEXT PRIMARY KEY, active INTEGER, settings TEXT);
            INSERT INTO users VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 1, '{"theme": "dark"}'),
                                     ('b1ffcd88-8d1a-4ef8-bb6d-6bb9bd380a12', 0, NULL);
            """)
        let target = try SharedCluster.freshDatabase(prefix: "typed")
        let overrides = try ["users.id=uuid", "users.active=boolean", "users.settings=jsonb"].map { try ImportTypeOverride(parsing: $0) }
        let report = try SQLiteToPostgres(source: path, destination: target, options: .init(typeOverrides: overrides)).run()
        #expect(report.verification?.isEqual == true)
        #expect(report.notes.contains("users.id: given by --type or --mapping → uuid"))
        let types = try PostgresConnection(target).query("""
            SELECT string_agg(format_type(atttypid, atttypmod), ', ' ORDER BY attnum) FROM pg_attribute
            WHERE attrelid = 'public.users'::regclass AND attnum > 0
            """).value(row: 0, column: 0)
        #expect(types == "uuid, boolean, jsonb")

        try SQLiteConnection(path: path).execute("UPDATE users SET active = 2 WHERE active = 0")
        let error = #expect(throws: ImportError.self) {
            try SQLiteToPostgres(source: path, destination: try SharedCluster.freshDatabase(prefix: "typed"),
                                 options: .init(typeOverrides: overrides)).run()
        }
        #expect(error?.description.contains("column active") == true)
        #expect(throws: ImportError.self) { try ImportTypeOverride(parsing: "users.id=money") }
        #expect(throws: ImportError.self) { try ImportTypeOverride(parsing: "users=uuid") }
        let unknown = #expect(throws: ImportError.self) {
            try SQLiteToPostgres(source: path, destination: target,
                                 options: .init(typeOverrides: [try ImportTypeOverride(parsing: "users.nope=uuid")])).run()
        }
        #expect(unknown?.description.contains("no such column") == true)

        // A mapping file (`import --mapping`) holds the same overrides, one a line.
        let mappingPath = directory.file("types.map")
        try "# types of plain.sqlite\nusers.id=uuid\n\nusers.active = boolean  # 0/1\nusers.settings=jsonb\n"
            .write(toFile: mappingPath, atomically: true, encoding: .utf8)
        #expect(try ImportTypeOverride.load(path: mappingPath) == overrides)
        try "users.id=uuid\nusers.active=flag\n".write(toFile: mappingPath, atomically: true, encoding: .utf8)
        let wrong = #expect(throws: ImportError.self) { try ImportTypeOverride.load(path: mappingPath) }
        #expect(wrong?.description.hasPrefix("\(mappingPath):2: users.active=flag: flag is not a type") == true, "\(wrong?.description ?? "")")
    }

    /// A partitioned table comes back partitioned (rows routed to their partitions by the
    /// parent's COPY), an inheriting table with its INHERITS.
    @Test func partitionsAndInheritanceComeBack() throws {
        let source = try SharedCluster.freshDatabase(prefix: "parts")
        try PostgresConnection(source).execute("""
            CREATE TABLE measurements (id int, at date NOT NULL, v numeric, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE INDEX measurements_v_idx ON measurements (v);
            CREATE INDEX measurements_2025_recent_idx ON measurements_2025 (at DESC) WHERE v > 2;
            INSERT INTO measurements VALUES (1, '2024-05-01', 1.5), (2, '2025-05-01', 2.5);
            CREATE TABLE zbase (id int PRIMARY KEY, name text);
            CREATE TABLE child (extra text) INHERITS (zbase);  -- loaded before its parent
            INSERT INTO zbase VALUES (1, 'a');
            INSERT INTO child (id, name, extra) VALUES (2, 'b', 'x');
            """)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("parts.sqlite")
        _ = try PostgresToSQLite(source: source, destination: path).run()
        let target = try SharedCluster.freshDatabase(prefix: "parts")
        let report = try SQLiteToPostgres(source: path, destination: target).run()
        #expect(report.verification?.isEqual == true)
        let postgres = try PostgresConnection(target)
        let placed = try postgres.query("SELECT tableoid::regclass::text, id::text FROM measurements ORDER BY id").rows
        #expect(placed == [["measurements_2024", "1"], ["measurements_2025", "2"]])
        let parents = try postgres.query("""
            SELECT inhrelid::regclass::text, inhparent::regclass::text FROM pg_inherits
            WHERE inhrelid IN (SELECT oid FROM pg_class WHERE relkind IN ('r', 'p')) ORDER BY 1
            """).rows
        #expect(parents == [["child", "zbase"], ["measurements_2024", "measurements"], ["measurements_2025", "measurements"]])
        // The parent's index on every partition, a partition's own index on that partition alone.
        let indexes = try postgres.query("""
            SELECT tablename, indexname, indexdef LIKE '%WHERE (v > %' FROM pg_indexes
            WHERE tablename LIKE 'measurements%' AND indexname NOT LIKE '%pkey' ORDER BY 1, 2
            """).rows
        #expect(indexes == [["measurements", "measurements_v_idx", "f"], ["measurements_2024", "measurements_2024_v_idx", "f"],
                            ["measurements_2025", "measurements_2025_recent_idx", "t"], ["measurements_2025", "measurements_2025_v_idx", "f"]])
        let everyone = try postgres.query("SELECT string_agg(name, ',' ORDER BY id) FROM zbase").value(row: 0, column: 0)
        #expect(everyone == "a,b", "the parent reads its child's rows again (loading the parent left them)")
    }

    @Test func untypedColumnsAreTypedByTheirValues() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("untyped.sqlite")
        let sqlite = try SQLiteConnection(path: path)
        try sqlite.execute("""
            CREATE TABLE readings (whole, fraction, mixed, bytes, empty);
            INSERT INTO readings VALUES (1, 1, 1, x'01', NULL), (2, 2.5, 'two', x'02', NULL);
            """)
        let target = try SharedCluster.freshDatabase()
        var notes: [String] = []
        _ = try SQLiteToPostgres(source: path, destination: target).run { event in
            if case let .note(note) = event { notes.append(note) }
        }
        #expect(notes.contains { $0.contains("readings.whole: declared without a type (inferred from its values) → bigint") })
        let types = try PostgresConnection(target).execute("""
            SELECT pg_typeof(whole)::text, pg_typeof(fraction)::text, pg_typeof(mixed)::text,
                   pg_typeof(bytes)::text, pg_typeof(empty)::text
            FROM public.readings LIMIT 1
            """).rows
        #expect(types[0] == ["bigint", "double precision", "text", "bytea", "text"])
    }
}
