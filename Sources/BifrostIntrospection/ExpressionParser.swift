import BifrostPGQuery
import BifrostSchema
import Foundation

/// Turns expression text PostgreSQL printed into an `SQLExpression` holding the parse tree
/// of PostgreSQL's own grammar (the `val` of `SELECT <expression>`'s only target).
///
/// Trees are cached by text for the reader's lifetime: schemas repeat `now()`, `0` and
/// `true` thousands of times.
final class ExpressionParser {
    private var trees: [String: JSONValue?] = [:]

    func parse(_ sql: String?) -> SQLExpression? {
        guard let sql else { return nil }
        if let cached = trees[sql] { return SQLExpression(sql: sql, tree: cached) }
        let parsed = tree(of: sql)
        trees[sql] = parsed
        return SQLExpression(sql: sql, tree: parsed)
    }

    private func tree(of sql: String) -> JSONValue? {
        guard let json = try? PGQuery.parseToJSON("SELECT " + sql),
              let document = try? JSONValue.parse(json),
              case let .array(statements)? = document["stmts"], statements.count == 1,
              case let .array(targets)? = statements[0]["stmt"]?["SelectStmt"]?["targetList"], targets.count == 1
        else { return nil }
        return targets[0]["ResTarget"]?["val"]
    }
}
