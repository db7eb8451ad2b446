extension ExpressionTranslator {
    /// What the core compares for a value in `=`-like constructs (IN lists, BETWEEN, CASE
    /// operands, IS [NOT] DISTINCT FROM, NULLIF, GREATEST/LEAST, `= ANY`): the value itself,
    /// except for types whose stored text does not compare like PostgreSQL's values. Intervals
    /// compare by their key (months as 30 days, days as 24 hours): '1 day' = '24 hours'.
    func comparisonKey(_ value: Typed, at node: ParseNode) throws -> SQLiteExpression {
        comparesByKey(value.type) ? try DateTimeOperators.intervalSortKey(self, value, at: node) : value.sql
    }

    /// Whether `comparisonKey` differs from the value for this type, so a construct returning
    /// one of the compared values must pick it by key.
    func comparesByKey(_ type: SQLType) -> Bool {
        type == .interval
    }

    /// NULLIF(left, right) for values compared by key: NULL when the keys are equal, else left.
    func nullIf(_ left: Typed, _ right: Typed, at node: ParseNode) throws -> SQLiteExpression {
        guard comparesByKey(left.type) else { return .call("nullif", left.sql, right.sql) }
        return .when(.binary(try comparisonKey(left, at: node), "=", try comparisonKey(right, at: node)), then: .null, else: left.sql)
    }

    /// GREATEST/LEAST over values compared by key: the extreme of `key || position || value`
    /// (NULLs skipped as PostgreSQL does), with the position making the first of equal values
    /// win, as PostgreSQL keeps the first; then the key and position are cut off.
    func keyedExtreme(_ arguments: [Typed], greatest: Bool) -> SQLiteExpression {
        let width = 3
        let keyed = arguments.enumerated().map { index, argument in
            let position = greatest ? arguments.count - 1 - index : index
            let tiebreak = String(repeating: "0", count: max(0, width - String(position).count)) + String(position)
            return IntervalSQL.keyed(argument.sql, tiebreak: tiebreak, binder: binder)
        }
        let fallbacks = keyed.indices.map { index in
            SQLiteExpression.call("coalesce", Array(keyed[index...] + keyed[..<index]))
        }
        return IntervalSQL.unkeyed(.call(greatest ? "max" : "min", fallbacks), tiebreakLength: width)
    }
}
