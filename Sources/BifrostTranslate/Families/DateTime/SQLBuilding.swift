/// Small arithmetic helpers so the date/time formulas below read as formulas.
extension SQLiteExpression {
    func plus(_ other: SQLiteExpression) -> SQLiteExpression { .binary(self, "+", other) }
    func minus(_ other: SQLiteExpression) -> SQLiteExpression { .binary(self, "-", other) }
    func times(_ other: SQLiteExpression) -> SQLiteExpression { .binary(self, "*", other) }
    /// Integer division (SQLite truncates towards zero, as C and PostgreSQL do).
    func dividedBy(_ other: SQLiteExpression) -> SQLiteExpression { .binary(self, "/", other) }
    func remainder(_ other: SQLiteExpression) -> SQLiteExpression { .binary(self, "%", other) }
    func concatenated(_ other: SQLiteExpression) -> SQLiteExpression { .binary(self, "||", other) }
    func isEqual(_ other: SQLiteExpression) -> SQLiteExpression { .binary(self, "=", other) }
    func isLess(_ other: SQLiteExpression) -> SQLiteExpression { .binary(self, "<", other) }
    func integerCast() -> SQLiteExpression { .cast(self, as: "INTEGER") }
    func realCast() -> SQLiteExpression { .cast(self, as: "REAL") }
    func substring(_ start: Int64, _ length: Int64? = nil) -> SQLiteExpression {
        length.map { .call("substr", self, .integer(start), .integer($0)) } ?? .call("substr", self, .integer(start))
    }
    /// `CAST(substr(self, start, length) AS INTEGER)`: a numeric field of a fixed-layout text.
    func field(_ start: Int64, _ length: Int64) -> SQLiteExpression { substring(start, length).integerCast() }

    static func concatenation(_ parts: [SQLiteExpression]) -> SQLiteExpression {
        parts.dropFirst().reduce(parts.first ?? .text("")) { $0.concatenated($1) }
    }

    /// A CASE with several branches.
    static func cases(_ branches: [(SQLiteExpression, SQLiteExpression)], else otherwise: SQLiteExpression?) -> SQLiteExpression {
        .caseWhen(SQLiteCase(operand: nil, branches: branches.map { .init(condition: $0.0, result: $0.1) }, otherwise: otherwise))
    }

    /// `printf(format, arguments…)` that is NULL when an argument is NULL (printf prints 0).
    static func strictPrintf(_ format: String, _ arguments: SQLiteExpression...) -> SQLiteExpression {
        .when(.or(arguments.map { $0.isNull() }), then: .null, else: .call("printf", [.text(format)] + arguments))
    }

    /// The integer value of a literal, when this is one.
    var constantInteger: Int64? {
        switch self {
        case let .literal(.integer(value)): return value
        case let .prefix("-", .literal(.integer(value))): return -value
        default: return nil
        }
    }

    var constantText: String? {
        if case let .literal(.text(value)) = self { return value }
        return nil
    }
}

/// Lets a formula use a sub-expression several times without repeating it: non-trivial values
/// are bound as columns of a one-row derived table, `(SELECT formula FROM (SELECT value AS v))`.
/// Values that are cheap to repeat (columns, literals, parameters) are used in place, and so are
/// values holding an aggregate or window call, which SQLite will not evaluate inside a subquery.
struct SQLBinder {
    let context: TranslationContext

    func bind(_ values: [SQLiteExpression], _ body: ([SQLiteExpression]) throws -> SQLiteExpression) rethrows -> SQLiteExpression {
        var columns: [SQLiteResultColumn] = []
        var references: [SQLiteExpression] = []
        for value in values {
            if Self.isCheap(value) || Self.containsAggregate(value) {
                references.append(value)
                continue
            }
            let name = context.freshAlias("dt")
            columns.append(.expression(value, alias: name))
            references.append(.column(table: nil, name: name))
        }
        let result = try body(references)
        guard !columns.isEmpty else { return result }
        let bound = SQLiteSelect(SQLiteSelectCore(columns: columns))
        return .subquery(SQLiteSelect(SQLiteSelectCore(columns: [.expression(result, alias: nil)],
                                                       from: .subquery(bound, alias: context.freshAlias("dt")))))
    }

    func bind(_ value: SQLiteExpression, _ body: (SQLiteExpression) throws -> SQLiteExpression) rethrows -> SQLiteExpression {
        try bind([value]) { try body($0[0]) }
    }

