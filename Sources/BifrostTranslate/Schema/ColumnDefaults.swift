import BifrostPGQuery
import BifrostSchema

/// A column's PostgreSQL default as SQLite computes it.
enum ColumnDefault: Equatable {
    /// No default: NULL.
    case none
    /// An identity or serial column that is the table's INTEGER PRIMARY KEY: SQLite assigns
    /// the key when the value is NULL or left out (the rowid alias).
    case rowid
    case expression(SQLiteExpression)

    /// The value an INSERT stores for the DEFAULT keyword.
    var valueForDefaultKeyword: SQLiteExpression {
        if case let .expression(value) = self { return value }
        return .null
    }
}

/// Translates column defaults (`now()`, `gen_random_uuid()`, `ARRAY['code']`, `'{}'::jsonb`,
/// `interval '1 hour'`, enum labels …) into SQLite expressions giving the same stored value.
struct ColumnDefaults {
    let context: TranslationContext

    func translate(_ column: Column, of table: Table) throws -> ColumnDefault {
        if column.identity != nil || column.serialSequence != nil || isSequenceDefault(column) {
            guard Self.isRowidAlias(column, of: table) else {
                throw context.refusal("unsupported-default", "column \(column.name) of \(table.name.name) draws from a sequence, which SQLite has only for a single-column INTEGER PRIMARY KEY", at: nil)
            }
            return .rowid
        }
        guard let expression = column.defaultExpression else { return .none }
        let node = try Self.expressionNode(expression)
        let translator = ExpressionTranslator(context: context, scope: Scope(parent: nil))
        let value = try translator.assignment(node, to: SQLType(column: column))
        let sql = value.sql.inliningScalarSubqueries()
        if sql.containsSubquery {
            throw context.refusal("unsupported-default", "default \(expression.sql) of \(table.name.name).\(column.name) needs a subquery, which SQLite does not allow in DEFAULT", at: nil)
        }
        return .expression(sql)
    }

    /// A column whose key SQLite generates: the single-column primary key with an integer type.
    static func isRowidAlias(_ column: Column, of table: Table) -> Bool {
        guard table.primaryKey?.columns == [column.name] else { return false }
        return SQLType(column: column).isInteger
    }

    private func isSequenceDefault(_ column: Column) -> Bool {
        guard let tree = column.defaultExpression?.tree, let node = ParseNode(tree), node.tag == "FuncCall" else {
            return false
        }
        return node.names("funcname").last == "nextval"
    }

    /// The parse tree of a schema expression: the stored one, or PostgreSQL's parse of its text.
    static func expressionNode(_ expression: SQLExpression) throws -> ParseNode {
        if let tree = expression.tree, let node = ParseNode(tree) { return node }
        let parsed = try JSONValue.parse(try PGQuery.parseToJSON("SELECT " + expression.sql))
        guard case let .array(statements)? = parsed["stmts"], let statement = statements.first?["stmt"],
              let select = ParseNode(statement), let target = select.list("targetList").first,
              let value = target.node("val") else {
            throw TranslationRefusal(TranslationDiagnostic(code: "syntax", message: "not an expression: \(expression.sql)", line: 0, column: 0))
        }
        return value
    }
}
