/// Rewrites the column references of a SQLite expression tree (trigger bodies replace `NEW.x`
/// by the value assigned so far; RETURNING renames an alias SQLite does not accept there).
extension SQLiteExpression {
    /// The expression with every column reference `transform` answers for replaced.
    /// Subqueries are not entered: `containsSubquery` tells callers when that matters.
    func replacingColumns(_ transform: (String?, String) -> SQLiteExpression?) -> SQLiteExpression {
        rewritten { node in
            if case let .column(table, name) = node { return transform(table, name) ?? node }
            return nil
        }
    }

    /// `(SELECT x)` without FROM, WHERE or grouping replaced by `x` (column DEFAULTs cannot
    /// hold subqueries; a default is computed once per row anyway).
    func inliningScalarSubqueries() -> SQLiteExpression {
        rewritten { node in
            guard case let .subquery(select) = node, select.with == nil, select.orderBy.isEmpty, select.limit == nil,
                  case let .core(core) = select.body, core.from == nil, core.whereClause == nil, core.groupBy.isEmpty,
                  core.having == nil, !core.distinct, core.columns.count == 1,
                  case let .expression(value, _) = core.columns[0] else { return nil }
            return value.inliningScalarSubqueries()
        }
    }

    /// The tree rebuilt bottom-up, with each node `transform` answers for replaced (and not
    /// entered further). Subqueries are not entered.
    func rewritten(_ transform: (SQLiteExpression) -> SQLiteExpression?) -> SQLiteExpression {
        func walk(_ node: SQLiteExpression) -> SQLiteExpression {
            if let replaced = transform(node) { return replaced }
            switch node {
            case .column, .literal, .parameter, .raise, .exists, .subquery:
                return node
            case let .prefix(op, value): return .prefix(op, walk(value))
            case let .binary(left, op, right): return .binary(walk(left), op, walk(right))
            case let .postfix(value, op): return .postfix(walk(value), op)
            case var .function(call):
                call.arguments = call.arguments.map(walk)
                call.filter = call.filter.map(walk)
                return .function(call)
            case let .cast(value, type): return .cast(walk(value), as: type)
            case let .caseWhen(caseNode):
                return .caseWhen(SQLiteCase(
                    operand: caseNode.operand.map(walk),
                    branches: caseNode.branches.map { .init(condition: walk($0.condition), result: walk($0.result)) },
                    otherwise: caseNode.otherwise.map(walk)))
            case let .inList(value, list, negated): return .inList(walk(value), list.map(walk), negated: negated)
            case let .inSelect(value, select, negated): return .inSelect(walk(value), select, negated: negated)
            case let .between(value, low, high, negated):
                return .between(walk(value), low: walk(low), high: walk(high), negated: negated)
            case let .collate(value, collation): return .collate(walk(value), collation)
            case let .pattern(value, op, pattern, escape, negated):
                return .pattern(walk(value), op, walk(pattern), escape: escape.map(walk), negated: negated)
            case let .row(values): return .row(values.map(walk))
            }
        }
        return walk(self)
    }

    /// Whether the tree holds a subquery (which `replacingColumns` does not enter).
    var containsSubquery: Bool {
        !subselects.isEmpty || children.contains { $0.containsSubquery }
    }
}
