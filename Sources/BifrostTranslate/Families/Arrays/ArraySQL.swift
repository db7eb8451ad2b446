/// Building blocks for array expressions over the JSON storage form.
enum ArraySQL {
    /// The elements of an array of any dimension, in row-major order: the leaves of `json_tree`
    /// (the nested arrays themselves are skipped). Order them by `id` (document order).
    struct Atoms {
        let alias: String
        let from: SQLiteFrom
        let condition: SQLiteExpression
        var value: SQLiteExpression { .column(table: alias, name: "value") }
        var order: SQLiteExpression { .column(table: alias, name: "id") }

        init(_ array: SQLiteExpression, context: TranslationContext) {
            alias = context.freshAlias("e")
            from = .tableFunction(name: "json_tree", arguments: [array], alias: alias)
            condition = .binary(.column(table: alias, name: "type"), "<>", .text("array"))
        }
    }

    /// The top-level items of an array (`json_each`): elements of a one-dimensional array, rows
    /// of a multi-dimensional one. `key` is the 0-based position.
    struct Items {
        let alias: String
        let from: SQLiteFrom
        var value: SQLiteExpression { .column(table: alias, name: "value") }
        var key: SQLiteExpression { .column(table: alias, name: "key") }
        var json: SQLiteExpression { ArrayElement.jsonOfRow(alias) }

        init(_ array: SQLiteExpression, context: TranslationContext) {
            alias = context.freshAlias("e")
            from = .tableFunction(name: "json_each", arguments: [array], alias: alias)
        }
    }

    static func exists(_ from: SQLiteFrom, where condition: SQLiteExpression) -> SQLiteExpression {
        .exists(SQLiteSelect(SQLiteSelectCore(columns: [.expression(.integer(1), alias: nil)], from: from,
                                              whereClause: condition)))
    }

    /// `(SELECT aggregate OVER (ORDER BY … ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
    /// FROM … LIMIT 1)`: an aggregate over rows in a guaranteed order (SQLite 3.40 has no ORDER BY
    /// inside aggregate calls, and a plain aggregate's input order is unspecified). NULL when
    /// there are no rows.
    static func orderedAggregate(_ name: String, _ arguments: [SQLiteExpression], order: [SQLiteOrderingTerm],
                                 from: SQLiteFrom?, where condition: SQLiteExpression? = nil) -> SQLiteExpression {
        var call = SQLiteFunctionCall(name: name, arguments: arguments)
        call.window = SQLiteWindow(orderBy: order, frame: SQLiteFrame(unit: .rows, start: .unboundedPreceding,
                                                                     end: .unboundedFollowing))
        var select = SQLiteSelect(SQLiteSelectCore(columns: [.expression(.function(call), alias: nil)], from: from,
                                                   whereClause: condition))
        select.limit = .integer(1)
        return .subquery(select)
    }

    /// Whether a (non-empty) array has more than one dimension.
    static func isMultiDimensional(_ array: SQLiteExpression) -> SQLiteExpression {
        .binary(.call("json_type", array, .text("$[0]")), "=", .text("array"))
    }

    /// PostgreSQL's array_ndims: the nesting depth of the first element (arrays are
    /// rectangular), NULL for an empty or NULL array. Bifrost stores at most 6 dimensions.
    static func dimensions(_ array: SQLiteExpression) -> SQLiteExpression {
        let first = SQLiteExpression.call("json_type", array, .text("$[0]"))
        var branches: [SQLiteCase.Branch] = [.init(condition: first.isNull(), result: .null)]
        for depth in 1...5 {
            let path = "$" + String(repeating: "[0]", count: depth)
            branches.append(.init(condition: .binary(.call("json_type", array, .text(path)), "IS NOT", .text("array")),
                                  result: .integer(Int64(depth))))
        }
        return .caseWhen(SQLiteCase(operand: nil, branches: branches, otherwise: .integer(6)))
    }

    /// A one-dimensional array of all elements of `array` in row-major order (the array itself
    /// when it already has one dimension).
    static func flattened(_ array: SQLiteExpression, context: TranslationContext) -> SQLiteExpression {
        let atoms = Atoms(array, context: context)
        let flat = orderedAggregate("json_group_array", [ArrayElement.jsonOfRow(atoms.alias)],
                                    order: [SQLiteOrderingTerm(atoms.order)], from: atoms.from, where: atoms.condition)
        return .when(isMultiDimensional(array), then: .call("coalesce", flat, .text("[]")), else: array)
    }

    /// The JSON path `$[i-1][j-1]…` for 1-based subscripts; constant when they all are.
    static func path(_ subscripts: [SQLiteExpression]) -> SQLiteExpression {
        if let constants = Optional(subscripts.compactMap(\.integerValue)), constants.count == subscripts.count {
            return .text("$" + constants.map { "[\($0 - 1)]" }.joined())
        }
        return subscripts.reduce(SQLiteExpression.text("$")) { path, index in
            .binary(.binary(.binary(path, "||", .text("[")), "||", .binary(index, "-", .integer(1))), "||", .text("]"))
        }
    }

    /// `CASE WHEN any IS NULL THEN NULL ELSE value END` (for strict functions).
    static func nullIfAnyNull(_ values: [SQLiteExpression], _ value: SQLiteExpression) -> SQLiteExpression {
        if values.contains(.null) { return .null }
        let tests = values.filter { if case .literal = $0 { return false } else { return true } }.map { $0.isNull() }
        guard !tests.isEmpty else { return value }
        return .when(.or(tests), then: .null, else: value)
    }
}
