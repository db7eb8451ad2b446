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

    static func isCheap(_ value: SQLiteExpression) -> Bool {
        switch value {
        case .literal, .parameter, .column: return true
        case let .prefix(_, operand), let .cast(operand, _): return isCheap(operand)
        default: return false
        }
    }

    private static let aggregates: Set<String> = ["count", "sum", "total", "avg", "group_concat", "string_agg",
                                                   "json_group_array", "json_group_object"]

    /// Whether an aggregate or window call of the enclosing query occurs in `value`.
    static func containsAggregate(_ value: SQLiteExpression) -> Bool {
        switch value {
        case .literal, .parameter, .column, .raise, .subquery, .exists: return false
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
        case let .inSelect(operand, _, _): return containsAggregate(operand)
        case let .between(operand, low, high, _): return [operand, low, high].contains(where: containsAggregate)
        case let .pattern(left, _, right, escape, _):
            return [left, right].contains(where: containsAggregate) || escape.map(containsAggregate) == true
        case let .row(items): return items.contains(where: containsAggregate)
        }
    }
}
