import BifrostPGQuery
import Testing

@Suite struct PGQueryTests {
    @Test func parsesWithPostgreSQLsGrammar() throws {
        let tree = try PGQuery.parseToJSON("SELECT email FROM users WHERE email ILIKE $1 AND scopes && ARRAY['openid']")
        #expect(tree.contains("\"SelectStmt\""))
        #expect(tree.contains("AEXPR_ILIKE"))
    }

    @Test func syntaxErrorsCarryLineAndColumn() throws {
        let error = try #require(throws: ParseError.self) {
            try PGQuery.parseToJSON("SELECT 1,\n  2 FROM WHERE x")
        }
        #expect(error.line == 2)
        #expect(error.column == 10)
        #expect(error.message.contains("syntax error at or near \"WHERE\""))
    }

    @Test func splitsScriptsIntoStatements() throws {
        let statements = try PGQuery.splitStatements("SELECT ';'; CREATE TABLE t (a int);\nSELECT 2")
        #expect(statements.map { $0.trimmingPrefixSpaces() } == ["SELECT ';'", "CREATE TABLE t (a int)", "SELECT 2"])
    }
}

extension String {
    func trimmingPrefixSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\n" }))
    }
}
