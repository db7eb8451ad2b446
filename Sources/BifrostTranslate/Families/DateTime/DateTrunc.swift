/// `date_trunc(field, timestamp | date | interval [, zone])`. On timestamps the fields are
/// cut from the storage text (`week` goes back to the ISO Monday); infinities stay.
struct DateTrunc {
    let translator: ExpressionTranslator
    let call: FunctionCall
    var binder: SQLBinder { translator.binder }

    func translate() throws -> Typed {
        try translator.expectArguments(call, 2...3)
        guard let field = translator.constantText(call.arguments[0])?.lowercased() else {
            throw translator.refusal("unsupported-function", "date_trunc() with a field name computed at run time", at: call.node)
        }
        if call.arguments.count == 3 {
            guard let zone = translator.constantText(call.arguments[2]), ["utc", "etc/utc", "gmt"].contains(zone.lowercased()) else {
                throw translator.refusal("unsupported-function", "date_trunc() in a time zone other than UTC", at: call.node)
            }
        }
        var value = try translator.temporalArgument(call.arguments[1], default: .timestamptz)
        switch value.type {
        case .interval:
            return Typed(try interval(value.sql, field), .interval)
        case .date:
            value = try DateTimeCasts(translator: translator, node: call.node).convert(value, to: .timestamptz)
        case .time:
            throw translator.refusal("unsupported-function", "date_trunc() of a time", at: call.node)
        default: break
        }
        let truncated = try binder.bind(value.sql) { text in
            TimestampSQL.unlessInfinite(text, try timestamp(text, field))
        }
        return Typed(truncated, value.type)
    }

    private func timestamp(_ text: SQLiteExpression, _ field: String) throws -> SQLiteExpression {
        let year = text.field(1, 4)
        func startOfYear(_ year: SQLiteExpression) -> SQLiteExpression {
            .strictPrintf("%04d-01-01 00:00:00", year)
        }
        switch field {
        case "microseconds", "microsecond": return text
        case "milliseconds", "millisecond":
            return .when(.binary(.call("length", text), ">", .integer(19)),
                         then: .call("rtrim", .call("rtrim", text.substring(1, 23), .text("0")), .text(".")), else: text)
        case "second", "seconds": return text.substring(1, 19)
        case "minute", "minutes": return text.substring(1, 16).concatenated(.text(":00"))
        case "hour", "hours": return text.substring(1, 13).concatenated(.text(":00:00"))
        case "day", "days": return text.substring(1, 10).concatenated(.text(" 00:00:00"))
        case "week", "weeks":
            let monday = SQLiteExpression.call("date", text.substring(1, 10), .text("-6 days"), .text("weekday 1"))
            return TimestampSQL.midnight(ofDate: DateSQL.checked(monday, source: text))
        case "month", "months": return text.substring(1, 7).concatenated(.text("-01 00:00:00"))
        case "quarter":
            let month = text.field(6, 2).minus(.integer(1)).dividedBy(.integer(3)).times(.integer(3)).plus(.integer(1))
            return .strictPrintf("%s-%02d-01 00:00:00", text.substring(1, 4), month)
        case "year", "years": return text.substring(1, 4).concatenated(.text("-01-01 00:00:00"))
        case "decade", "decades":
            return .when(.binary(year, ">=", .integer(10)), then: startOfYear(year.minus(year.remainder(.integer(10)))),
                         else: RuntimeFailure.raise("date_trunc to a decade before year 10", showing: text))
        case "century", "centuries":
            return startOfYear(year.plus(.integer(99)).dividedBy(.integer(100)).times(.integer(100)).minus(.integer(99)))
        case "millennium", "millennia":
            return startOfYear(year.plus(.integer(999)).dividedBy(.integer(1000)).times(.integer(1000)).minus(.integer(999)))
        default:
            throw translator.refusal("unsupported-function", "date_trunc() field '\(field)'", at: call.node)
        }
    }

    private func interval(_ value: SQLiteExpression, _ field: String) throws -> SQLiteExpression {
        let zero = SQLiteExpression.integer(0)
        func keepTime(_ unit: Int64) -> (IntervalParts) -> IntervalParts {
            { parts in IntervalParts(months: parts.months, days: parts.days, micros: parts.micros.minus(parts.micros.remainder(.integer(unit)))) }
        }
        func keepMonths(_ unit: Int64) -> (IntervalParts) -> IntervalParts {
            { parts in IntervalParts(months: parts.months.minus(parts.months.remainder(.integer(unit))), days: zero, micros: zero) }
        }
        let transform: (IntervalParts) -> IntervalParts
        switch field {
        case "microseconds", "microsecond": transform = { $0 }
        case "milliseconds", "millisecond": transform = keepTime(1000)
        case "second", "seconds": transform = keepTime(CivilCalendar.microsecondsPerSecond)
        case "minute", "minutes": transform = keepTime(CivilCalendar.microsecondsPerMinute)
        case "hour", "hours": transform = keepTime(CivilCalendar.microsecondsPerHour)
        case "day", "days": transform = { IntervalParts(months: $0.months, days: $0.days, micros: zero) }
        case "month", "months": transform = keepMonths(1)
        case "quarter":
            transform = { parts in
                let quarter = parts.months.remainder(.integer(12)).dividedBy(.integer(3)).times(.integer(3))
                return IntervalParts(months: parts.months.dividedBy(.integer(12)).times(.integer(12)).plus(quarter), days: zero, micros: zero)
            }
        case "year", "years": transform = keepMonths(12)
        case "decade", "decades": transform = keepMonths(120)
        case "century", "centuries": transform = keepMonths(1200)
        case "millennium", "millennia": transform = keepMonths(12000)
        default:
            throw translator.refusal("unsupported-function", "date_trunc() field '\(field)' of an interval", at: call.node)
        }
        return IntervalSQL.withParts(value, binder: binder) { parts in
            IntervalSQL.format(transform(parts), binder: binder)
        }
    }
}
