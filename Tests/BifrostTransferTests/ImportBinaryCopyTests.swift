import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostTestSupport
@testable import BifrostTransfer
import Foundation
import Testing

/// Import's binary COPY: a table whose every column has a binary form goes in COPY's binary
/// format; its edge values come back exactly, and values without their stored form make the
/// table go as COPY text instead, judged by PostgreSQL's input functions.
@Suite struct ImportBinaryCopyTests {
    private static let table = #"""
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
        CREATE DOMAIN positive AS int4 CHECK (VALUE > 0);
        CREATE TABLE stamps (
            id int8 PRIMARY KEY, small int2, medium int4, big int8, f8 float8, flag bool, body text,
            short varchar(12), fixed char(4), feeling mood, count positive, u uuid, raw bytea,
            day date, clock time, local timestamp, at timestamptz, doc json, docb jsonb
        );
        INSERT INTO stamps VALUES
            (1, -32768, -2147483648, -9223372036854775808, '-0', true, E'tab\there\nnew\rline \\ back \\N',
             'héllo ✓ 😀', 'ab', 'sad', 1, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '\x00ff5c0a09',
             '4713-01-01 BC', '00:00:00', '2024-02-29 23:59:59.999999', '0044-03-15 12:00:00.5+00 BC',
             '{"a":[1,"x\ty"],"b":null}', '{"b": 1, "a": [true, 1.50]}'),
            (2, 32767, 2147483647, 9223372036854775807, 'NaN', false, '', '', '', 'happy', 2147483647,
             '00000000-0000-0000-0000-000000000000', '\x', 'infinity', '23:59:59.999999', '-infinity', 'infinity',
             '[]', '"text"'),
            (3, 0, 0, 0, '-Infinity', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '-infinity', '12:34:56.000001',
             '1999-12-31 23:59:59', '-infinity', 'null', 'null'),
            (4, NULL, NULL, NULL, 2.2250738585072014e-308, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
             '2000-02-29', NULL, '0001-01-01 00:00:00 BC', '2000-01-01 00:00:00+05:30', NULL, NULL),
            (5, NULL, NULL, NULL, 'Infinity', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '5874897-12-31', NULL,
             '294276-12-31 23:59:59.999999', '1900-06-15 08:00:00.123+00', NULL, NULL);
        """#

    /// The table converted into a SQLite file: the source database and the file's path.
    private func converted(_ directory: TemporaryDirectory) throws -> (ConnectionString, String) {
        let source = try SharedCluster.freshDatabase(prefix: "binary")
        try PostgresConnection(source).execute(Self.table)
        let path = directory.file("stamps.sqlite")
        _ = try PostgresToSQLite(source: source, destination: path).run()
        return (source, path)
    }

    @Test func everyColumnHasABinaryForm() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (_, path) = try converted(directory)
        let input = try ImportSource.read(SQLiteConnection(path: path, mode: .readOnly))
        let table = try #require(input.schema.tables.first { $0.name.name == "stamps" })
        let mapping = try MappingPlanner(rules: input.rules).plan(table, sqliteName: "stamps")
        let forms = try mapping.columns.map { try StoredForm(codec: $0.codec, column: $0.column) }
        #expect(BinaryField.fields(forms, mapping.columns)?.count == 19)
    }

    @Test func edgeValuesComeBackExactly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (source, path) = try converted(directory)
        let report = try SQLiteToPostgres(source: path, destination: source, options: .init(schema: "restored")).run()
        #expect(report.verification?.isEqual == true)
        let postgres = try PostgresConnection(source)
        try expectSameRows("stamps", postgres)
        #expect(try postgres.execute("SELECT count(*) FROM restored.stamps").value(row: 0, column: 0) == "5")
    }

    /// Texts the converter never writes but PostgreSQL reads (an edited file): the table is
    /// sent again as COPY text, and PostgreSQL's input functions read them.
    @Test func valuesWithoutTheirStoredFormGoAsText() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (source, path) = try converted(directory)
        try SQLiteConnection(path: path).execute("""
            UPDATE stamps SET day = '2024-1-5', local = '2024-01-05T10:00:00.500', clock = '1:02:03' WHERE id = 4
            """)
        let report = try SQLiteToPostgres(source: path, destination: source,
                                          options: .init(schema: "restored", verify: false)).run()
        #expect(report.tables.first { $0.sqliteName == "stamps" }?.rows == 5)
        let rows = try PostgresConnection(source).execute("""
            SELECT day::text, local::text, clock::text FROM restored.stamps WHERE id = 4
            """).rows
        #expect(rows == [["2024-01-05", "2024-01-05 10:00:00.5", "01:02:03"]])
    }

    /// A number too large for its column is left to PostgreSQL, which refuses it: the error
    /// names the row, and nothing is left.
    @Test func aNumberOutOfItsRangeIsRefusedByRow() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (source, path) = try converted(directory)
        try SQLiteConnection(path: path).execute("UPDATE stamps SET medium = 4294967296 WHERE id = 3")
        let error = #expect(throws: ImportError.self) {
            try SQLiteToPostgres(source: path, destination: source, options: .init(schema: "restored")).run()
        }
        let message = error?.description ?? ""
        #expect(message.contains("public.stamps (row id=3)"), "\(message)")
        #expect(message.contains("out of range for type integer"), "\(message)")
        let schemas = try PostgresConnection(source).execute("SELECT count(*) FROM pg_namespace WHERE nspname = 'restored'")
        #expect(schemas.value(row: 0, column: 0) == "0")
    }
}
