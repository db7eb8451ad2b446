import BifrostSchema

/// RETURNING lists. SQLite returns the row as the statement wrote it, before AFTER triggers
/// run, and only the target table's columns, qualified by the table name (not an alias).
struct Returning {
    let context: TranslationContext
    let target: ModificationTarget
    let outer: Scope

    func translate(_ items: [ParseNode], event: Trigger.Event, hasOtherTables: Bool) throws -> ([SQLiteResultColumn], [ScopeColumn]) {
        guard !items.isEmpty else { return ([], []) }
        let scope = Scope(parent: outer)
        scope.relations = [target.relation()]
        let expressions = ExpressionTranslator(context: context, scope: scope)
        let rewritten = TriggerEffects(catalog: context.catalog).columnsRewrittenByTriggers(target.table, on: event)
        var results: [SQLiteResultColumn] = []
        var columns: [ScopeColumn] = []
        for item in items {
            let valueNode = item.node("val")!
            if valueNode.tag == "ColumnRef", valueNode.list("fields").last?.tag == "A_Star" {
                guard let table = target.table else {
                    throw context.refusal("unknown-column", "RETURNING * over a table the schema does not describe (pass --schema)", at: valueNode.location)
                }
                for column in table.columns {
                    try checkNotRewritten(column.name, rewritten, at: valueNode.location)
                    results.append(.expression(.column(table: nil, name: column.name), alias: column.name))
                    columns.append(ScopeColumn(name: column.name, type: SQLType(column: column)))
                }
                continue
            }
            let value: Typed
            do {
                value = try expressions.translate(valueNode)
            } catch let refusal as TranslationRefusal where hasOtherTables && refusal.diagnostic.code == "unknown-column" {
                throw context.refusal("unsupported-syntax", "RETURNING may only name the target table's columns in SQLite (\(refusal.diagnostic.message))", at: valueNode.location)
            }
            if value.type == .record {
                throw context.refusal("unsupported-syntax", "a whole row in RETURNING", at: valueNode.location)
            }
            var referenced: [String] = []
            let sql = value.sql.replacingColumns { table, name in
                referenced.append(name)
                // SQLite (3.40) resolves RETURNING columns by table name only.
                guard let table, table == target.visibleName, table != target.sqliteName else { return nil }
                return .column(table: target.sqliteName, name: name)
            }
            for name in referenced { try checkNotRewritten(name, rewritten, at: valueNode.location) }
            let name = item.string("name") ?? SelectTranslator.outputName(valueNode)
            results.append(.expression(Self.avoidingNullTestBug(sql), alias: name))
            columns.append(ScopeColumn(name: name, type: value.type == .unknownLiteral ? .text("text") : value.type))
        }
        return (results, columns)
    }

    /// SQLite 3.40 answers `col IS NULL` / `IS NOT NULL` wrongly in RETURNING on tables with a
    /// NOT NULL column (fixed in later releases); `typeof(col) = 'null'` is answered correctly.
    static func avoidingNullTestBug(_ expression: SQLiteExpression) -> SQLiteExpression {
        expression.rewritten { node in
            guard case let .postfix(value, test) = node, test == "IS NULL" || test == "IS NOT NULL" else { return nil }
            return .binary(.call("typeof", avoidingNullTestBug(value)), test == "IS NULL" ? "=" : "<>", .text("null"))
        }
    }

    private func checkNotRewritten(_ column: String, _ rewritten: Set<String>, at location: Int?) throws {
        guard rewritten.contains(column) else { return }
        throw context.refusal("trigger-returning", "RETURNING \(column): a trigger sets it, and SQLite's RETURNING shows the value from before its triggers ran", at: location)
    }
}
