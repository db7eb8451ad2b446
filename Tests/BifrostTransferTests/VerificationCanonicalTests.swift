import BifrostPostgres
import BifrostSQLite
import BifrostTestSupport
@testable import BifrostTransfer
import Testing

/// The canonical row encoding, its hash and the text COPY parser, on their own.
@Suite struct VerificationCanonicalTests {
    /// A row of text fields (`nil` for NULL) in canonical form.
    func row(_ fields: [String?]) -> CanonicalRow {
        var row = CanonicalRow()
        for field in fields {
            guard var field else {
                row.appendNull()
                continue
            }
            row.beginField()
            field.withUTF8 { row.append(UnsafeRawBufferPointer($0)) }
            row.endField()
        }
        return row
    }

    @Test func fieldsSplitDifferentlyHashDifferently() {
        #expect(row(["ab", "c"]).hash != row(["a", "bc"]).hash)
        #expect(row(["abc", ""]).hash != row(["", "abc"]).hash)
        #expect(row(["ab", "c"]).hash == row(["ab", "c"]).hash)
    }

    @Test func nullDiffersFromEmptyTextAndFromTheTextNULL() {
        let hashes = [row([nil]), row([""]), row(["NULL"]), row(["\u{0}NULL"]), row(["\\N"]), row([nil, nil]), row([])].map(\.hash)
        #expect(Set(hashes).count == hashes.count)
    }

    @Test func theFieldsReadBackAsWritten() {
        let written = row(["a", nil, "", "é"])
        #expect(written.fieldCount == 4)
        #expect((0..<4).map { written.field($0).map { Array($0) } } == [Array("a".utf8), nil, [], Array("é".utf8)])
        #expect((0..<4).map(written.text) == ["a", "NULL", "", "é"])
    }

    @Test func everyByteOfALongRowCounts() {
        let text = String(repeating: "x", count: 100)
        let base = row([text]).hash
        for position in [0, 7, 8, 63, 99] {
            var changed = Array(text.utf8)
            changed[position] = UInt8(ascii: "y")
            #expect(row([String(decoding: changed, as: UTF8.self)]).hash != base)
        }
    }

    @Test func theChecksumIgnoresRowOrder() {
        var forward = RowChecksum()
        var backward = RowChecksum()
        let rows = [row(["1", "a"]), row(["2", nil]), row(["3", ""])]
        rows.forEach { forward.add($0) }
        rows.reversed().forEach { backward.add($0) }
        #expect(forward.hex == backward.hex && forward.hex.count == 16)
    }

    @Test func copyTextFieldsAreSplitAndUnescaped() {
        // a<TAB>b | NULL | empty | the text \N | x<NEWLINE> | \ | octal and hex escapes
        let line = Array("a\\tb\t\\N\t\t\\\\N\tx\\n\t\\\\\t\\101\\x42\n".utf8)
        var parser = CopyTextParser()
        var fields: [String?] = []
        line.withUnsafeBytes { bytes in
            parser.forEachField(in: bytes) { index, text in
                #expect(index == fields.count)
                fields.append(text.map { String(decoding: $0, as: UTF8.self) })
            }
        }
        #expect(fields == ["a\tb", nil, "", "\\N", "x\n", "\\", "AB"])
    }
}

/// Verification against real databases: what the checksums must catch, and the rows named.
@Suite struct VerificationDifferenceTests {
    /// A fresh database with `setup` run in it, converted (and verified equal) into a file.
    func converted(_ setup: String) throws -> (ConnectionString, TemporaryDirectory, SQLiteConnection) {
        let source = try SharedCluster.freshDatabase(prefix: "verify")
        try PostgresConnection(source).execute(setup)
        let directory = try TemporaryDirectory()
        let path = directory.file("v.sqlite")
        let report = try PostgresToSQLite(source: source, destination: path).run()
        #expect(report.verification?.isEqual == true)
        return (source, directory, try SQLiteConnection(path: path))
    }

    func verify(_ source: ConnectionString, _ directory: TemporaryDirectory) throws -> TableVerificationReport {
        let report = try Verification(source: source, sqlitePath: directory.file("v.sqlite")).run()
        return try #require(report.tables.first)
    }

    @Test func valuesMovedAcrossAFieldBoundaryAreFound() throws {
        let (source, directory, sqlite) = try converted("""
            CREATE TABLE pairs (id int PRIMARY KEY, a text, b text);
            INSERT INTO pairs VALUES (1, 'ab', 'c'), (2, 'x', 'y');
            """)
        defer { directory.remove() }
        try sqlite.execute("UPDATE pairs SET a = 'a', b = 'bc' WHERE id = 1")
        let table = try verify(source, directory)
        #expect(table.postgresChecksum != table.sqliteChecksum)
        #expect(table.differences.map(\.description) == ["row id=1: a, b differ"])
    }

    @Test func nullEmptyTextAndTheTextNULLStayApart() throws {
        let (source, directory, sqlite) = try converted("""
            CREATE TABLE texts (id int PRIMARY KEY, value text);
            INSERT INTO texts VALUES (1, NULL), (2, ''), (3, 'NULL'), (4, E'\\\\N'), (5, E'tab\\there\\nnewline\\\\');
            """)
        defer { directory.remove() }
        try sqlite.execute("""
            UPDATE texts SET value = CASE id WHEN 1 THEN '' WHEN 2 THEN NULL WHEN 3 THEN NULL WHEN 4 THEN NULL END
            WHERE id <= 4
            """)
        let table = try verify(source, directory)
        #expect(table.differences.map(\.description) == (1...4).map { "row id=\($0): value differ" })
    }

    @Test func oneChangedValueAmongManyRowsIsFoundAndNamed() throws {
        let (source, directory, sqlite) = try converted("""
            CREATE TABLE readings (id bigint PRIMARY KEY, label text, value float8, amount numeric(12,2),
                                   taken timestamptz, raw bytea, ok boolean, ref uuid, tags int[]);
            INSERT INTO readings
            SELECT i, 'reading ' || i, i / 7.0, i * 1.25, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second',
                   int8send(i), i % 2 = 0, md5(i::text)::uuid, ARRAY[i, i + 1]
            FROM generate_series(1, 50000) AS i;
            """)
        defer { directory.remove() }
        try sqlite.execute("UPDATE readings SET value = value + 1e-9 WHERE id = 31337")
        let table = try verify(source, directory)
        #expect(table.postgresRows == 50000 && table.sqliteRows == 50000)
        #expect(table.differingRows == 1)
        #expect(table.differences.map(\.description) == ["row id=31337: value differ"])
    }
}
