/// `EXTRACT(field FROM x)` (PostgreSQL 15: numeric) and `date_part(field, x)` (double
/// precision) of timestamps, dates, times and intervals. Fractional fields are computed from
/// integer microseconds and divided once, so the double is the one nearest the exact value.
struct DatePart {
    let translator: ExpressionTranslator
    let call: FunctionCall
    /// EXTRACT returns numeric, date_part double precision.
    let numericResult: Bool
    var binder: SQLBinder { translator.binder }

    /// A computed field and the numeric scale PostgreSQL gives it.
    private struct Field {
        var value: SQLiteExpression
        var scale: Int
    }

    func translate() throws -> Typed {
        try translator.expectArguments(call, 2...2)
        guard let name = translator.constantText(call.arguments[0])?.lowercased() else {
            throw translator.refusal("unsupported-function", "\(call.name)() with a field name computed at run time", at: call.node)
        }
        let field = Self.canonical(name)
        var value = try translator.temporalArgument(call.arguments[1], default: .timestamptz)
        if value.type == .date && !numericResult {
            value = try DateTimeCasts(translator: translator, node: call.node).convert(value, to: .timestamp)
        }
        var scale = 0
        let result: SQLiteExpression
        switch value.type {
        case .interval:
            result = try IntervalSQL.withParts(value.sql, binder: binder) { parts in
                let computed = try intervalField(field, parts)
                scale = computed.scale
                return computed.value
            }
        case .time:
            result = try binder.bind(value.sql) { text in
                let computed = try timeField(field, TimeSQL.microseconds(text))
                scale = computed.scale
                return computed.value
            }
        default:
            let isDate = value.type == .date
            result = try binder.bind(value.sql) { text in
                let computed = try timestampField(field, text, isDate: isDate, zoned: value.type == .timestamptz)
                scale = computed.scale
                let infinite = Self.unbounded.contains(field)
                return .cases([(text.isEqual(TimestampSQL.infinity), infinite ? infinity(positive: true) : .null),
                               (text.isEqual(TimestampSQL.minusInfinity), infinite ? infinity(positive: false) : .null)],
                              else: computed.value)
            }
        }
        if numericResult { return Typed(result, .numeric(scale: scale)) }
        return Typed(result.realCast(), .float("double precision"))
    }

    /// Fields that are ±Infinity (not NULL) for infinite timestamps in PostgreSQL 15.
    private static let unbounded: Set<String> = ["epoch", "year", "isoyear", "decade", "century", "millennium", "julian"]

    private func infinity(positive: Bool) -> SQLiteExpression {
        numericResult ? .text(positive ? "Infinity" : "-Infinity") : .literal(.real(positive ? .infinity : -.infinity))
    }

    private static func canonical(_ name: String) -> String {
        switch name {
        case "years", "y", "yr", "yrs": return "year"
        case "months", "mon", "mons": return "month"
        case "days", "d": return "day"
        case "hours", "h", "hr", "hrs": return "hour"
        case "minutes", "min", "mins", "m": return "minute"
        case "seconds", "sec", "secs", "s": return "second"
        case "millisecond", "ms", "msec", "msecs", "mseconds", "msecond": return "milliseconds"
        case "microsecond", "us", "usec", "usecs", "useconds", "usecond": return "microseconds"
        case "decades": return "decade"
        case "centuries": return "century"
        case "millennia": return "millennium"
        case "weeks", "w": return "week"
        case "quarters", "qtr": return "quarter"
        default: return name
        }
    }

    private func unsupported(_ field: String, _ type: String) -> TranslationRefusal {
        translator.refusal("unsupported-function", "\(call.name)() field '\(field)' for \(type)", at: call.node)
    }

    private func seconds(_ micros: SQLiteExpression) -> [String: Field] {
        ["second": Field(value: micros.dividedBy(.literal(.real(1_000_000))), scale: 6),
         "milliseconds": Field(value: micros.dividedBy(.literal(.real(1000))), scale: 3),
         "microseconds": Field(value: micros, scale: 0)]
    }

