import BifrostSchema

/// `LATERAL (subquery)`: SQLite has no lateral joins. A lateral subquery that returns at most
/// one row (LIMIT 1, an aggregate without GROUP BY, a SELECT without FROM) is translated
/// exactly: its columns become correlated scalar subqueries, and the FROM item is a
/// `json_each` with one row when the subquery has one and none otherwise — so `, LATERAL`,
/// `CROSS JOIN LATERAL` and `JOIN LATERAL … ON` drop outer rows without a match while
/// `LEFT JOIN LATERAL` keeps them with NULLs. Laterals that may return several rows are refused.
enum LateralSubquery {
    static func translate(context: TranslationContext, scope: Scope, node: ParseNode, alias: String) throws -> SQLiteFrom {
        let query = node.node("subquery")!
        guard atMostOneRow(query) else {
            throw context.refusal("unsupported-syntax", "LATERAL subquery that may return several rows (SQLite has no lateral joins; only LIMIT 1, an aggregate without GROUP BY, or a SELECT without FROM are translated)", at: node.location ?? firstLocation(query.fields))
        }
        let (select, columns) = try SelectTranslator(context: context, parent: scope).translate(query)
        let renamed = SelectTranslator.rename(columns, node.embedded("alias", as: "Alias")?.names("colnames") ?? [])
        let outputNames = columns.map(\.name)
        guard Set(outputNames).count == outputNames.count else {
            throw context.refusal("unsupported-syntax", "LATERAL subquery with duplicate column names", at: firstLocation(query.fields))
        }
        let row = context.freshAlias("lateral")
        let present = SQLiteExpression.postfix(.column(table: alias, name: "key"), "IS NOT NULL")
        let scopeColumns = zip(renamed, outputNames).map { column, outputName in
            let value = SQLiteExpression.subquery(SQLiteSelect(SQLiteSelectCore(
                columns: [.expression(.column(table: row, name: outputName), alias: nil)],
                from: .subquery(select, alias: row))))
            // NULL when a LEFT JOIN found no row (or its ON condition failed).
            return ScopeColumn(name: column.name, type: column.type, expression: .when(present, then: value, else: .null))
        }
        try FromTranslator(context: context, scope: scope).register(ScopeRelation(name: alias, columns: scopeColumns), at: node.location)
        context.rewrote("LATERAL subquery", as: "correlated scalar subqueries per column, json_each row when it has a row", at: firstLocation(query.fields))
        let rowExists = SQLiteExpression.when(.exists(select), then: .text("[0]"), else: .text("[]"))
        return .tableFunction(name: "json_each", arguments: [rowExists], alias: alias)
    }

    /// Whether the SELECT returns at most one row whatever the data.
    static func atMostOneRow(_ query: ParseNode) -> Bool {
        guard query.tag == "SelectStmt", query.string("op") ?? "SETOP_NONE" == "SETOP_NONE" else { return false }
        if query.has("valuesLists") { return query.list("valuesLists").count <= 1 }
        if let limit = query.node("limitCount"), limit.tag == "A_Const",
           let count = limit.embedded("ival", as: "Integer")?.int("ival") ?? (limit.has("ival") ? 0 : nil), count <= 1 {
            return true
        }
        if query.list("fromClause").isEmpty { return true }
        let grouped = !query.list("groupClause").isEmpty
        return !grouped && !query.has("distinctClause") && query.list("targetList").contains { target in
            target.node("val").map { containsAggregate(.object([$0.tag: .object($0.fields)])) } ?? false
        }
    }

    private static let aggregates: Set<String> = [
        "count", "sum", "avg", "min", "max", "bool_and", "bool_or", "every", "array_agg", "string_agg",
        "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg", "stddev", "stddev_pop", "stddev_samp",
        "variance", "var_pop", "var_samp",
    ]

    /// An aggregate call (not a window, not inside a nested subquery).
    private static func containsAggregate(_ value: JSONValue) -> Bool {
        switch value {
        case let .object(members):
            if members["SubLink"] != nil { return false }
            if case let .object(fields)? = members["FuncCall"], fields["over"] == nil,
               let call = ParseNode(value), let name = call.names("funcname").last?.lowercased(), aggregates.contains(name) {
                return true
            }
            return members.values.contains(where: containsAggregate)
        case let .array(items):
            return items.contains(where: containsAggregate)
        default:
            return false
        }
    }

    /// The first source position inside a node without one of its own (SelectStmt has none).
    private static func firstLocation(_ fields: [String: JSONValue]) -> Int? {
        func search(_ value: JSONValue) -> Int? {
            switch value {
            case let .object(members):
                if case let .number(location)? = members["location"], location >= 0 { return Int(location) }
                return members.values.compactMap(search).min()
            case let .array(items): return items.compactMap(search).min()
            default: return nil
            }
        }
        return search(.object(fields))
    }
}