    /// `bind` for values the caller knows to be TEXT, INTEGER or NULL, which pass through JSON
    /// unchanged: those holding an aggregate or window call are bound too, read back from
    /// `json_each((SELECT json_array(json_array(value…))))`. SQLite accepts an aggregate of the
    /// outer query in that FROM-less subquery (not in a derived table), so a formula over, say,
    /// the three sums of an interval aggregate does not repeat them (and their arguments).
    func bindExact(_ values: [SQLiteExpression], _ body: ([SQLiteExpression]) throws -> SQLiteExpression) rethrows -> SQLiteExpression {
        let viaJSON = values.indices.filter { !Self.isCheap(values[$0]) && Self.containsAggregate(values[$0]) }
        guard !viaJSON.isEmpty else { return try bind(values, body) }
        let alias = context.freshAlias("dt")
        let row = SQLiteExpression.column(table: alias, name: "value")
        let others = values.indices.filter { !viaJSON.contains($0) }
        let result = try bind(others.map { values[$0] }) { bound in
            var references = values
            for (position, index) in viaJSON.enumerated() { references[index] = .binary(row, "->>", .integer(Int64(position))) }
            for (position, index) in others.enumerated() { references[index] = bound[position] }
            return try body(references)
        }
        let packed = SQLiteExpression.call("json_array", .call("json_array", viaJSON.map { values[$0] }))
        return .subquery(SQLiteSelect(SQLiteSelectCore(
            columns: [.expression(result, alias: nil)],
            from: .tableFunction(name: "json_each", arguments: [.subquery(SQLiteSelect(SQLiteSelectCore(columns: [.expression(packed, alias: nil)])))],
                                 alias: alias))))
    }

    func bindExact(_ value: SQLiteExpression, _ body: (SQLiteExpression) throws -> SQLiteExpression) rethrows -> SQLiteExpression {
        try bindExact([value]) { try body($0[0]) }
    }

    static func isCheap(_ value: SQLiteExpression) -> Bool {
        switch value {
        case .literal, .parameter, .column: return true
        case let .prefix(_, operand), let .cast(operand, _): return isCheap(operand)
        default: return false
        }
    }

    private static let aggregates: Set<String> = ["count", "sum", "total", "avg", "group_concat", "string_agg",
                                                   "json_group_array", "json_group_object"]

    /// Whether an aggregate or window call of the enclosing query occurs in `value`. Subqueries
    /// count when any aggregate occurs in them (it may be the enclosing query's, which must not
    /// end up in a derived table).
    static func containsAggregate(_ value: SQLiteExpression) -> Bool {
        switch value {
        case .literal, .parameter, .column, .raise: return false
        case let .subquery(select), let .exists(select): return containsAggregate(select)
        case let .prefix(_, operand), let .postfix(operand, _), let .cast(operand, _), let .collate(operand, _):
            return containsAggregate(operand)
        case let .binary(left, _, right): return containsAggregate(left) || containsAggregate(right)
        case let .function(call):
            let name = call.name.lowercased()
            if call.window != nil || call.filter != nil || call.star || aggregates.contains(name)
                || ((name == "min" || name == "max") && call.arguments.count == 1) { return true }
            return call.arguments.contains(where: containsAggregate)
        case let .caseWhen(caseExpression):
            return ([caseExpression.operand, caseExpression.otherwise].compactMap { $0 }
                    + caseExpression.branches.flatMap { [$0.condition, $0.result] }).contains(where: containsAggregate)
        case let .inList(operand, items, _): return containsAggregate(operand) || items.contains(where: containsAggregate)
        case let .inSelect(operand, select, _): return containsAggregate(operand) || containsAggregate(select)
        case let .between(operand, low, high, _): return [operand, low, high].contains(where: containsAggregate)
        case let .pattern(left, _, right, escape, _):
            return [left, right].contains(where: containsAggregate) || escape.map(containsAggregate) == true
        case let .row(items): return items.contains(where: containsAggregate)
        }
    }

    static func containsAggregate(_ select: SQLiteSelect) -> Bool {
        (select.with?.tables.contains { containsAggregate($0.select) } ?? false) || containsAggregate(select.body)
            || select.orderBy.contains { containsAggregate($0.expression) }
    }

    private static func containsAggregate(_ body: SQLiteSelectBody) -> Bool {
        switch body {
        case let .core(core):
            let columns = core.columns.contains { column in
                if case let .expression(expression, _) = column { return containsAggregate(expression) }
                return false
            }
            return columns || core.from.map(containsAggregate) == true || core.whereClause.map(containsAggregate) == true
                || core.having.map(containsAggregate) == true || core.groupBy.contains(where: containsAggregate)
        case let .values(rows): return rows.contains { $0.contains(where: containsAggregate) }
        case let .compound(left, _, right): return containsAggregate(left) || containsAggregate(right)
        case let .nested(select): return containsAggregate(select)
        }
    }

    private static func containsAggregate(_ from: SQLiteFrom) -> Bool {
        switch from {
        case .table: return false
        case let .subquery(select, _): return containsAggregate(select)
        case let .tableFunction(_, arguments, _): return arguments.contains(where: containsAggregate)
        case let .join(left, _, right, on, _): return containsAggregate(left) || containsAggregate(right) || on.map(containsAggregate) == true
        }
    }
}
