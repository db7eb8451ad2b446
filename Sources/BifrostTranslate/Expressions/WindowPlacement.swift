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
        value.subselects + value.children.flatMap(subqueries(in:))
    }

    /// Whether an expression (outside nested subqueries) reads a column of these relations.
    private static func mentions(_ value: SQLiteExpression, _ relations: Set<String>) -> Bool {
        if case let .column(table?, _) = value { return relations.contains(table) }
        return value.children.contains { mentions($0, relations) }
    }

    private static func containsSubLink(_ value: JSONValue) -> Bool {
        switch value {
        case let .object(members): return members["SubLink"] != nil || members.values.contains(where: containsSubLink)
        case let .array(items): return items.contains(where: containsSubLink)
        default: return false
        }
    }
}
