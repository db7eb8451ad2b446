import BifrostSQLite
import BifrostSchema
import Testing

/// The corpus harness's own parts: the case-file parser and the answer comparison.
@Suite struct CorpusHarnessTests {
    @Test func parsesCasesAndDirectives() throws {
        let file = try CorpusFile.parse("""
            -- header comment
            -- case: first
            -- order: ordered
            -- params: ["a", 3, 2.5, null, true]
            -- dml-table: users(id, email)
            SELECT $1, $2
            -- a comment inside the statement
            FROM users;

            -- case: second
            -- refuse: unsupported-function pg_sleep
            -- allow: text-collation
            SELECT pg_sleep(0);
            """, file: "x.sql")
        #expect(file.cases.map(\.name) == ["first", "second"])
        let first = file.cases[0]
        #expect(first.line == 2)
        #expect(first.order == .ordered)
        #expect(first.parameters == [.text("a"), .integer(3, literal: "3"), .real(2.5, literal: "2.5"), .null, .boolean(true)])
        #expect(first.dmlTable?.name == "users" && first.dmlTable?.columns == ["id", "email"])
        #expect(first.sql == "SELECT $1, $2\n-- a comment inside the statement\nFROM users")
        #expect(file.cases[1].refusal?.code == "unsupported-function")
        #expect(file.cases[1].refusal?.message == "pg_sleep")
        #expect(file.cases[1].allowed == ["text-collation"])
    }

    @Test func rejectsMalformedCases() {
        #expect(throws: CorpusFormatError.self) { try CorpusFile.parse("-- case: a\nSELECT 1;", file: "x.sql") }
        #expect(throws: CorpusFormatError.self) { try CorpusFile.parse("-- case: a\n-- order: ordered\nSELECT 1", file: "x.sql") }
        #expect(throws: CorpusFormatError.self) { try CorpusFile.parse("-- case: a\n-- order: sorted\nSELECT 1;", file: "x.sql") }
    }

    @Test func typeNamesChooseTheComparison() {
        let types = [UserType(name: QualifiedName(schema: "public", name: "client_type"), definition: .enumeration(labels: ["a"])),
                     UserType(name: QualifiedName(schema: "public", name: "scope_name"),
                              definition: .domain(baseType: "character varying(100)", isNotNull: false, defaultExpression: nil, checks: []))]
        #expect(ValueKind.forTypeName("timestamp with time zone", types: types) == .timestamp)
        #expect(ValueKind.forTypeName("character varying(50)", types: types) == .text)
        #expect(ValueKind.forTypeName("text[]", types: types) == .array(.text))
        #expect(ValueKind.forTypeName("_int4", types: types) == .array(.integer))
        #expect(ValueKind.forTypeName("numeric(8,2)", types: types) == .number)
        #expect(ValueKind.forTypeName("double precision", types: types) == .number)
        #expect(ValueKind.forTypeName("client_type", types: types) == .text)
        #expect(ValueKind.forTypeName("public.scope_name", types: types) == .text)
        #expect(ValueKind.forTypeName("scope_name[]", types: types) == .array(.text))
        #expect(ValueKind.forTypeName(nil, types: types) == .unknown)
        #expect(ValueKind.forTypeName("tsvector", types: types) == .unknown)
    }

