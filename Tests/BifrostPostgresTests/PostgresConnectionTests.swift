import BifrostPostgres
import BifrostTestSupport
import Testing

@Suite struct PostgresConnectionTests {
    @Test func queryBindsParametersInsteadOfPastingThem() throws {
        let connection = try PostgresConnection(try SharedCluster.freshDatabase())
        let hostile = "'); DROP TABLE x; --"
        let result = try connection.query("SELECT $1::text, $2::int + 1, $3::text IS NULL", [hostile, "41", nil])
        #expect(result.rows == [[hostile, "42", "t"]])
    }

    @Test func preparedStatementsRunManyTimesWithNewParameters() throws {
        let connection = try PostgresConnection(try SharedCluster.freshDatabase())
        try connection.execute("CREATE TABLE scopes (name text PRIMARY KEY, is_default boolean)")
        let insert = try connection.prepare("INSERT INTO scopes VALUES ($1, $2)", name: "insert_scope")
        for (name, isDefault) in [("openid", "true"), ("profile", "false"), ("o'brien", nil)] {
            #expect(try connection.execute(insert, [name, isDefault]).affectedRows == 1)
        }
        let rows = try connection.execute("SELECT name, is_default FROM scopes ORDER BY name").rows
        #expect(rows == [["o'brien", nil], ["openid", "t"], ["profile", "f"]])
        let error = try #require(throws: PostgresError.self) { try connection.execute(insert, ["openid", "true"]) }
        #expect(error.sqlState == SQLState.uniqueViolation)
    }

    @Test func sessionSettingsGiveExactTextForms() throws {
        let connection = try PostgresConnection(try SharedCluster.freshDatabase())
        let row = try connection.execute("""
            SELECT '2024-06-01 12:00:00+05:30'::timestamptz::text, interval '1 day 2 hours'::text, 0.1::float8::text
            """).rows[0]
        #expect(row == ["2024-06-01 06:30:00+00", "P1DT2H", "0.1"])
    }

    @Test func serverErrorCarriesSQLStateMessageAndStatement() throws {
        let connection = try PostgresConnection(try SharedCluster.freshDatabase())
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("SELECT * FROM no_such_table")
        }
        #expect(error.kind == .server)
        #expect(error.sqlState == SQLState.undefinedTable)
        #expect(error.message == "relation \"no_such_table\" does not exist")
        #expect(error.position == 15)
        #expect(error.description.contains("42P01"))
        #expect(error.description.contains("SELECT * FROM no_such_table"))
        // The connection stays usable after an error.
        #expect(try connection.execute("SELECT 1").rows == [["1"]])
    }

    @Test func constraintViolationNamesTableAndConstraint() throws {
        let connection = try PostgresConnection(try SharedCluster.freshDatabase())
        try connection.execute("CREATE TABLE users (email text CONSTRAINT users_email_key UNIQUE)")
        try connection.query("INSERT INTO users VALUES ($1)", ["a@example.com"])
        let error = try #require(throws: PostgresError.self) {
            try connection.query("INSERT INTO users VALUES ($1)", ["a@example.com"])
        }
        #expect(error.sqlState == SQLState.uniqueViolation)
        #expect(error.tableName == "users")
        #expect(error.constraintName == "users_email_key")
        #expect(error.detail == "Key (email)=(a@example.com) already exists.")
    }

    @Test func badConnectionStringFailsWithoutShowingThePassword() throws {
        let secret = "s3cr3t-pa55word"
        let error = try #require(throws: PostgresError.self) {
            try PostgresConnection("postgresql://alice:\(secret)@127.0.0.1:1/authly?connect_timeout=2")
        }
        #expect(error.kind == .connection)
        #expect(error.description.contains("cannot connect to alice@127.0.0.1:1/authly"))
        #expect(!error.description.contains(secret))

        let unparseable = try #require(throws: PostgresError.self) {
            try PostgresConnection("host=localhost password=\(secret) bogus_option=1")
        }
        #expect(!unparseable.description.contains(secret))
    }

    @Test func connectionStringDescriptionMasksThePassword() {
        let url = ConnectionString("postgresql://alice:hunter2@db.example.com:6543/prod?sslmode=require")
        #expect(!url.description.contains("hunter2"))
        #expect(url.description.contains("password=********"))
        #expect(url.label == "alice@db.example.com:6543/prod")
        #expect(!ConnectionString("host=x password=hunter2").description.contains("hunter2"))
    }

    @Test func copyOutStreamsEveryRow() throws {
        let connection = try PostgresConnection(try SharedCluster.freshDatabase())
        var lines: [String] = []
        try connection.copyOut("COPY (SELECT i, 'row ' || i FROM generate_series(1, 1000) i) TO STDOUT") {
            lines.append(String(decoding: $0, as: UTF8.self))
        }
        #expect(lines.count == 1000)
        #expect(lines.first == "1\trow 1\n")
        #expect(lines.last == "1000\trow 1000\n")
    }

    @Test func copyOutStopsCleanlyWhenTheConsumerThrows() throws {
        let connection = try PostgresConnection(try SharedCluster.freshDatabase())
        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            try connection.copyOut("COPY (SELECT i FROM generate_series(1, 1000000) i) TO STDOUT") { _ in
                seen += 1
                if seen == 10 { throw Enough() }
            }
        }
        #expect(seen == 10)
        #expect(try connection.execute("SELECT 2").rows == [["2"]])
    }

    @Test func copyOutReportsServerErrors() throws {
        let connection = try PostgresConnection(try SharedCluster.freshDatabase())
        let error = try #require(throws: PostgresError.self) {
            try connection.copyOut("COPY (SELECT 1 / (i - 5) FROM generate_series(1, 10) i) TO STDOUT") { _ in }
        }
        #expect(error.sqlState == "22012")  // division_by_zero
    }
}
