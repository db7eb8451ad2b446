/// The parts of an expression node, for the searches over translated trees (subqueries,
/// window or aggregate calls, column references) so each walks the tree the same way.
extension SQLiteExpression {
    /// The expressions directly inside this node (function arguments, FILTER and window
    /// terms included), not those inside its subqueries.
    var children: [SQLiteExpression] {
        switch self {
        case .literal, .parameter, .column, .raise, .subquery, .exists: return []
        case let .prefix(_, operand), let .postfix(operand, _), let .cast(operand, _), let .collate(operand, _):
            return [operand]
        case let .inSelect(operand, _, _): return [operand]
        case let .binary(left, _, right): return [left, right]
        case let .function(call):
            let window = call.window.map { $0.partitionBy + $0.orderBy.map(\.expression) } ?? []
            return call.arguments + (call.filter.map { [$0] } ?? []) + window
        case let .caseWhen(caseExpression):
            return [caseExpression.operand, caseExpression.otherwise].compactMap { $0 }
                + caseExpression.branches.flatMap { [$0.condition, $0.result] }
        case let .inList(operand, items, _): return [operand] + items
        case let .between(operand, low, high, _): return [operand, low, high]
        case let .pattern(left, _, right, escape, _): return [left, right] + (escape.map { [$0] } ?? [])
        case let .row(items): return items
        }
    }

    /// The subqueries this node holds directly.
    var subselects: [SQLiteSelect] {
        switch self {
        case let .subquery(select), let .exists(select), let .inSelect(_, select, _): return [select]
        default: return []
        }
    }
}
