import BifrostPGQuery
import BifrostSchema
import Foundation

/// Turns expression text PostgreSQL printed into an `SQLExpression` holding the parse tree
/// of PostgreSQL's own grammar (the `val` of `SELECT <expression>`'s only target).
struct ExpressionParser {
    func parse(_ sql: String?) -> SQLExpression? {
        guard let sql else { return nil }
        return SQLExpression(sql: sql, tree: tree(of: sql))
    }

    private func tree(of sql: String) -> JSONValue? {
        guard let json = try? PGQuery.parseToJSON("SELECT " + sql),
              let document = try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)),
              case let .array(statements)? = document["stmts"], statements.count == 1,
              case let .array(targets)? = statements[0]["stmt"]?["SelectStmt"]?["targetList"], targets.count == 1
        else { return nil }
        return targets[0]["ResTarget"]?["val"]
    }
}