    @Test func equalValuesAgree() {
        let pairs: [(ValueKind, String?, SQLiteValue)] = [
            (.boolean, "t", .integer(1)),
            (.boolean, "f", .integer(0)),
            (.boolean, nil, .null),
            (.integer, "-9223372036854775808", .integer(.min)),
            (.number, "16.6666666666666667", .real(16.666666666666668)),
            (.number, "1.50", .real(1.5)),
            (.number, "123456.78", .text("123456.78")),
            (.number, "NaN", .text("NaN")),
            (.number, "-Infinity", .real(-.infinity)),
            (.number, "-0", .real(0)),
            (.number, "3", .integer(3)),
            (.text, "élodie", .text("élodie")),
            (.text, "5", .integer(5)),
            (.timestamp, "2024-06-01 06:30:00.5+00", .text("2024-06-01 06:30:00.5")),
            (.timestamp, "infinity", .text("infinity")),
            (.bytea, "\\x00ff", .blob([0, 255])),
            (.bytea, "\\x", .blob([])),
            (.json, #"{"b": [1, 2.50, null], "a": "x"}"#, .text(#"{"a":"x","b":[1,2.5,null]}"#)),
            (.json, "12345678901234567890", .text("12345678901234567890")),
            (.array(.text), #"{a,"b c",NULL,"","NULL","q\"uote","back\\slash"}"#, .text(#"["a","b c",null,"","NULL","q\"uote","back\\slash"]"#)),
            (.array(.integer), "{{1,2},{NULL,4}}", .text("[[1,2],[null,4]]")),
            (.array(.boolean), "{t,f}", .text("[true,false]")),
            (.array(.timestamp), #"{"2024-01-01 00:00:00+00"}"#, .text(#"["2024-01-01 00:00:00"]"#)),
            (.array(.text), "{}", .text("[]")),
            (.unknown, "42", .integer(42)),
        ]
        for (kind, postgres, sqlite) in pairs {
            #expect(Array(kind.canonical(postgres: postgres).utf8) == Array(kind.canonical(sqlite: sqlite).utf8),
                    "\(kind): \(postgres ?? "NULL") vs \(sqlite)")
        }
    }

    @Test func differentValuesDiffer() {
        let pairs: [(ValueKind, String?, SQLiteValue)] = [
            (.boolean, "t", .integer(0)),
            (.boolean, "t", .text("t")),
            (.boolean, nil, .integer(0)),
            (.integer, "3", .real(3)),
            (.number, "0.3", .real(0.30000000000000004)),
            (.text, "Élodie", .text("E\u{301}lodie")),
            (.text, "true", .integer(1)),
            (.timestamp, "2024-06-01 06:30:00+00", .text("2024-06-01 06:30:00+00")),
            (.json, #"{"a": true}"#, .text(#"{"a":1}"#)),
            (.json, #""x""#, .text("x")),
            (.json, "12345678901234567890", .real(1.23456789012346e19)),
            (.array(.text), "{a,NULL}", .text(#"["a","NULL"]"#)),
            (.array(.integer), "{{1,2}}", .text("[1,2]")),
            (.unknown, "t", .integer(1)),
        ]
        for (kind, postgres, sqlite) in pairs {
            #expect(Array(kind.canonical(postgres: postgres).utf8) != Array(kind.canonical(sqlite: sqlite).utf8),
                    "\(kind): \(postgres ?? "NULL") vs \(sqlite)")
        }
    }

    @Test func rowsCompareInOrderOrAsMultisets() {
        let kinds: [ValueKind] = [.integer, .text]
        let postgres: [[String?]] = [["1", "a"], ["2", nil], ["2", nil]]
        let shuffled: [[SQLiteValue]] = [[.integer(2), .null], [.integer(1), .text("a")], [.integer(2), .null]]
        #expect(ResultComparison(kinds: kinds, postgresRows: postgres, sqliteRows: shuffled, ordered: false).difference() == nil)
        #expect(ResultComparison(kinds: kinds, postgresRows: postgres, sqliteRows: shuffled, ordered: true).difference() != nil)
        let fewer = Array(shuffled.prefix(2))
        let decomposed: [[SQLiteValue]] = [[.integer(1), .text("E\u{301}lodie")]]
        #expect(ResultComparison(kinds: kinds, postgresRows: [["1", "Élodie"]], sqliteRows: decomposed, ordered: true).difference() != nil)
        #expect(ResultComparison(kinds: kinds, postgresRows: postgres, sqliteRows: fewer, ordered: false).difference() != nil)
    }
}
