/// sum(), avg(), min() and max() of intervals, delegated here by the aggregate family.
///
/// PostgreSQL sums the months, days and microseconds of intervals separately (no carrying from
/// one unit into another), and avg() divides that sum like `interval / count`. min() and max()
/// pick the value with the extreme comparison key (months as 30 days, days as 24 hours), which
/// is not the extreme storage text: the aggregate runs over `key || text` and the key is cut off.
extension DateTimeFunctions {
    static func intervalAggregate(_ translator: ExpressionTranslator, _ name: String, _ value: Typed,
                                  _ call: FunctionCall) throws -> Typed {
        let binder = translator.binder
        switch name {
        case "min", "max":
            let keyed = IntervalSQL.keyed(value.sql, binder: binder)
            return Typed(IntervalSQL.unkeyed(try translator.aggregate(name, [keyed], call)), .interval)
        case "sum", "avg":
            if call.distinct {
                throw translator.refusal("unsupported-function",
                                         "\(name)(DISTINCT interval): PostgreSQL's distinct intervals ('1 day' = '24 hours') are not the distinct stored texts",
                                         at: call.node)
            }
            if name == "avg" && call.window != nil {
                // A window call cannot be bound (SQLite evaluates it in the subquery it sits in),
                // and the division repeats each sum dozens of times over.
                throw translator.refusal("unsupported-function", "avg(interval) OVER (…): compute sum(…) OVER and count(…) OVER in a subquery and divide outside",
                                         at: call.node)
            }
            let sums = try [\IntervalParts.months, \.days, \.micros].map { part in
                try translator.aggregate("sum", [IntervalSQL.part(part, of: value.sql, binder: binder)], call)
            }
            let count = name == "avg" ? [try translator.aggregate("count", [value.sql], call)] : []
            // The sums are bound once (through JSON: they are integers), then formatted or divided.
            return Typed(binder.bindExact(sums + count) { bound in
                let total = IntervalParts(months: bound[0], days: bound[1], micros: bound[2])
                guard name == "avg" else { return IntervalSQL.format(total, binder: binder) }
                return IntervalScaling(binder: binder).scale(total, by: bound[3].realCast(), dividing: true)
            }, .interval)
        default:
            throw translator.refusal("unsupported-function", "\(name)() of interval values", at: call.node)
        }
    }
}

extension IntervalSQL {
    /// The length of a sort key (`sortKeyText`, `sortKey(_:binder:)`).
    static let sortKeyLength: Int64 = 24

    /// `key || tiebreak || text`: ordered like PostgreSQL orders the intervals, then by
    /// `tiebreak` (fixed-width text, e.g. an argument position), and NULL for a NULL interval.
    static func keyed(_ value: SQLiteExpression, tiebreak: String = "", binder: SQLBinder) -> SQLiteExpression {
        binder.bind(value) { text in
            let key = sortKey(of: text, binder: binder)
            return (tiebreak.isEmpty ? key : key.concatenated(.text(tiebreak))).concatenated(text)
        }
    }

    /// The interval text of a `keyed` value.
    static func unkeyed(_ keyed: SQLiteExpression, tiebreakLength: Int = 0) -> SQLiteExpression {
        keyed.substring(sortKeyLength + Int64(tiebreakLength) + 1)
    }
}
