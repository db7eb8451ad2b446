extension GenerateSeries {
    /// generate_series(timestamp | timestamptz | date, …, interval): each value is the previous
    /// one plus the step (so `2024-01-31` by one month gives Feb 29, Mar 29 …, as PostgreSQL
    /// adds step by step), up to and including `stop`. The step's direction and zero test use
    /// the interval comparison key (`1 mon -30 days` is a zero step). Arguments resolve as in
    /// PostgreSQL: two timestamps give timestamps; a timestamptz, a date or two untyped
    /// literals give timestamptz.
    static func timestamps(_ translator: ExpressionTranslator, _ values: [Typed], _ arguments: [ParseNode],
                           _ call: ParseNode) throws -> TableFunctions.Source {
        guard values.count == 3 else {
            throw translator.refusal("unsupported-function", "generate_series() over timestamps needs an interval step", at: call)
        }
        let step = try translator.coerce(values[2], to: .interval, at: arguments[2])
        guard step.type == .interval else {
            throw translator.refusal("unsupported-function", "generate_series() over timestamps with a \(step.type.postgresName ?? "?") step (an interval is required)", at: arguments[2])
        }
        var (start, stop) = try translator.comparable(values[0], values[1], at: arguments[1])
        let type: SQLType = start.type == .timestamp && stop.type == .timestamp ? .timestamp : .timestamptz
        (start, stop) = (try bounded(translator, start, type, arguments[0]), try bounded(translator, stop, type, arguments[1]))

        let binder = translator.binder
        let zero = SQLiteExpression.text(IntervalValue.zero.sortKeyText)
        if let text = step.sql.constantText, let constant = IntervalValue(isoText: text), constant.sortKeyText == zero.constantText {
            throw translator.refusal("invalid-literal", "generate_series() step size cannot equal zero", at: call)
        }
        // A computed step is bound once: each use below would otherwise repeat (and nest) it.
        let series = try binder.bind(step.sql) { stepValue in
            try build(translator, start: start.sql, stop: stop.sql, step: stepValue,
                      zeroStep: .binary(IntervalSQL.sortKey(of: stepValue, binder: binder), "=", zero), call: call, direction: { step in
                if let text = step.constantText, let constant = IntervalValue(isoText: text) {
                    return constant.sortKeyText > IntervalValue.zero.sortKeyText ? .up : .down
                }
                let key = IntervalSQL.sortKey(of: step, binder: binder)
                return .decidedBy(.binary(key, ">", zero), .binary(key, "<", zero))
            }, next: { current, step in
                try DateTimeOperators.arithmetic(translator, "+", Typed(current, type), Typed(step, .interval), node: call)
            })
        }
        return TableFunctions.Source(argument: series, columns: [("generate_series", type, { .column(table: $0, name: "value") })],
                                     ordered: true)
    }

    /// A start or stop value as the series' type (an untyped literal is read as that type).
    private static func bounded(_ translator: ExpressionTranslator, _ value: Typed, _ type: SQLType, _ node: ParseNode) throws -> Typed {
        if value.type.isOpen { return try translator.coerce(value, to: type, at: node) }
        guard value.type.isDateTime else {
            throw translator.refusal("unsupported-function", "generate_series() from \(value.type.postgresName ?? "?") to a timestamp", at: node)
        }
        return value.type == type ? value : try DateTimeOperators.cast(translator, value, to: type, at: node)
    }
}
