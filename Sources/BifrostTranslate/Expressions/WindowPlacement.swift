import BifrostSchema

/// SQLite evaluates a window function that sits inside a subquery over that subquery's rows, so
/// a window call the translator moved into a subquery of its own (to bind a value once, to walk
/// characters …) would silently answer NULL or worse. This check refuses such a translation.
enum WindowPlacement {
    /// Throws when `translated` holds a window call inside a subquery although the source
    /// expression has no subquery of its own (so the subquery came from a rewrite).
    /// Only windows over the outer query's columns count: a window over a subquery's own rows
    /// (the ordered-aggregate technique over `json_each`) is where it belongs.
    static func check(_ translated: SQLiteExpression, source: ParseNode, outerRelations: Set<String>,
                      context: TranslationContext) throws {
        guard !containsSubLink(.object(source.fields)) else { return }
        let misplaced = SQLCallSearch { call in
            guard let window = call.window else { return false }
            let parts = call.arguments + window.partitionBy + window.orderBy.map(\.expression)
            return parts.contains { mentions($0, outerRelations) }
        }
        guard subqueries(in: translated).contains(where: misplaced.occurs(in:)) else { return }
        throw context.refusal("unsupported-syntax",
                              "a window function inside this expression would be evaluated in a subquery in SQLite; compute the window function in a subquery first (SELECT … FROM (SELECT lag(x) OVER (…) AS previous …))",
                              at: source.location)
    }

    /// The subqueries directly inside an expression (not those nested in them).
    private static func subqueries(in value: SQLiteExpression) -> [SQLiteSelect] {
        switch value {
        case .literal, .parameter, .column, .raise: return []
        case let .subquery(select), let .exists(select): return [select]
        case let .inSelect(operand, select, _): return subqueries(in: operand) + [select]
        case let .prefix(_, operand), let .postfix(operand, _), let .cast(operand, _), let .collate(operand, _):
            return subqueries(in: operand)
        case let .binary(left, _, right): return subqueries(in: left) + subqueries(in: right)
        case let .function(call): return call.arguments.flatMap(subqueries(in:)) + (call.filter.map(subqueries(in:)) ?? [])
        case let .caseWhen(caseExpression):
            return ([caseExpression.operand, caseExpression.otherwise].compactMap { $0 }
                    + caseExpression.branches.flatMap { [$0.condition, $0.result] }).flatMap(subqueries(in:))
        case let .inList(operand, items, _): return ([operand] + items).flatMap(subqueries(in:))
        case let .between(operand, low, high, _): return [operand, low, high].flatMap(subqueries(in:))
        case let .pattern(left, _, right, escape, _): return ([left, right] + (escape.map { [$0] } ?? [])).flatMap(subqueries(in:))
        case let .row(items): return items.flatMap(subqueries(in:))
        }
    }

    /// Whether an expression (outside nested subqueries) reads a column of these relations.
    private static func mentions(_ value: SQLiteExpression, _ relations: Set<String>) -> Bool {
        switch value {
        case let .column(table, _): return table.map(relations.contains) ?? false
        case .literal, .parameter, .raise, .subquery, .exists: return false
        case let .inSelect(operand, _, _): return mentions(operand, relations)
        case let .prefix(_, operand), let .postfix(operand, _), let .cast(operand, _), let .collate(operand, _):
            return mentions(operand, relations)
        case let .binary(left, _, right): return mentions(left, relations) || mentions(right, relations)
        case let .function(call): return call.arguments.contains { mentions($0, relations) }
        case let .caseWhen(caseExpression):
            return ([caseExpression.operand, caseExpression.otherwise].compactMap { $0 }
                    + caseExpression.branches.flatMap { [$0.condition, $0.result] }).contains { mentions($0, relations) }
        case let .inList(operand, items, _): return ([operand] + items).contains { mentions($0, relations) }
        case let .between(operand, low, high, _): return [operand, low, high].contains { mentions($0, relations) }
        case let .pattern(left, _, right, _, _): return mentions(left, relations) || mentions(right, relations)
        case let .row(items): return items.contains { mentions($0, relations) }
        }
    }

    private static func containsSubLink(_ value: JSONValue) -> Bool {
        switch value {
        case let .object(members): return members["SubLink"] != nil || members.values.contains(where: containsSubLink)
        case let .array(items): return items.contains(where: containsSubLink)
        default: return false
        }
    }
}
