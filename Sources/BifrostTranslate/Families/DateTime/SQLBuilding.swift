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
    /// unchanged: those holding an aggregate or window call are bound too, read back as the
    /// `value` of `json_each((SELECT json_array(value)))`. SQLite accepts an aggregate of the
    /// outer query in that FROM-less subquery (not in a derived table), so a formula over, say,
    /// the three sums of an interval aggregate does not repeat them (and their arguments).
    /// Window calls are not moved (SQLite would evaluate them over the subquery's one row):
    /// values holding one are used in place, as `bind` does.
    func bindExact(_ values: [SQLiteExpression], _ body: ([SQLiteExpression]) throws -> SQLiteExpression) rethrows -> SQLiteExpression {
        let viaJSON = values.indices.filter {
            !Self.isCheap(values[$0]) && Self.containsAggregate(values[$0]) && !Self.containsWindow(values[$0])
        }
        guard !viaJSON.isEmpty else { return try bind(values, body) }
        // One `json_each` per value, each over a one-element array: its `value` column reads
        // the value back, and the nesting stays shallow.
        let aliases = viaJSON.map { _ in context.freshAlias("dt") }
        let others = values.indices.filter { !viaJSON.contains($0) }
        let result = try bind(others.map { values[$0] }) { bound in
            var references = values
            for (position, index) in viaJSON.enumerated() { references[index] = .column(table: aliases[position], name: "value") }
            for (position, index) in others.enumerated() { references[index] = bound[position] }
            return try body(references)
        }
        let sources = zip(viaJSON, aliases).map { index, alias -> SQLiteFrom in
            let packed = SQLiteSelect(SQLiteSelectCore(columns: [.expression(.call("json_array", values[index]), alias: nil)]))
            return .tableFunction(name: "json_each", arguments: [.subquery(packed)], alias: alias)
        }
        let from = sources.dropFirst().reduce(sources[0]) { .join($0, .cross, $1, on: nil, using: []) }
        return .subquery(SQLiteSelect(SQLiteSelectCore(columns: [.expression(result, alias: nil)], from: from)))
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
        SQLCallSearch { call in
            let name = call.name.lowercased()
            return call.window != nil || call.filter != nil || call.star || aggregates.contains(name)
                || ((name == "min" || name == "max") && call.arguments.count == 1)
        }.occurs(in: value)
    }

    static func containsAggregate(_ select: SQLiteSelect) -> Bool {
        containsAggregate(.subquery(select))
    }

    /// Whether a window call occurs in `value`: SQLite evaluates it in the subquery it sits in,
    /// so it cannot be moved into one, even a FROM-less one.
    static func containsWindow(_ value: SQLiteExpression) -> Bool {
        SQLCallSearch { $0.window != nil }.occurs(in: value)
    }
}
