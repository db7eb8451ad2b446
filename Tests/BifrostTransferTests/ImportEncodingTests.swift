import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import BifrostTestSupport
import BifrostTransfer
import Foundation
import Testing

/// The import's COPY encoding, value by value: every SQLite storage class, and the values
/// whose text form needs care (escapes, signed zero, NaN, infinities, bytes), arrive in
/// PostgreSQL exactly.
@Suite struct ImportEncodingTests {
    @Test func everyStorageClassArrivesExactly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("classes.sqlite")
        let sqlite = try SQLiteConnection(path: path)
        // Untyped columns keep each value's storage class as bound (-0.0 stays a negative
        // REAL); `d REAL` holds NaN as text, the way `convert` stores it.
        try sqlite.execute("CREATE TABLE classes (id INTEGER PRIMARY KEY, i, r, d REAL, t TEXT, b BLOB)")
        let insert = try sqlite.prepare("INSERT INTO classes VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        let allBytes = (0...255).map { UInt8($0) }
        let rows: [[SQLiteValue]] = [
            [.integer(1), .integer(.min), .real(-0.0), .text("NaN"), .text("tab\there"), .blob(allBytes)],
            [.integer(2), .integer(.max), .real(.infinity), .real(.infinity), .text("line\nnext\r\nend"), .blob([])],
            [.integer(3), .integer(0), .real(-.infinity), .real(-.infinity), .text(#"back\slash \N \\"#), .blob([0x5C, 0x0A])],
            [.integer(4), .integer(-1), .real(0.1), .real(-2.5e-300), .text("héllo ✓ 😀 ÅSE"), .null],
            [.integer(5), .null, .real(5e-324), .null, .text(""), .null],
            [.integer(6), .null, .null, .real(1.7976931348623157e308), .null, .null],
            // Texts a float column of a file made elsewhere may hold, read as PostgreSQL reads them.
            [.integer(7), .null, .null, .text("-Infinity"), .null, .null],
        ]
        for row in rows { try insert.run(row) }

        let target = try SharedCluster.freshDatabase(prefix: "classes")
        var estimated: Double?
        var finished: TableReport?
        let report = try SQLiteToPostgres(source: path, destination: target).run { event in
            if case let .tableStarted(_, estimatedRows) = event { estimated = estimatedRows }
            if case let .tableFinished(table) = event { finished = table }
        }
        #expect(report.verification?.isEqual == true)
        #expect(estimated == 7)
        #expect(finished?.rows == 7)
        #expect((finished?.bytes ?? 0) > 256 * 2, "the COPY bytes sent are counted")

        let stored = try PostgresConnection(target).execute("""
            SELECT id::text, i::text, r::text, d::text, t, b::text, pg_typeof(i)::text, pg_typeof(r)::text
            FROM public.classes ORDER BY id
            """).rows
        let hex = "\\x" + allBytes.map { String(format: "%02x", $0) }.joined()
        #expect(stored == [
            ["1", "-9223372036854775808", "-0", "NaN", "tab\there", hex, "bigint", "double precision"],
            ["2", "9223372036854775807", "Infinity", "Infinity", "line\nnext\r\nend", "\\x", "bigint", "double precision"],
            ["3", "0", "-Infinity", "-Infinity", #"back\slash \N \\"#, "\\x5c0a", "bigint", "double precision"],
            ["4", "-1", "0.1", "-2.5e-300", "héllo ✓ 😀 ÅSE", nil, "bigint", "double precision"],
            ["5", nil, "5e-324", nil, "", nil, "bigint", "double precision"],
            ["6", nil, nil, "1.7976931348623157e+308", nil, nil, "bigint", "double precision"],
            ["7", nil, nil, "-Infinity", nil, nil, "bigint", "double precision"],
        ])
    }

    /// PostgreSQL → SQLite → PostgreSQL on values whose stored form is not their text form:
    /// each row's text (signed zero included, which `=` would not tell apart) is the same.
    @Test func edgeValuesOfAConvertedFileComeBackExactly() throws {
        let source = try SharedCluster.freshDatabase(prefix: "edges")
        try PostgresConnection(source).execute(#"""
            CREATE TABLE edges (
                id int PRIMARY KEY, small int2, big int8, f4 real, f8 double precision, n numeric, flag boolean,
                body text, raw bytea, u uuid, at timestamptz, local timestamp, day date, doc jsonb,
                words text[], floats float8[], stamps timestamptz[]
            );
            INSERT INTO edges VALUES
                (1, -32768, -9223372036854775808, '-0', '-0', '123456789012345678901234567890.000000000001', true,
                 E'tab\there\nnew\rline \\ back \\N', '\x00ff5c0a09', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
                 '0044-03-15 12:00:00.5+00 BC', '2024-02-29 23:59:59.999999', '4713-01-01 BC', '{"a": [1, "x\ty"], "b": null}',
                 ARRAY['a"q', E'b\\s', NULL, 'NULL', '', E'tab\tin'], '{NaN,-Infinity,Infinity,-0,1e-300}',
                 ARRAY['infinity', '-infinity', '2024-06-01 12:00+02', NULL]::timestamptz[]),
                (2, 32767, 9223372036854775807, 'NaN', 'NaN', 'NaN', false, 'héllo ✓ 😀', '\x', NULL,
                 'infinity', '-infinity', 'infinity', '[]', '{}', '{}', '{}'),
                (3, 0, 0, 'Infinity', '-Infinity', '-0.5', NULL, '', NULL, NULL, NULL, NULL, NULL, 'null', NULL, NULL, NULL),
                (4, NULL, NULL, 3.4028235e38, 2.2250738585072014e-308, 1e-20, NULL, NULL, NULL, NULL,
                 '2000-01-01 00:00:00+05:30', NULL, NULL, NULL, NULL, NULL, NULL);
            """#)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("edges.sqlite")
        _ = try PostgresToSQLite(source: source, destination: path).run()
        let report = try SQLiteToPostgres(source: path, destination: source, options: .init(schema: "restored")).run()
        #expect(report.verification?.isEqual == true)

        let postgres = try PostgresConnection(source)
        try expectSameRows("edges", postgres)
        let count = try postgres.execute("SELECT count(*) FROM restored.edges").value(row: 0, column: 0)
        #expect(count == "4")
    }

    /// Arrays whose lower bounds are not 1 keep them: stored as PostgreSQL's bounds
    /// decoration before the JSON array, which SQLite's JSON functions refuse rather than
    /// count positions from 1; verified, and back in PostgreSQL with the same bounds.
    @Test func arraysWithOtherLowerBoundsKeepThemBothWays() throws {
        let source = try SharedCluster.freshDatabase(prefix: "bounds")
        try PostgresConnection(source).execute(#"""
            CREATE TABLE windows (id int PRIMARY KEY, slots int[], grid int[][], words text[], stamps timestamptz[],
                                  docs jsonb[], nets inet[]);
            INSERT INTO windows VALUES
                (1, '[0:2]={7,8,9}', '[1:2][0:1]={{1,2},{3,NULL}}', '[-3:-2]={"a,b","c\"d"}',
                 '[5:5]={"2024-01-01 10:00+02"}', '[0:0]={"{\"a\": 1}"}', '[2:3]={10.0.0.1,::1/64}'),
                (2, '{1,2}', '{{1},{2}}', '{}', NULL, '{}', '{192.168.0.0/16}');
            """#)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("bounds.sqlite")
        let converted = try PostgresToSQLite(source: source, destination: path).run()
        #expect(converted.verification?.isEqual == true)
        let sqlite = try SQLiteConnection(path: path)
        let stored = try sqlite.query("SELECT slots, grid, words, stamps, docs, nets FROM windows ORDER BY id")
        #expect(stored.first == [.text("[0:2]=[7,8,9]"), .text("[1:2][0:1]=[[1,2],[3,null]]"), .text(#"[-3:-2]=["a,b","c\"d"]"#),
                                 .text(#"[5:5]=["2024-01-01 08:00:00"]"#), .text(#"[0:0]=[{"a":1}]"#),
                                 .text(#"[2:3]=["10.0.0.1","::1/64"]"#)])
        #expect(stored.last == [.text("[1,2]"), .text("[[1],[2]]"), .text("[]"), .null, .text("[]"), .text(#"["192.168.0.0/16"]"#)])
        #expect(throws: SQLiteError.self, "JSON functions refuse the decorated text") {
            try sqlite.query("SELECT json_array_length(slots) FROM windows")
        }

        let report = try SQLiteToPostgres(source: path, destination: source, options: .init(schema: "restored")).run()
        #expect(report.verification?.isEqual == true)
        let postgres = try PostgresConnection(source)
        try expectSameRows("windows", postgres)
        let bounds = try postgres.execute("SELECT array_dims(slots), array_dims(grid), array_dims(words) FROM restored.windows WHERE id = 1")
        #expect(bounds.rows == [["[0:2]", "[1:2][0:1]", "[-3:-2]"]])
    }

    @Test func aNULByteInTextIsRefusedWithAHintAndNothingIsLeft() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("nul.sqlite")
        let sqlite = try SQLiteConnection(path: path)
        try sqlite.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        let insert = try sqlite.prepare("INSERT INTO notes VALUES (?1, ?2)")
        try insert.run([.integer(1), .text("fine")])
        try insert.run([.integer(2), .text("before\u{0}after")])

        let target = try SharedCluster.freshDatabase(prefix: "nul")
        let error = #expect(throws: ImportError.self) {
            try SQLiteToPostgres(source: path, destination: target).run()
        }
        let message = error?.description ?? ""
        #expect(message.contains("table main.notes, column body, row id=2"), "\(message)")
        #expect(message.contains("value: 'before\\0after'"), "\(message)")
        #expect(message.contains("NUL byte"), "\(message)")
        #expect(message.contains("hint: remove the NUL byte, or store the value as a BLOB"), "\(message)")
        let tables = try PostgresConnection(target).execute("SELECT count(*) FROM pg_tables WHERE tablename = 'notes'")
        #expect(tables.value(row: 0, column: 0) == "0", "the failed import left a table behind")
    }
}
