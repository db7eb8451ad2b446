import BifrostIntrospection
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import BifrostTestSupport
import BifrostTransfer
import Foundation
import Testing

@Suite struct ConvertFixtureTests {
    @Test func everyFixtureValueArrivesInTheMappedForm() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let destination = directory.file("authly.sqlite")
        let report = try PostgresToSQLite(source: source, destination: destination).run()

        let postgres = try PostgresConnection(source)
        let sqlite = try SQLiteConnection(path: destination, mode: .readOnly)
        let schema = try PostgresSchemaReader(connection: postgres).read(schemas: ["public"])
        #expect(schema.tables.count >= 8)
        #expect(Set(report.tables.map(\.sqliteName)) == Set(schema.tables.map(\.name.name)))

        var mismatches: [String] = []
        var compared = 0
        for table in schema.tables {
            let key = try #require(table.primaryKey, "\(table.name) needs a primary key to compare rows in order")
            let order = key.columns.map(SQLiteConnection.quoteIdentifier).joined(separator: ", ")
            let expectations = table.columns.map(ExpectedValue.init)
            let postgresRows = try postgres.execute("""
                SELECT \(expectations.map { $0.postgresExpression() }.joined(separator: ", "))
                FROM \(SQLiteConnection.quoteIdentifier(table.name.schema)).\(SQLiteConnection.quoteIdentifier(table.name.name))
                ORDER BY \(order)
                """).rows
            let sqliteRows = try sqlite.query("""
                SELECT \(table.columns.map { SQLiteConnection.quoteIdentifier($0.name) }.joined(separator: ", "))
                FROM \(SQLiteConnection.quoteIdentifier(table.name.name)) ORDER BY \(order)
                """)
            #expect(postgresRows.count > 0, "\(table.name) has fixture rows")
            #expect(sqliteRows.count == postgresRows.count, "\(table.name) row count")
            #expect(report.tables.first { $0.source == table.name }?.rows == postgresRows.count)
            for (postgresRow, sqliteRow) in zip(postgresRows, sqliteRows) {
                for (index, expectation) in expectations.enumerated() {
                    compared += 1
                    if let problem = try expectation.mismatch(stored: sqliteRow[index], postgresText: postgresRow[index], sqlite: sqlite) {
                        mismatches.append("\(table.name).\(expectation.column.name) (\(expectation.column.type.declaration)): PostgreSQL \(postgresRow[index] ?? "NULL"), SQLite \(sqliteRow[index]): \(problem)")
                    }
                }
            }
        }
        #expect(compared > 300)
        #expect(mismatches.isEmpty, "\(mismatches.count) values differ:\n\(mismatches.joined(separator: "\n"))")
    }

    @Test func outputIsOwnerOnlyAndNoTemporaryFileIsLeft() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let destination = directory.file("authly.sqlite")
        _ = try PostgresToSQLite(source: source, destination: destination).run()
        let attributes = try FileManager.default.attributesOfItem(atPath: destination)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try directory.contents() == ["authly.sqlite"])
    }

    @Test func convertingAgainReplacesTheFile() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let destination = directory.file("authly.sqlite")
        _ = try PostgresToSQLite(source: source, destination: destination).run()
        try PostgresConnection(source).execute("DELETE FROM audit_events")
        _ = try PostgresToSQLite(source: source, destination: destination).run()
        let sqlite = try SQLiteConnection(path: destination, mode: .readOnly)
        #expect(try sqlite.query("SELECT count(*) FROM audit_events") == [[.integer(0)]])
    }

    @Test func sqliteValuesUseTheDocumentedForms() throws {
        let source = try SharedCluster.freshDatabase()
        try PostgresConnection(source).execute("""
            CREATE TABLE forms (id int PRIMARY KEY, u uuid, j jsonb, a text[], b boolean,
                                t timestamptz, i interval, n numeric(10,2), f float8, raw bytea);
            INSERT INTO forms VALUES (1, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{"b": [1, 2], "a": null}',
                ARRAY['x', NULL, 'a "q"'], true, '2024-02-29 23:59:59.5+02', '1 year 2 months 3 days 04:05:06.5',
                12.50, '-0', '\\x00ff00');
            """)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let destination = directory.file("forms.sqlite")
        _ = try PostgresToSQLite(source: source, destination: destination).run()
        let row = try SQLiteConnection(path: destination).query("SELECT u, j, a, b, t, i, n, f, raw FROM forms")[0]
        #expect(row[0] == .text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))
        #expect(row[1] == .text("{\"a\":null,\"b\":[1,2]}"))
        #expect(row[2] == .text("[\"x\",null,\"a \\\"q\\\"\"]"))
        #expect(row[3] == .integer(1))
        #expect(row[4] == .text("2024-02-29 21:59:59.5"))
        #expect(row[5] == .text("P1Y2M3DT4H5M6.5S"))
        #expect(row[6] == .real(12.5))
        #expect(row[7] == .real(-0.0))
        #expect(row[8] == .blob([0, 255, 0]))
    }
}

/// A temporary directory for a test's files; `remove()` deletes it.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("bifrost-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}
