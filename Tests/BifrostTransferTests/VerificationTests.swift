import BifrostPostgres
import BifrostSQLite
import BifrostTestSupport
import BifrostTransfer
import Foundation
import Testing

@Suite struct VerificationTests {
    /// A converted copy of the fixture, and a way to tamper with it.
    func convertedFixture() throws -> (ConnectionString, TemporaryDirectory, String) {
        let source = try SharedCluster.authlyDatabase()
        let directory = try TemporaryDirectory()
        let path = directory.file("authly.sqlite")
        let report = try PostgresToSQLite(source: source, destination: path).run()
        #expect(report.verification?.isEqual == true)
        #expect(report.verification?.tables.count == report.tables.count)
        return (source, directory, path)
    }

    @Test func anUntouchedConversionVerifiesEqual() throws {
        let (source, directory, path) = try convertedFixture()
        defer { directory.remove() }
        let report = try Verification(source: source, sqlitePath: path).run()
        #expect(report.isEqual)
        #expect(report.tables.allSatisfy { $0.postgresChecksum == $0.sqliteChecksum && $0.postgresRows > 0 })
    }

    @Test func oneChangedValueIsFoundWithItsKeyAndColumn() throws {
        let (source, directory, path) = try convertedFixture()
        defer { directory.remove() }
        let sqlite = try SQLiteConnection(path: path)
        let id = try #require(try sqlite.query("SELECT id FROM users ORDER BY id LIMIT 1 OFFSET 2").first?.first)
        // Without the translated updated_at trigger, which would change a second column.
        try sqlite.execute("DROP TRIGGER users_set_updated_at")
        try sqlite.execute("UPDATE users SET email = email || 'x' WHERE id = (SELECT id FROM users ORDER BY id LIMIT 1 OFFSET 2)")
        let report = try Verification(source: source, sqlitePath: path).run()
        #expect(!report.isEqual)
        let users = try #require(report.tables.first { $0.sqliteName == "users" })
        #expect(users.postgresChecksum != users.sqliteChecksum)
        #expect(users.differingRows == 1)
        guard case let .text(key) = id else { Issue.record("uuid key expected"); return }
        #expect(users.differences.map(\.description) == ["row id=\(key): email differ"])
        #expect(report.tables.filter { !$0.isEqual }.count == 1)
    }

    @Test func theSignOfZeroAndMissingOrExtraRowsAreFound() throws {
        let (source, directory, path) = try convertedFixture()
        defer { directory.remove() }
        let sqlite = try SQLiteConnection(path: path)
        // -0.0 and 0.0 compare equal in SQL: only the bits tell them apart.
        let flipped = try sqlite.query("SELECT id FROM audit_events WHERE duration_seconds = 0 AND 1 / duration_seconds IS NULL")
        try sqlite.execute("UPDATE audit_events SET duration_seconds = 0.0 WHERE duration_seconds = 0")
        try sqlite.execute("DELETE FROM oauth_scopes WHERE rowid = (SELECT min(rowid) FROM oauth_scopes)")
        try sqlite.execute("""
            CREATE TEMP TABLE extra AS SELECT * FROM users LIMIT 1;
            UPDATE extra SET id = 'ffffffff-ffff-4fff-8fff-ffffffffffff', username = 'extra', email = 'extra@example.com';
            INSERT INTO users SELECT * FROM extra;
            """)
        let report = try Verification(source: source, sqlitePath: path).run()
        let audit = try #require(report.tables.first { $0.sqliteName == "audit_events" })
        #expect(!flipped.isEmpty)
        #expect(audit.differences.contains { $0.columns == ["duration_seconds"] })
        let scopes = try #require(report.tables.first { $0.sqliteName == "oauth_scopes" })
        #expect(scopes.sqliteRows == scopes.postgresRows - 1)
        #expect(scopes.differences.map(\.kind) == [.onlyInPostgres])
        let users = try #require(report.tables.first { $0.sqliteName == "users" })
        #expect(users.differences.map(\.description) == ["row id=ffffffff-ffff-4fff-8fff-ffffffffffff: only in SQLite"])
    }

    @Test func verifyOnTheCommandLineExitsOneWhenDifferent() throws {
        let (source, directory, path) = try convertedFixture()
        defer { directory.remove() }
        let equal = try BifrostCommandRun(["verify", source.raw, path])
        #expect(equal.status == 0)
        #expect(equal.stdout.contains("equal: 9 tables"))
        try SQLiteConnection(path: path).execute("DELETE FROM tokens")
        let different = try BifrostCommandRun(["verify", source.raw, path, "--max-diffs", "2"])
        #expect(different.status == 1)
        #expect(different.stdout.contains("tokens"))
        #expect(different.stdout.contains("more differing rows (raise --max-diffs to see them)"))
        let broken = try BifrostCommandRun(["verify", source.raw, directory.file("missing.sqlite")])
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("error: "))
    }
}

@Suite struct CanonicalFormTests {
    @Test func paddedCharactersAndTheirArraysVerify() throws {
        let source = try SharedCluster.freshDatabase(prefix: "padded")
        try PostgresConnection(source).execute("""
            CREATE TABLE codes (id int PRIMARY KEY, code char(5), codes char(4)[], flag boolean, flags boolean[]);
            INSERT INTO codes VALUES (1, 'ab', ARRAY['x', 'yz  ', NULL]::char(4)[], true, '{t,f}'), (2, NULL, NULL, false, NULL);
            """)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let report = try PostgresToSQLite(source: source, destination: directory.file("c.sqlite")).run()
        #expect(report.verification?.isEqual == true)
        let rows = try SQLiteConnection(path: directory.file("c.sqlite")).query("SELECT code, codes FROM codes WHERE id = 1")
        #expect(rows == [[.text("ab   "), .text(#"["x   ","yz  ",null]"#)]])
    }
}
