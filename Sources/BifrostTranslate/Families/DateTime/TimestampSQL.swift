/// SQL builders over Bifrost's timestamp storage text (`YYYY-MM-DD HH:MM:SS[.ffffff]`, also
/// `YYYY-MM-DD` for dates): fields, integer microseconds since the Unix epoch, and back.
/// SQLite's own date functions keep only milliseconds, so whole seconds go through
/// `unixepoch()` and the microsecond fraction is carried separately. Arguments that a builder
/// uses more than once must be bound first (`SQLBinder`).
enum TimestampSQL {
    static let infinity = SQLiteExpression.text("infinity")
    static let minusInfinity = SQLiteExpression.text("-infinity")
    static let microsPerSecond = SQLiteExpression.integer(CivilCalendar.microsecondsPerSecond)
    static let microsPerDay = SQLiteExpression.integer(CivilCalendar.microsecondsPerDay)
    /// The range the storage text holds sortably: years 1 to 9999.
    static let firstMicros = CivilCalendar.days(year: 1, month: 1, day: 1) * CivilCalendar.microsecondsPerDay
    static let lastMicros = CivilCalendar.days(year: 10000, month: 1, day: 1) * CivilCalendar.microsecondsPerDay - 1

    static func isInfinite(_ text: SQLiteExpression) -> SQLiteExpression {
        .inList(text, [infinity, minusInfinity], negated: false)
    }

    /// `CASE WHEN t is ±infinity THEN infinite ELSE finite END`.
    static func unlessInfinite(_ text: SQLiteExpression, then infinite: SQLiteExpression? = nil,
                               _ finite: SQLiteExpression) -> SQLiteExpression {
        .when(isInfinite(text), then: infinite ?? text, else: finite)
    }

    /// Whole seconds since the epoch of a finite timestamp or date text. Values the storage text
    /// cannot order (years after 9999, BC) fail at run time rather than give a wrong answer.
    static func epochSeconds(ofFinite text: SQLiteExpression) -> SQLiteExpression {
        let notBC = SQLiteExpression.pattern(text, .like, .text("% BC"), escape: nil, negated: true)
        let seconds = SQLiteExpression.call("unixepoch", .when(notBC, then: text.substring(1, 19), else: nil))
        return .call("coalesce", seconds, RuntimeFailure.raise("timestamp outside the years 1-9999", showing: text))
    }

    /// The microseconds of the fraction (`.5` → 500000; none → 0).
    static func fraction(ofFinite text: SQLiteExpression) -> SQLiteExpression {
        text.substring(21).concatenated(.text("000000")).substring(1, 6).integerCast()
    }

    /// Integer microseconds since 1970-01-01 00:00:00 of a finite timestamp or date text.
    static func microseconds(ofFinite text: SQLiteExpression) -> SQLiteExpression {
        epochSeconds(ofFinite: text).times(microsPerSecond).plus(fraction(ofFinite: text))
    }

    /// Microseconds since midnight, from the text's fields.
    static func timeOfDay(ofFinite text: SQLiteExpression) -> SQLiteExpression {
        text.field(12, 2).times(.integer(3600)).plus(text.field(15, 2).times(.integer(60))).plus(text.field(18, 2))
            .times(microsPerSecond).plus(fraction(ofFinite: text))
    }

    /// The storage text of integer microseconds since the epoch (`micros` must be bound).
    static func format(microseconds micros: SQLiteExpression) -> SQLiteExpression {
        let fraction = micros.remainder(microsPerSecond).plus(microsPerSecond).remainder(microsPerSecond)
        let seconds = micros.minus(fraction).dividedBy(microsPerSecond)
        let text = SQLiteExpression.call("strftime", .text("%Y-%m-%d %H:%M:%S"), seconds, .text("unixepoch"))
            .concatenated(fractionSuffix(fraction))
        let inRange = SQLiteExpression.between(micros, low: .integer(firstMicros), high: .integer(lastMicros), negated: false)
        return .when(inRange, then: text, else: RuntimeFailure.raise("timestamp out of range", showing: micros))
    }

