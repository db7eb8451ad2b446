/// Looks for a function call matching a test anywhere in an expression, subqueries included
/// (their columns, FROM items, conditions and CTEs).
struct SQLCallSearch {
    let matches: (SQLiteFunctionCall) -> Bool

    init(_ matches: @escaping (SQLiteFunctionCall) -> Bool) {
        self.matches = matches
    }

    func occurs(in value: SQLiteExpression) -> Bool {
        if case let .function(call) = value, matches(call) { return true }
        return value.subselects.contains(where: occurs(in:)) || value.children.contains(where: occurs(in:))
    }

    func occurs(in select: SQLiteSelect) -> Bool {
        (select.with?.tables.contains { occurs(in: $0.select) } ?? false) || occurs(in: select.body)
            || select.orderBy.contains { occurs(in: $0.expression) }
    }

    private func occurs(in body: SQLiteSelectBody) -> Bool {
        switch body {
        case let .core(core):
            let columns = core.columns.contains { column in
                if case let .expression(expression, _) = column { return occurs(in: expression) }
                return false
            }
            return columns || core.from.map(occurs) == true || core.whereClause.map(occurs) == true
                || core.having.map(occurs) == true || core.groupBy.contains(where: occurs)
        case let .values(rows): return rows.contains { $0.contains(where: occurs) }
        case let .compound(left, _, right): return occurs(in: left) || occurs(in: right)
        case let .nested(select): return occurs(in: select)
        }
    }

    private func occurs(in from: SQLiteFrom) -> Bool {
        switch from {
        case .table: return false
        case let .subquery(select, _): return occurs(in: select)
        case let .tableFunction(_, arguments, _): return arguments.contains(where: occurs)
        case let .join(left, _, right, on, _): return occurs(in: left) || occurs(in: right) || on.map(occurs) == true
        }
    }
}
