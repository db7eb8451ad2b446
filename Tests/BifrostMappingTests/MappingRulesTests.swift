@testable import BifrostMapping
import BifrostSchema
import Testing

@Suite struct MappingRulesTests {
    static let text = TypeReference(oid: 25, schema: "pg_catalog", name: "text", kind: .base)
    static let int4 = TypeReference(oid: 23, schema: "pg_catalog", name: "int4", kind: .base)
    static let inet = TypeReference(oid: 869, schema: "pg_catalog", name: "inet", kind: .base)

    func column(_ name: String, _ type: TypeReference, bases: [TypeReference] = [], element: ArrayElement? = nil) -> Column {
        Column(name: name, type: ColumnType(declaration: type.name, typmod: -1, type: type, domainBases: bases, element: element),
               isNullable: true)
    }

    let users = QualifiedName(schema: "public", name: "users")

    @Test func defaultRulesComeFromTheMappingsFile() {
        let rules = MappingRules.defaultRules.rules
        #expect(rules.first?.match == .type("int2"))
        #expect(rules.first?.codec == .integer)
        #expect(rules.first?.origin.hasPrefix("Mappings/postgres-to-sqlite.rules:") == true)
        #expect(rules.last?.match == .anyType)
        #expect(MappingRules.defaultRulesText.hasPrefix("# Bifrost: how PostgreSQL values are stored in SQLite"))
    }

    @Test func parseErrorsNameFileAndLine() {
        let badCodec = #expect(throws: MappingFileError.self) {
            try MappingRules(parsing: "# comment\n\ntype int4 -> integr\n", origin: "my.rules")
        }
        #expect(badCodec?.description.hasPrefix("my.rules:3: unknown codec `integr`") == true)
        let badShape = #expect(throws: MappingFileError.self) {
            try MappingRules(parsing: "type int4 integer", origin: "my.rules")
        }
        #expect(badShape?.description.contains("my.rules:1: expected") == true)
        let badColumn = #expect(throws: MappingFileError.self) {
            try MappingRules(parsing: "column users.email -> text", origin: "my.rules")
        }
        #expect(badColumn?.description.contains("SCHEMA.TABLE.COLUMN") == true)
    }

    @Test func userRulesComeFirstAndColumnRulesBeatTypeRules() throws {
        let user = try MappingRules(parsing: """
            column public.users.age -> text   # trailing comment
            type inet -> text
            """, origin: "my.rules")
        let planner = MappingPlanner(rules: MappingRules(rules: user.rules + MappingRules.defaultRules.rules))
        let age = try planner.plan(column("age", Self.int4), in: users)
        #expect(age.rule.origin == "my.rules:1")
        #expect(age.copyExpression == "CASE WHEN \"age\" IS NULL THEN NULL ELSE format('%s', \"age\") END",
                "stored in its output form (a cast to text differs for some types)")
        let score = try planner.plan(column("score", Self.int4), in: users)
        #expect(score.codec.name == "integer")
        #expect(score.copyExpression == "\"score\"")
    }

    @Test func domainsFallBackToTheirBaseTypeAndArraysToTheirElements() throws {
        let domain = TypeReference(oid: 90000, schema: "public", name: "email", kind: .domain)
        let planner = MappingPlanner()
        let email = try planner.plan(column("email", domain, bases: [Self.text]), in: users)
        #expect(email.codec.name == "text")
        #expect(email.copyExpression == "\"email\"")

        let inetArray = TypeReference(oid: 1041, schema: "pg_catalog", name: "_inet", kind: .array)
        let addresses = try planner.plan(column("addresses", inetArray, element: ArrayElement(type: Self.inet)), in: users)
        #expect(addresses.codec.name == "json-array")
        #expect(addresses.copyExpression == "\"addresses\"::text", "inet elements are read from the array's text form")
    }

    @Test func aRuleWhoseCodecCannotReadTheTypeIsRefusedWithTheRuleNamed() throws {
        let user = try MappingRules(parsing: "type text -> integer", origin: "my.rules")
        let planner = MappingPlanner(rules: user)
        let error = #expect(throws: MappingError.self) {
            try planner.plan(column("name", Self.text), in: users)
        }
        #expect(error?.description.contains("rule `type text -> integer` (my.rules:1) cannot store column name of public.users") == true)
    }

    @Test func aTypeNoRuleMatchesIsNamedWithTheRuleToAdd() throws {
        let planner = MappingPlanner(rules: try MappingRules(parsing: "type int4 -> integer", origin: "my.rules"))
        let error = #expect(throws: MappingError.self) {
            try planner.plan(column("address", Self.inet), in: users)
        }
        #expect(error?.description.contains("no mapping rule for column address of public.users") == true)
        #expect(error?.description.contains("`type inet -> text`") == true)
    }
}

@Suite struct ValueFormTests {
    @Test func timestampsPrintLikePostgreSQL() {
        let day: Int64 = 86_400_000_000
        #expect(PostgresCalendar.formatTimestamp(microsecondsSince2000: 0) == "2000-01-01 00:00:00")
        #expect(PostgresCalendar.formatTimestamp(microsecondsSince2000: -1) == "1999-12-31 23:59:59.999999")
        #expect(PostgresCalendar.formatTimestamp(microsecondsSince2000: -10_957 * day) == "1970-01-01 00:00:00")
        #expect(PostgresCalendar.formatTimestamp(microsecondsSince2000: 59 * day + 500_000) == "2000-02-29 00:00:00.5")
        #expect(PostgresCalendar.formatTimestamp(microsecondsSince2000: -730_119 * day) == "0001-01-01 00:00:00")
        #expect(PostgresCalendar.formatTimestamp(microsecondsSince2000: -730_120 * day) == "0001-12-31 00:00:00 BC")
        #expect(PostgresCalendar.formatTimestamp(microsecondsSince2000: .max) == "infinity")
        #expect(PostgresCalendar.formatTimestamp(microsecondsSince2000: .min) == "-infinity")
        #expect(PostgresCalendar.formatTime(microseconds: 86_400_000_000) == "24:00:00")
        #expect(PostgresCalendar.formatTime(microseconds: 3_723_000_010) == "01:02:03.00001")
    }

    @Test func jsonLosesOnlyInsignificantWhitespace() {
        #expect(JSONText.compact(#"{ "a" : [1, 2.50,  "x y\" z" ],\#n\#t"b":{} }"#) == #"{"a":[1,2.50,"x y\" z"],"b":{}}"#)
        #expect(JSONText.compact(#" "\\" "#) == #""\\""#)
    }

    @Test func decimalSpellingsOfOneValueCompareEqual() {
        #expect(DecimalDigits("12.50") == DecimalDigits("1.25e1"))
        #expect(DecimalDigits("0.000000000000000001") == DecimalDigits("1e-18"))
        #expect(DecimalDigits("-0.5") != DecimalDigits("0.5"))
        #expect(DecimalDigits("0.1") != DecimalDigits("0.1000000000000000055511151231257827"))
    }

    @Test func identifiersAndLiteralsAreQuoted() {
        #expect(SQLiteLiteral.text("it's") == "'it''s'")
    }
}
