/// Date/time functions and SQL value functions (CURRENT_TIMESTAMP …).
enum DateTimeFunctions {
    static let handlers: [String: FunctionHandler] = [
        "now": currentTimestamp, "transaction_timestamp": currentTimestamp, "statement_timestamp": currentTimestamp,
        "clock_timestamp": { translator, call in
            try translator.expectArguments(call, 0...0)
            translator.context.rewrote("clock_timestamp()", as: "SQLite's 'now' (millisecond precision)", at: call.location)
            return Typed(CurrentTime.clock(translator), .timestamptz)
        },
        "isfinite": { translator, call in
            try translator.expectArguments(call, 1...1)
            let value = try translator.temporalArgument(call.arguments[0], default: .timestamptz)
            if value.type == .interval {
                return Typed(.when(value.sql.isNull(), then: .null, else: .integer(1)), .boolean)
            }
            return Typed(.inList(value.sql, [TimestampSQL.infinity, TimestampSQL.minusInfinity], negated: true), .boolean)
        },
        "timezone": { translator, call in
            try translator.expectArguments(call, 2...2)
            guard let zone = translator.constantText(call.arguments[0]), ["utc", "etc/utc", "gmt", "z", "zulu", "+00", "+00:00"].contains(zone.lowercased()) else {
                throw translator.refusal("unsupported-function", "AT TIME ZONE other than 'UTC' (SQLite has no time zone data)", at: call.node)
            }
            let value = try translator.temporalArgument(call.arguments[1], default: .timestamptz)
            switch value.type {
            case .timestamptz: return Typed(value.sql, .timestamp)
            case .timestamp: return Typed(value.sql, .timestamptz)
            case .date: return Typed(try DateTimeCasts(translator: translator, node: call.node).convert(value, to: .timestamp).sql, .timestamptz)
            default: throw translator.refusal("unsupported-function", "AT TIME ZONE on \(value.type.postgresName ?? "?")", at: call.node)
            }
        },
        "date_trunc": { translator, call in try DateTrunc(translator: translator, call: call).translate() },
        "extract": { translator, call in try DatePart(translator: translator, call: call, numericResult: true).translate() },
        "date_part": { translator, call in try DatePart(translator: translator, call: call, numericResult: false).translate() },
        "age": { translator, call in try Age(translator: translator, call: call).translate() },
        "to_char": { translator, call in try ToChar(translator: translator, call: call).translate() },
        "make_interval": { translator, call in try MakeInterval(translator: translator, call: call).translate() },
        "make_date": { translator, call in try MakeTimestamp(translator: translator, call: call).date() },
        "make_timestamp": { translator, call in try MakeTimestamp(translator: translator, call: call).timestamp(.timestamp) },
        "make_timestamptz": { translator, call in try MakeTimestamp(translator: translator, call: call).timestamp(.timestamptz) },
        "justify_hours": { translator, call in try Justify(translator: translator, call: call).translate(days: false, hours: true) },
        "justify_days": { translator, call in try Justify(translator: translator, call: call).translate(days: true, hours: false) },
        "justify_interval": { translator, call in try Justify(translator: translator, call: call).translate(days: true, hours: true) },
    ]

    private static func currentTimestamp(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 0...0)
        try CurrentTime.checkTransaction(translator, at: call.node)
        return Typed(CurrentTime.timestamp(translator, at: call.node), .timestamptz)
    }

    static func sqlValueFunction(_ translator: ExpressionTranslator, _ node: ParseNode) throws -> Typed {
        let op = node.string("op") ?? ""
        let precision = node.int("typmod").flatMap { $0 >= 0 ? $0 : nil }
        switch op {
        case "SVFOP_CURRENT_DATE":
            try CurrentTime.checkTransaction(translator, at: node)
            return Typed(CurrentTime.date(translator, shiftedBy: 0, at: node), .date)
        case "SVFOP_CURRENT_TIMESTAMP", "SVFOP_CURRENT_TIMESTAMP_N", "SVFOP_LOCALTIMESTAMP", "SVFOP_LOCALTIMESTAMP_N":
            try CurrentTime.checkTransaction(translator, at: node)
            var now = CurrentTime.timestamp(translator, at: node)
            if let precision, precision < 3 {
                now = translator.binder.bind(now) { text in
                    translator.binder.bind(TimestampSQL.microseconds(ofFinite: text)) { micros in
                        translator.binder.bind(TimestampSQL.roundedHalfUp(micros, precision: precision)) { TimestampSQL.format(microseconds: $0) }
                    }
                }
            }
            return Typed(now, op.hasPrefix("SVFOP_CURRENT") ? .timestamptz : .timestamp)
        case "SVFOP_LOCALTIME", "SVFOP_LOCALTIME_N":
            try CurrentTime.checkTransaction(translator, at: node)
            if let precision, precision < 3 {
                throw translator.refusal("unsupported-function", "LOCALTIME(\(precision))", at: node)
            }
            return Typed(CurrentTime.time(translator, at: node), .time)
        case "SVFOP_CURRENT_TIME", "SVFOP_CURRENT_TIME_N":
            throw translator.refusal("unsupported-function", "CURRENT_TIME is a time with time zone, which Bifrost does not map (use LOCALTIME)", at: node)
        default:
            let name = op.replacingOccurrences(of: "SVFOP_", with: "")
            throw translator.refusal("unsupported-function", "\(name) has no SQLite equivalent", at: node)
        }
    }
}

extension ExpressionTranslator {
    /// A date/time argument; an untyped literal takes `type`.
    func temporalArgument(_ node: ParseNode, default type: SQLType) throws -> Typed {
        let value = try translate(node)
        if value.type.isOpen { return try coerce(value, to: type, at: node) }
        guard [.timestamptz, .timestamp, .date, .time, .interval].contains(value.type) else {
            throw refusal("unsupported-function", "a date/time value is required here, not \(value.type.postgresName ?? "unknown")", at: node)
        }
        return value
    }

    /// The text of a string constant argument (field names, formats, zones).
    func constantText(_ node: ParseNode) -> String? {
        var current = node
        while current.tag == "TypeCast", let inner = current.node("arg") { current = inner }
        guard current.tag == "A_Const" else { return nil }
        return current.embedded("sval", as: "String")?.string("sval")
    }
}

extension TimestampSQL {
    /// Microseconds rounded to `precision` fractional digits, half away from zero (PostgreSQL's
    /// typmod rounding); `micros` must be bound.
    static func roundedHalfUp(_ micros: SQLiteExpression, precision: Int) -> SQLiteExpression {
        var scale: Int64 = 1
        for _ in precision..<6 { scale *= 10 }
        let step = SQLiteExpression.integer(scale)
        let magnitude = SQLiteExpression.call("abs", micros).plus(.integer(scale / 2)).dividedBy(step).times(step)
        return .when(micros.isLess(.integer(0)), then: .prefix("-", magnitude), else: magnitude)
    }
}
