import BifrostSQLite
import Foundation
import Testing

@Suite struct SQLiteConnectionTests {
    let database: SQLiteConnection

    init() throws {
        database = try SQLiteConnection(path: ":memory:")
    }

    @Test func storageClassesRoundTripThroughBoundParameters() throws {
        try database.execute("CREATE TABLE t (v)")
        let values: [SQLiteValue] = [
            .null, .integer(Int64.min), .integer(Int64.max), .real(-0.0), .real(.infinity),
            .real(1e-300), .text(""), .text("é\u{301}👩‍💻\n'\"\\\0x"), .blob([]), .blob([0, 255, 0]),
        ]
        let insert = try database.prepare("INSERT INTO t (v) VALUES (?1)")
        for value in values { try insert.run([value]) }
        let stored = try database.query("SELECT v FROM t ORDER BY rowid").map { $0[0] }
        #expect(stored == values)
        let classes = try database.query("SELECT typeof(v) FROM t ORDER BY rowid").map { $0[0] }
        #expect(classes == values.map { .text($0.storageClass) })
    }

    @Test func constraintViolationCarriesCodeMessageAndSQL() throws {
        try database.execute("CREATE TABLE users (email TEXT UNIQUE NOT NULL)")
        let insert = try database.prepare("INSERT INTO users (email) VALUES (?1)")
        try insert.run([.text("a@example.com")])
        let error = try #require(throws: SQLiteError.self) {
            try insert.run([.text("a@example.com")])
        }
        #expect(error.isConstraintViolation)
        #expect(error.extendedCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(error.message.contains("UNIQUE constraint failed: users.email"))
        #expect(error.description.contains("INSERT INTO users"))
        #expect(!error.description.contains("a@example.com"), "bound values stay out of messages")
    }

    @Test func syntaxErrorNamesTheStatement() throws {
        let error = try #require(throws: SQLiteError.self) { try database.prepare("SELEC 1") }
        #expect(error.code == 1)
        #expect(error.message.contains("syntax error"))
        #expect(error.sql == "SELEC 1")
    }

    @Test func transactionRollsBackWhenTheBodyThrows() throws {
        try database.execute("CREATE TABLE t (v INTEGER)")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try database.transaction {
                try database.execute("INSERT INTO t VALUES (1)")
                throw Stop()
            }
        }
        #expect(try database.query("SELECT count(*) FROM t") == [[.integer(0)]])
    }

    @Test func identifiersAreQuotedWithEmbeddedQuotesDoubled() throws {
        let name = "we\"ird table"
        try database.execute("CREATE TABLE \(SQLiteConnection.quoteIdentifier(name)) (\"select\" INTEGER)")
        #expect(try database.query("SELECT name FROM sqlite_schema") == [[.text(name)]])
    }

    @Test func openingAMissingFileReadOnlyFails() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID()).sqlite").path
        let error = try #require(throws: SQLiteError.self) {
            try SQLiteConnection(path: path, mode: .readOnly)
        }
        #expect(error.description.contains(path))
    }
}
