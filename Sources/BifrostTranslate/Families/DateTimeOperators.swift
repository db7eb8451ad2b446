/// Timestamps, dates, times and intervals in Bifrost's storage format. The entry points the
/// core calls; the builders live in `Families/DateTime/`.
enum DateTimeOperators {
    /// Comparisons of intervals compare PostgreSQL's key (months as 30 days, days as 24 hours),
    /// not the ISO text: `interval '1 day' = interval '24 hours'` is true.
    static let operators: [String: OperatorHandler] = {
        var handlers: [String: OperatorHandler] = [:]
        for symbol in ["=", "<>", "!=", "<", ">", "<=", ">="] {
            handlers[symbol] = { translator, call in try compareIntervals(translator, call) }
        }
        return handlers
    }()

    static func arithmetic(_ translator: ExpressionTranslator, _ symbol: String, _ left: Typed, _ right: Typed,
                           node: ParseNode) throws -> Typed {
        try DateTimeArithmetic(translator: translator, node: node).apply(symbol, left, right)
    }

    static func negateInterval(_ translator: ExpressionTranslator, _ value: Typed, node: ParseNode) throws -> Typed {
        let binder = translator.binder
        let negated = IntervalSQL.withParts(value.sql, binder: binder) { parts in
            IntervalSQL.format(parts.map { .prefix("-", $0) }.folded, binder: binder)
        }
        return Typed(negated, .interval)
    }

    /// Two date/time operands of different types brought to one comparable type: a date
    /// becomes midnight of that day; timestamp and timestamptz share the UTC text.
    static func commonTimestamps(_ translator: ExpressionTranslator, _ left: Typed, _ right: Typed,
                                 at node: ParseNode) throws -> (Typed, Typed) {
        if left.type == .date {
            return (try DateTimeCasts(translator: translator, node: node).convert(left, to: right.type), right)
        }
        if right.type == .date {
            return (left, try DateTimeCasts(translator: translator, node: node).convert(right, to: left.type))
        }
        return (left, right)
    }

    static func cast(_ translator: ExpressionTranslator, _ value: Typed, to target: SQLType, at node: ParseNode) throws -> Typed {
        try DateTimeCasts(translator: translator, node: node).convert(value, to: target)
    }

    static func literal(_ translator: ExpressionTranslator, _ text: String, as type: SQLType, at node: ParseNode) throws -> SQLiteExpression {
        try DateTimeLiterals(translator: translator, node: node).storage(of: text, as: type)
    }

    /// PostgreSQL's text of a timestamptz in a UTC session: `2024-01-01 10:00:00+00`.
    static func timestamptzText(_ translator: ExpressionTranslator, _ value: Typed, at node: ParseNode) throws -> SQLiteExpression {
        if let text = value.sql.constantText {
            return .text(TimestampInput.special(text) == nil ? text + "+00" : text)
        }
        return translator.binder.bind(value.sql) { text in
            TimestampSQL.unlessInfinite(text, text.concatenated(.text("+00")))
        }
    }

    static func intervalSortKey(_ translator: ExpressionTranslator, _ value: Typed, at node: ParseNode) throws -> SQLiteExpression {
        IntervalSQL.sortKey(of: value.sql, binder: translator.binder)
    }

    private static func compareIntervals(_ translator: ExpressionTranslator, _ call: OperatorCall) throws -> Typed? {
        guard let left = call.left, left.type == .interval || call.right.type == .interval else { return nil }
        let (l, r) = try translator.comparable(left, call.right, at: call.node)
        guard l.type == .interval, r.type == .interval else { return nil }
        let symbol = call.symbol == "!=" ? "<>" : call.symbol
        let binder = translator.binder
        return Typed(.binary(IntervalSQL.sortKey(of: l.sql, binder: binder), symbol, IntervalSQL.sortKey(of: r.sql, binder: binder)),
                     .boolean)
    }
}

extension ExpressionTranslator {
    var binder: SQLBinder { SQLBinder(context: context) }
}

extension IntervalParts {
    /// Constant parts folded (`-(5)` → `-5`), so constant intervals stay constants.
    var folded: IntervalParts {
        map { part in
            if case let .prefix("-", inner) = part, let value = inner.constantInteger { return .integer(-value) }
            return part
        }
    }
}