    private func timestampField(_ field: String, _ text: SQLiteExpression, isDate: Bool, zoned: Bool) throws -> Field {
        let day = text.substring(1, 10)
        let year = text.field(1, 4), month = text.field(6, 2)
        let dayOfWeek = SQLiteExpression.call("strftime", .text("%w"), day).integerCast()
        let thursday = SQLiteExpression.call("date", day, .text("-3 days"), .text("weekday 4"))
        let secondMicros = text.field(18, 2).times(TimestampSQL.microsPerSecond).plus(TimestampSQL.fraction(ofFinite: text))
        var fields: [String: Field] = [
            "year": Field(value: year, scale: 0),
            "month": Field(value: month, scale: 0),
            "day": Field(value: text.field(9, 2), scale: 0),
            "dow": Field(value: dayOfWeek, scale: 0),
            "isodow": Field(value: dayOfWeek.plus(.integer(6)).remainder(.integer(7)).plus(.integer(1)), scale: 0),
            "doy": Field(value: SQLiteExpression.call("strftime", .text("%j"), day).integerCast(), scale: 0),
            "week": Field(value: SQLiteExpression.call("strftime", .text("%j"), thursday).integerCast().minus(.integer(1))
                .dividedBy(.integer(7)).plus(.integer(1)), scale: 0),
            "isoyear": Field(value: SQLiteExpression.call("strftime", .text("%Y"), thursday).integerCast(), scale: 0),
            "quarter": Field(value: month.minus(.integer(1)).dividedBy(.integer(3)).plus(.integer(1)), scale: 0),
            "decade": Field(value: year.dividedBy(.integer(10)), scale: 0),
            "century": Field(value: year.plus(.integer(99)).dividedBy(.integer(100)), scale: 0),
            "millennium": Field(value: year.plus(.integer(999)).dividedBy(.integer(1000)), scale: 0),
        ]
        if isDate {
            fields["epoch"] = Field(value: TimestampSQL.epochSeconds(ofFinite: text), scale: 0)
        } else {
            fields["epoch"] = Field(value: TimestampSQL.microseconds(ofFinite: text).dividedBy(.literal(.real(1_000_000))), scale: 6)
            fields["hour"] = Field(value: text.field(12, 2), scale: 0)
            fields["minute"] = Field(value: text.field(15, 2), scale: 0)
            fields.merge(seconds(secondMicros)) { first, _ in first }
            if zoned {
                for name in ["timezone", "timezone_hour", "timezone_minute"] { fields[name] = Field(value: .integer(0), scale: 0) }
            }
        }
        guard let found = fields[field] else { throw unsupported(field, isDate ? "date" : "timestamp") }
        return found
    }

    private func timeField(_ field: String, _ micros: SQLiteExpression) throws -> Field {
        var fields = seconds(micros.remainder(.integer(CivilCalendar.microsecondsPerMinute)))
        fields["hour"] = Field(value: micros.dividedBy(.integer(CivilCalendar.microsecondsPerHour)), scale: 0)
        fields["minute"] = Field(value: micros.dividedBy(.integer(CivilCalendar.microsecondsPerMinute)).remainder(.integer(60)), scale: 0)
        fields["epoch"] = Field(value: micros.dividedBy(.literal(.real(1_000_000))), scale: 6)
        guard let found = fields[field] else { throw unsupported(field, "time") }
        return found
    }

    private func intervalField(_ field: String, _ parts: IntervalParts) throws -> Field {
        let years = parts.months.dividedBy(.integer(12))
        let monthOfYear = parts.months.remainder(.integer(12))
        var fields = seconds(parts.micros.remainder(.integer(CivilCalendar.microsecondsPerMinute)))
        fields["year"] = Field(value: years, scale: 0)
        fields["month"] = Field(value: monthOfYear, scale: 0)
        fields["day"] = Field(value: parts.days, scale: 0)
        fields["hour"] = Field(value: parts.micros.dividedBy(.integer(CivilCalendar.microsecondsPerHour)), scale: 0)
        fields["minute"] = Field(value: parts.micros.dividedBy(.integer(CivilCalendar.microsecondsPerMinute)).remainder(.integer(60)), scale: 0)
        fields["quarter"] = Field(value: monthOfYear.dividedBy(.integer(3)).plus(.integer(1)), scale: 0)
        fields["decade"] = Field(value: years.dividedBy(.integer(10)), scale: 0)
        fields["century"] = Field(value: years.dividedBy(.integer(100)), scale: 0)
        fields["millennium"] = Field(value: years.dividedBy(.integer(1000)), scale: 0)
        // A year is 365.25 days and a month 30 days for the epoch of an interval.
        let wholeSeconds = years.times(.integer(31_557_600)).plus(monthOfYear.times(.integer(2_592_000)))
            .plus(parts.days.times(.integer(86_400)))
        fields["epoch"] = Field(value: wholeSeconds.times(TimestampSQL.microsPerSecond).plus(parts.micros)
            .dividedBy(.literal(.real(1_000_000))), scale: 6)
        guard let found = fields[field] else { throw unsupported(field, "interval") }
        return found
    }
}
