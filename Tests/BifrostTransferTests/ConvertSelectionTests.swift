import BifrostIntrospection
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import BifrostTestSupport
import BifrostTransfer
import Foundation
import Testing

/// `--table`, `--exclude-table` and `--schema-only`.
@Suite struct ConvertSelectionTests {
    private func userTables(_ path: String) throws -> [String] {
        try SQLiteConnection(path: path, mode: .readOnly).query(#"""
            SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '\_bifrost\_%' ESCAPE '\' ORDER BY name
            """#).compactMap { row -> String? in
            if case let .text(name) = row[0] { return name }
            return nil
        }
    }

    @Test func someTablesOnlyWithForeignKeysAndViewsToTheOthersLeftOutAndSaidSo() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("some.sqlite")
        let options = PostgresToSQLite.Options(selection: TableSelection(included: ["users", "public.tokens"]))
        let report = try PostgresToSQLite(source: source, destination: path, options: options).run()
        #expect(try userTables(path) == ["tokens", "users"])
        #expect(report.verification?.isEqual == true)
        #expect(report.notes.contains { $0.contains("foreign key tokens_client_id_fkey of public.tokens left out") && $0.contains("public.oauth_clients") })
        #expect(report.notes.contains { $0.hasPrefix("view public.active_tokens not carried over") })

        let sqlite = try SQLiteConnection(path: path, mode: .readOnly)
        // The reference to users stays; the one to oauth_clients (not converted) is gone.
        let targets = try sqlite.query(#"SELECT DISTINCT "table" FROM pragma_foreign_key_list('tokens') ORDER BY 1"#)
        #expect(targets == [[.text("tokens")], [.text("users")]])
        #expect(try sqlite.query("SELECT count(*) FROM sqlite_schema WHERE type = 'view'") == [[.integer(0)]])

        // The metadata describes what the file holds, and `verify` checks just that.
        let metadata = try #require(try ConversionMetadata.read(from: sqlite))
        #expect(metadata.sourceSchema.tables.map(\.name.name).sorted() == ["tokens", "users"])
        #expect(metadata.sourceSchema.tables.flatMap(\.foreignKeys).allSatisfy { ["tokens", "users"].contains($0.referencedTable.name) })
        #expect(metadata.sourceSchema.views.isEmpty)
        #expect(metadata.tables.map(\.sqliteName).sorted() == ["tokens", "users"])
        let later = try Verification(source: source, sqlitePath: path).run()
        #expect(later.isEqual && later.tables.count == 2 && later.missingTables.isEmpty)
    }

    @Test func excludedTablesAreLeftOutAndViewsOverTheRestStay() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("most.sqlite")
        let options = PostgresToSQLite.Options(selection: TableSelection(excluded: ["audit_events", "public.oauth_token_scopes"]))
        let report = try PostgresToSQLite(source: source, destination: path, options: options).run()
        let all = try PostgresSchemaReader(connection: PostgresConnection(source)).read(schemas: ["public"]).tables.map(\.name.name)
        #expect(try userTables(path) == all.filter { !["audit_events", "oauth_token_scopes"].contains($0) }.sorted())
        #expect(report.verification?.isEqual == true)
        let views = try SQLiteConnection(path: path, mode: .readOnly).query("SELECT name FROM sqlite_schema WHERE type = 'view'")
        #expect(views == [[.text("active_tokens")]])
    }

    @Test func anUnknownTableIsAnErrorNamingTheTablesThereAreAndWritesNothing() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for selection in [TableSelection(included: ["userz"]), TableSelection(excluded: ["other.users"])] {
            let error = #expect(throws: SelectionError.self) {
                try PostgresToSQLite(source: source, destination: directory.file("x.sqlite"),
                                     options: .init(selection: selection)).run()
            }
            let message = error?.description ?? ""
            #expect(message.contains("no table \(selection.included.first ?? selection.excluded[0]) to convert"))
            #expect(message.contains("public.users") && message.contains("public.tokens"))
        }
        #expect(throws: SelectionError.self) {
            try PostgresToSQLite(source: source, destination: directory.file("x.sqlite"),
                                 options: .init(selection: TableSelection(included: ["users"], excluded: ["users"]))).run()
        }
        #expect(try directory.contents().isEmpty)
    }

    @Test func schemaOnlyCreatesEveryObjectWithoutRows() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let full = directory.file("full.sqlite")
        let empty = directory.file("empty.sqlite")
        _ = try PostgresToSQLite(source: source, destination: full).run()
        let report = try PostgresToSQLite(source: source, destination: empty, options: .init(schemaOnly: true)).run()
        #expect(report.totalRows == 0 && report.verification == nil)

        let objects = "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE '\\_bifrost\\_%' ESCAPE '\\' ORDER BY type, name"
        let withRows = try SQLiteConnection(path: full, mode: .readOnly).query(objects)
        let schemaOnly = try SQLiteConnection(path: empty, mode: .readOnly)
        #expect(try schemaOnly.query(objects) == withRows, "the same tables, indexes, triggers and views")
        #expect(withRows.contains { $0[0] == .text("trigger") } && withRows.contains { $0[0] == .text("view") })
        for name in try userTables(empty) {
            #expect(try schemaOnly.query("SELECT count(*) FROM \(SQLiteConnection.quoteIdentifier(name))") == [[.integer(0)]])
        }
        let metadata = try #require(try ConversionMetadata.read(from: schemaOnly))
        #expect(metadata.content == .schemaOnly)
        #expect(metadata.tables.count == report.tables.count && metadata.tables.allSatisfy { $0.rows == nil && $0.checksum == nil })
        let error = #expect(throws: VerificationError.self) { try Verification(source: source, sqlitePath: empty).run() }
        #expect(error?.description.contains("--schema-only") == true)
    }

    @Test func whereTakesSomeRowsRecordsTheConditionAndVerifiesAgainstIt() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recent.sqlite")
        let condition = "revoked AND token_type <> 'refresh'"
        let filter = try RowFilter(parsing: "public.tokens:\(condition)")
        let options = PostgresToSQLite.Options(selection: TableSelection(rowFilters: [filter]), jobs: 2)
        let report = try PostgresToSQLite(source: source, destination: path, options: options).run()
        let postgres = try PostgresConnection(source)
        let expected = try postgres.query("SELECT count(*) FROM tokens WHERE \(condition)").value(row: 0, column: 0)
        #expect(report.tables.first { $0.sqliteName == "tokens" }.map { String($0.rows) } == expected)
        #expect(report.verification?.isEqual == true)

        let sqlite = try SQLiteConnection(path: path, mode: .readOnly)
        let metadata = try #require(try ConversionMetadata.read(from: sqlite))
        #expect(metadata.tables.first { $0.sqliteName == "tokens" }?.rowFilter == condition)
        #expect(metadata.tables.first { $0.sqliteName == "users" }?.rowFilter == nil)
        // `verify` reads the recorded condition: the file equals the rows it took.
        #expect(try Verification(source: source, sqlitePath: path).run().isEqual)
    }

    @Test func whereThatLeavesOutReferencedRowsIsANoteAndAMalformedOneIsRefused() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("few-users.sqlite")
        let options = PostgresToSQLite.Options(selection: TableSelection(rowFilters: [try RowFilter(parsing: "users:false")]))
        let report = try PostgresToSQLite(source: source, destination: path, options: options).run()
        #expect(report.tables.first { $0.sqliteName == "users" }?.rows == 0)
        #expect(report.notes.contains { $0.contains("reference rows that --where left out") })

        for malformed in ["users", "users:", "users:true) UNION (SELECT 1", "users:1; DROP TABLE users", "users:true ORDER BY 1"] {
            #expect(throws: SelectionError.self, "\(malformed)") { try RowFilter(parsing: malformed) }
        }
        let unknown = PostgresToSQLite.Options(selection: TableSelection(rowFilters: [try RowFilter(parsing: "nope:true")]))
        let error = #expect(throws: SelectionError.self) {
            try PostgresToSQLite(source: source, destination: directory.file("x.sqlite"), options: unknown).run()
        }
        #expect(error?.description.contains("no table nope") == true)
    }
}
