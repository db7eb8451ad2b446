import BifrostSchema

/// SQLite evaluates a window function that sits inside a subquery over that subquery's rows, so
/// a window call the translator moved into a subquery of its own (to bind a value once, to walk
/// characters …) would silently answer NULL or worse. This check refuses such a translation.
enum WindowPlacement {
    /// Throws when `translated` holds a window call inside a subquery although the source
    /// expression has no subquery of its own (so the subquery came from a rewrite).
    static func check(_ translated: SQLiteExpression, source: ParseNode, context: TranslationContext) throws {
        guard !containsSubLink(.object(source.fields)) else { return }
        let windows = SQLCallSearch { $0.window != nil }
        guard subqueries(in: translated).contains(where: windows.occurs(in:)) else { return }
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

    private static func containsSubLink(_ value: JSONValue) -> Bool {
        switch value {
        case let .object(members): return members["SubLink"] != nil || members.values.contains(where: containsSubLink)
        case let .array(items): return items.contains(where: containsSubLink)
        default: return false
        }
    }
}
