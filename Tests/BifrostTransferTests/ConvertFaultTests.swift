import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostTestSupport
import BifrostTransfer
import Foundation
import Testing

@Suite struct ConvertFaultTests {
    @Test func aValueWithoutAnExactFormStopsWithTableColumnKeyAndFix() throws {
        let source = try SharedCluster.freshDatabase()
        try PostgresConnection(source).execute("""
            CREATE TABLE windows (id int PRIMARY KEY, slots int[]);
            INSERT INTO windows VALUES (1, '{1,2}'), (2, '[0:2]={7,8,9}');
            """)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = #expect(throws: ConversionError.self) {
            try PostgresToSQLite(source: source, destination: directory.file("w.sqlite")).run()
        }
        let message = error?.description ?? ""
        #expect(message.contains("table public.windows, column slots, row id=2"))
        #expect(message.contains("lower bound 0"))
        #expect(message.contains("fix: map the column to text"))
        #expect(try directory.contents().isEmpty, "no file, no temporary file")

        // The fix the message names works, and keeps the bounds.
        let rulesPath = directory.file("my.rules")
        try "column public.windows.slots -> text\n".write(toFile: rulesPath, atomically: true, encoding: .utf8)
        let options = PostgresToSQLite.Options(rules: try MappingRules.load(path: rulesPath))
        _ = try PostgresToSQLite(source: source, destination: directory.file("w.sqlite"), options: options).run()
        let rows = try SQLiteConnection(path: directory.file("w.sqlite")).query("SELECT slots FROM windows ORDER BY id")
        #expect(rows == [[.text("{1,2}")], [.text("[0:2]={7,8,9}")]])
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
        try PostgresConnection(source).execute("CREATE TABLE t (id int PRIMARY KEY, a int[]); INSERT INTO t VALUES (1, '[2:2]={1}')")
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
