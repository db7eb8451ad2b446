import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostTestSupport
import BifrostTransfer
import Foundation
import Testing

@Suite struct ConvertFaultTests {
    /// A JSON null inside a jsonb array would read back as a NULL element: the conversion
    /// stops, naming table, column, key and the fix, and that fix keeps the value.
    @Test func aValueWithoutAnExactFormStopsWithTableColumnKeyAndFix() throws {
        let source = try SharedCluster.freshDatabase()
        try PostgresConnection(source).execute("""
            CREATE TABLE docs (id int PRIMARY KEY, parts jsonb[]);
            INSERT INTO docs VALUES (1, ARRAY['{"a": 1}', NULL]::jsonb[]), (2, ARRAY['null', '1']::jsonb[]);
            """)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = #expect(throws: ConversionError.self) {
            try PostgresToSQLite(source: source, destination: directory.file("d.sqlite")).run()
        }
        let message = error?.description ?? ""
        #expect(message.contains("table public.docs, column parts, row id=2"), "\(message)")
        #expect(message.contains("JSON value null"), "\(message)")
        #expect(message.contains("fix: map the column to text"), "\(message)")
        #expect(try directory.contents().isEmpty, "no file, no temporary file")

        // The fix the message names works, and keeps the difference.
        let rulesPath = directory.file("my.rules")
        try "column public.docs.parts -> text\n".write(toFile: rulesPath, atomically: true, encoding: .utf8)
        let options = PostgresToSQLite.Options(rules: try MappingRules.load(path: rulesPath))
        _ = try PostgresToSQLite(source: source, destination: directory.file("d.sqlite"), options: options).run()
        let rows = try SQLiteConnection(path: directory.file("d.sqlite")).query("SELECT parts FROM docs ORDER BY id")
        #expect(rows == [[.text(#"{"{\"a\": 1}",NULL}"#)], [.text(#"{"null",1}"#)]])
    }

    /// `--on-error=skip`: the bad rows go to the reject file with their reason, are counted,
    /// and verification expects exactly them on PostgreSQL's side only.
    @Test func skippedRowsGoToTheRejectFileAndAreCounted() throws {
        let source = try SharedCluster.freshDatabase()
        try PostgresConnection(source).execute("""
            CREATE TABLE docs (id int PRIMARY KEY, parts jsonb[]);
            INSERT INTO docs SELECT n, ARRAY[to_jsonb(n), '{}']::jsonb[] FROM generate_series(1, 500) AS n;
            UPDATE docs SET parts = ARRAY['null']::jsonb[] WHERE id IN (17, 333);
            """)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let rejectPath = directory.file("d.rejects.jsonl")
        let options = PostgresToSQLite.Options(onError: .skip(rejectFile: rejectPath))
        let report = try PostgresToSQLite(source: source, destination: directory.file("d.sqlite"), options: options).run()
        #expect(report.tables.map(\.rows) == [498] && report.tables.map(\.rejects) == [2])
        #expect(report.verification?.isEqual == true)
        #expect(report.verification?.tables.first?.onlyInPostgresRows == 2)
        #expect(report.notes.contains { $0.contains("2 rows left out") && $0.contains(rejectPath) })

        let lines = try String(contentsOfFile: rejectPath, encoding: .utf8).split(separator: "\n")
        let rejected = try lines.map { try JSONDecoder().decode(RejectedRow.self, from: Data($0.utf8)) }
        #expect(rejected.map(\.key) == ["id=17", "id=333"])
        #expect(rejected.allSatisfy { $0.table == "public.docs" && $0.column == "parts" && $0.reason.contains("JSON value null") })
        let attributes = try FileManager.default.attributesOfItem(atPath: rejectPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "rejected rows may hold secrets")
        let stored = try SQLiteConnection(path: directory.file("d.sqlite")).query("SELECT count(*) FROM docs WHERE id IN (17, 333)")
        #expect(stored == [[.integer(0)]])
    }

    @Test func anEmptySchemaIsAnErrorThatNamesTheOption() throws {
        let source = try SharedCluster.freshDatabase()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = #expect(throws: ConversionError.self) {
            try PostgresToSQLite(source: source, destination: directory.file("x.sqlite")).run()
        }
        #expect(error?.description.contains("--schema") == true)
        #expect(try directory.contents().isEmpty)
    }

    @Test func aFailedConversionLeavesAnExistingFileUntouched() throws {
        let source = try SharedCluster.freshDatabase()
        try PostgresConnection(source).execute("CREATE TABLE t (id int PRIMARY KEY, a jsonb[]); INSERT INTO t VALUES (1, ARRAY['null']::jsonb[])")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let destination = directory.file("keep.sqlite")
        try "previous content".write(toFile: destination, atomically: true, encoding: .utf8)
        #expect(throws: ConversionError.self) {
            try PostgresToSQLite(source: source, destination: destination).run()
        }
        #expect(try String(contentsOfFile: destination, encoding: .utf8) == "previous content")
        #expect(try directory.contents() == ["keep.sqlite"])
    }

    @Test func quotedIdentifiersSurviveTheTrip() throws {
        let source = try SharedCluster.freshDatabase()
        try PostgresConnection(source).execute(#"""
            CREATE TABLE "Odd ""Table""" ("select" int PRIMARY KEY, "Mixed Case" text, "from" text);
            INSERT INTO "Odd ""Table""" VALUES (1, 'a', 'b');
            """#)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try PostgresToSQLite(source: source, destination: directory.file("q.sqlite")).run()
        let rows = try SQLiteConnection(path: directory.file("q.sqlite"))
            .query("SELECT \"select\", \"Mixed Case\", \"from\" FROM \"Odd \"\"Table\"\"\"")
        #expect(rows == [[.integer(1), .text("a"), .text("b")]])
    }
}

@Suite struct TypeZooTests {
    /// Every built-in type family a production schema may hold converts, each value stored
    /// in the form the mapping names (text form for the types without a dedicated codec).
    @Test func everyBuiltInTypeFamilyConverts() throws {
        let source = try SharedCluster.freshDatabase(prefix: "zoo")
        try PostgresConnection(source).execute(#"""
            CREATE TYPE pair AS (a int, b text);
            CREATE DOMAIN us_zip AS text CHECK (VALUE ~ '^[0-9]{5}$');
            CREATE TABLE zoo (
                id int PRIMARY KEY, i2 int2, i8 int8, o oid, c "char", nm name, bp char(5), vb varbit(8), b bit(3),
                ip inet, net cidr, mac macaddr, mac8 macaddr8, money_value money, tv tsvector, tq tsquery,
                rng int4range, trng tstzrange, mrng int4multirange, pt point, bx box, ci circle,
                x xml, tz timetz, t time, iv interval, ivs interval[], d date, ts timestamp, dates date[],
                stamps timestamptz[], zip us_zip, zips us_zip[], p pair, js jsonb[], u uuid[], bools boolean[],
                nums numeric(6,2)[], floats float4[], blobs bytea[], hosts inet[], grid interval[][]
            );
            INSERT INTO zoo VALUES (1, -32768, 9223372036854775807, 4294967295, 'x', 'pg_name', 'ab', B'101', B'110',
                '10.0.0.1/8', '10.0.0.0/8', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05', 12.34, 'a fat cat',
                'fat & cat', '[1,5)', '[2024-01-01 00:00+00,2024-02-01 00:00+00)', '{[1,3),[7,9)}', '(1,2)', '((0,0),(1,1))',
                '<(0,0),1>', '<a>1</a>', '12:00:00+05:30', '24:00:00', '-1 year 2 mons -3 days 04:05:06.789',
                ARRAY['1 day', NULL, '-2 hours']::interval[], '0044-03-15 BC', '2024-02-29 12:00:00.000001',
                ARRAY['2024-01-01', 'infinity', NULL]::date[], ARRAY['2024-06-01 12:00+02', '-infinity']::timestamptz[],
                '12345', ARRAY['12345', NULL]::us_zip[], ROW(1, 'x"y'), ARRAY['{"a": 1}', NULL]::jsonb[],
                ARRAY['A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11']::uuid[], '{t,f,NULL}', '{1.50,-2,NULL}', '{NaN,-Infinity,1.5}',
                ARRAY['\x00ff'::bytea, '\x'::bytea], ARRAY['192.168.1.10', NULL, '10.0.0.0/8']::inet[],
                ARRAY[['1 day', '2 hours'], ['0', NULL]]::interval[][]);
            INSERT INTO zoo (id) VALUES (2);
            """#)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try PostgresToSQLite(source: source, destination: directory.file("zoo.sqlite")).run()
        let sqlite = try SQLiteConnection(path: directory.file("zoo.sqlite"))
        let statement = try sqlite.prepare("SELECT * FROM zoo WHERE id = 1")
        #expect(try statement.step())
        var row: [String: SQLiteValue] = [:]
        for index in 0..<statement.columnCount { row[statement.columnName(index)] = statement.value(at: index) }
        let expected: [String: SQLiteValue] = [
            "i2": .integer(-32768), "i8": .integer(9223372036854775807), "o": .text("4294967295"), "c": .text("x"),
            "nm": .text("pg_name"), "bp": .text("ab   "), "vb": .text("101"), "b": .text("110"),
            "ip": .text("10.0.0.1/8"), "net": .text("10.0.0.0/8"), "mac": .text("08:00:2b:01:02:03"),
            "mac8": .text("08:00:2b:01:02:03:04:05"), "money_value": .text("$12.34"), "tv": .text("'a' 'cat' 'fat'"),
            "tq": .text("'fat' & 'cat'"), "rng": .text("[1,5)"),
            "trng": .text("[\"2024-01-01 00:00:00+00\",\"2024-02-01 00:00:00+00\")"), "mrng": .text("{[1,3),[7,9)}"),
            "pt": .text("(1,2)"), "bx": .text("(1,1),(0,0)"), "ci": .text("<(0,0),1>"), "x": .text("<a>1</a>"),
            "tz": .text("12:00:00+05:30"), "t": .text("24:00:00"), "iv": .text("P-10M-3DT4H5M6.789S"),
            "ivs": .text("[\"P1D\",null,\"PT-2H\"]"), "d": .text("0044-03-15 BC"), "ts": .text("2024-02-29 12:00:00.000001"),
            "dates": .text("[\"2024-01-01\",\"infinity\",null]"),
            "stamps": .text("[\"2024-06-01 10:00:00\",\"-infinity\"]"), "zip": .text("12345"),
            "zips": .text("[\"12345\",null]"), "p": .text("(1,\"x\"\"y\")"), "js": .text("[{\"a\":1},null]"),
            "u": .text("[\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"]"), "bools": .text("[true,false,null]"),
            "nums": .text("[1.50,-2.00,null]"), "floats": .text("[\"NaN\",\"-Infinity\",1.5]"),
            "blobs": .text("[\"\\\\x00ff\",\"\\\\x\"]"),
            "hosts": .text(#"["192.168.1.10",null,"10.0.0.0/8"]"#), "grid": .text(#"[["P1D","PT2H"],["PT0S",null]]"#),
        ]
        for (column, value) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(row[column] == value, "column \(column)")
        }
        let nulls = try sqlite.query("SELECT count(*) FROM zoo WHERE id = 2 AND ip IS NULL AND js IS NULL AND p IS NULL")
        #expect(nulls == [[.integer(1)]])
    }
}