    /// `.ffffff` with trailing zeros trimmed, or '' for a zero fraction (non-negative input).
    static func fractionSuffix(_ fraction: SQLiteExpression) -> SQLiteExpression {
        .when(fraction.isEqual(.integer(0)), then: .text(""),
              else: SQLiteExpression.text(".").concatenated(.call("rtrim", .call("printf", .text("%06d"), fraction), .text("0"))))
    }

    /// A timestamp text of a finite date text: midnight.
    static func midnight(ofDate date: SQLiteExpression) -> SQLiteExpression {
        date.concatenated(.text(" 00:00:00"))
    }

    /// Microseconds of a constant storage text, when the expression is one (for folding).
    static func constantMicroseconds(_ expression: SQLiteExpression) -> Int64? {
        guard let text = expression.constantText, let moment = TimestampInput.moment(text) else { return nil }
        return moment.microseconds
    }

    /// The timestamp text after adding `parts` with PostgreSQL's order: months first (the day
    /// clamped to the target month's length, as SQLite's `+N months` does not), then days,
    /// then time. Infinite timestamps stay infinite. `text` must be bound.
    static func adding(_ parts: IntervalParts, to text: SQLiteExpression, binder: SQLBinder) -> SQLiteExpression {
        var shift = parts.days.times(microsPerDay).plus(parts.micros)
        if parts.days.constantInteger == 0 { shift = parts.micros }
        if parts.months.constantInteger != 0 {
            let startOfMonth = SQLiteExpression.call("date", text.substring(1, 10), .text("start of month"),
                                                     parts.months.concatenated(.text(" months")))
            let monthShift = binder.bind(startOfMonth) { first in
                let lastDay = SQLiteExpression.call("strftime", .text("%d"), first, .text("+1 month"), .text("-1 day")).integerCast()
                let day = SQLiteExpression.call("min", text.field(9, 2), lastDay)
                let days = SQLiteExpression.call("unixepoch", first).minus(.call("unixepoch", text.substring(1, 10)))
                    .dividedBy(.integer(86_400)).plus(day).minus(.integer(1))
                return days.times(microsPerDay)
            }
            shift = monthShift.plus(shift)
        }
        let micros = microseconds(ofFinite: text).plus(shift)
        if case .literal = text, let start = constantMicroseconds(text), let folded = constantShift(parts, start: start, text: text) {
            return folded
        }
        return unlessInfinite(text, binder.bind(micros) { format(microseconds: $0) })
    }

    /// Folds constant timestamp + constant interval at translation time.
    private static func constantShift(_ parts: IntervalParts, start: Int64, text: SQLiteExpression) -> SQLiteExpression? {
        guard let months = parts.months.constantInteger, let days = parts.days.constantInteger,
              let micros = parts.micros.constantInteger else { return nil }
        let result = CivilMath.add(IntervalValue(months: months, days: days, microseconds: micros), to: start)
        return CivilCalendar.timestampText(microseconds: result).map(SQLiteExpression.text)
    }
}

/// Timestamp arithmetic in Swift, for folding constants.
enum CivilMath {
    /// PostgreSQL's timestamp + interval on microseconds since the epoch.
    static func add(_ interval: IntervalValue, to micros: Int64) -> Int64 {
        var value = micros
        if interval.months != 0 {
            let days = CivilCalendar.floorDivide(value, CivilCalendar.microsecondsPerDay)
            let time = value - days * CivilCalendar.microsecondsPerDay
            let (year, month, day) = CivilCalendar.date(days: days)
            let total = year * 12 + (month - 1) + interval.months
            let newYear = CivilCalendar.floorDivide(total, 12), newMonth = CivilCalendar.floorModulo(total, 12) + 1
            let newDay = min(day, CivilCalendar.daysInMonth(year: newYear, month: newMonth))
            value = CivilCalendar.days(year: newYear, month: newMonth, day: newDay) * CivilCalendar.microsecondsPerDay + time
        }
        return value + interval.days * CivilCalendar.microsecondsPerDay + interval.microseconds
    }
}
