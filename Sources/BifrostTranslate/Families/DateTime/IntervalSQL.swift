/// The three parts of an interval as SQLite integer expressions.
struct IntervalParts {
    var months: SQLiteExpression
    var days: SQLiteExpression
    var micros: SQLiteExpression

    init(months: SQLiteExpression, days: SQLiteExpression, micros: SQLiteExpression) {
        self.months = months
        self.days = days
        self.micros = micros
    }

    init(_ value: IntervalValue) {
        self.init(months: .integer(value.months), days: .integer(value.days), micros: .integer(value.microseconds))
    }

    /// The value, when all three parts are constants.
    var constant: IntervalValue? {
        guard let months = months.constantInteger, let days = days.constantInteger, let micros = micros.constantInteger else { return nil }
        return IntervalValue(months: months, days: days, microseconds: micros)
    }

    var list: [SQLiteExpression] { [months, days, micros] }

    /// Any part NULL (the interval is NULL).
    var isNull: SQLiteExpression { months.plus(days).plus(micros).isNull() }

    func map(_ transform: (SQLiteExpression) -> SQLiteExpression) -> IntervalParts {
        IntervalParts(months: transform(months), days: transform(days), micros: transform(micros))
    }
}

/// SQL builders over interval storage text (ISO 8601 as PostgreSQL prints it with
/// `IntervalStyle = iso_8601`): parsing into parts at run time, formatting parts back, and the
/// key PostgreSQL compares intervals by. Constant intervals are handled in Swift.
enum IntervalSQL {
    /// Added to the day count of sort keys so they stay positive and fixed-width.
    static let sortKeyDayOffset: Int64 = 1_000_000_000_000
    static let numberCharacters = SQLiteExpression.text("0123456789.-")

    /// Calls `body` with the parts of an interval value: constants for a literal, otherwise
    /// parsed at run time from the storage text (bound once).
    static func withParts(_ value: SQLiteExpression, binder: SQLBinder,
                          _ body: (IntervalParts) throws -> SQLiteExpression) rethrows -> SQLiteExpression {
        if let text = value.constantText, let constant = IntervalValue(isoText: text) {
            return try body(IntervalParts(constant))
        }
        if case .literal(.null) = value {
            return try body(IntervalParts(months: .null, days: .null, micros: .null))
        }
        return try unboundParts(of: value, binder: binder) { parts in
            try binder.bind(parts.list) { bound in
                try body(IntervalParts(months: bound[0], days: bound[1], micros: bound[2]))
            }
        }
    }

    /// One part of an interval value, e.g. the months to sum; one binding level less than
    /// `withParts`, which matters inside aggregates (SQLite's parser limits nesting).
    static func part(_ part: KeyPath<IntervalParts, SQLiteExpression>, of value: SQLiteExpression, binder: SQLBinder) -> SQLiteExpression {
        if let text = value.constantText, let constant = IntervalValue(isoText: text) { return IntervalParts(constant)[keyPath: part] }
        return unboundParts(of: value, binder: binder) { $0[keyPath: part] }
    }

    /// The parts as formulas over the date and time pieces of the text (bound once).
    private static func unboundParts(of value: SQLiteExpression, binder: SQLBinder,
                                     _ body: (IntervalParts) throws -> SQLiteExpression) rethrows -> SQLiteExpression {
        try binder.bindExact(value) { text in
            let split = SQLiteExpression.call("instr", text.concatenated(.text("T")), .text("T"))
            let datePart = SQLiteExpression.call("substr", text, .integer(2), split.minus(.integer(2)))
            let timePart = SQLiteExpression.call("substr", text, split.plus(.integer(1)))
            return try binder.bind([datePart, timePart]) { pieces in
                let (date, time) = (pieces[0], pieces[1])
                let months = number(in: date, before: "Y").times(.integer(12)).plus(number(in: date, before: "M"))
                let seconds = SQLiteExpression.call("round", number(in: time, before: "S", integral: false).times(.literal(.real(1_000_000))))
                let micros = number(in: time, before: "H").times(.integer(CivilCalendar.microsecondsPerHour))
                    .plus(number(in: time, before: "M").times(.integer(CivilCalendar.microsecondsPerMinute)))
                    .plus(seconds.integerCast())
                return try body(IntervalParts(months: months, days: number(in: date, before: "D"), micros: micros))
            }
        }
    }

    /// The number written just before `designator` in `text` (0 when the designator is absent):
    /// the run of number characters that ends where the designator starts.
    private static func number(in text: SQLiteExpression, before designator: String, integral: Bool = true) -> SQLiteExpression {
        let prefix = SQLiteExpression.call("substr", text, .integer(1),
                                           SQLiteExpression.call("instr", text, .text(designator)).minus(.integer(1)))
        let digits = SQLiteExpression.call("substr", prefix,
                                           SQLiteExpression.call("length", .call("rtrim", prefix, numberCharacters)).plus(.integer(1)))
        return integral ? digits.integerCast() : digits.realCast()
    }

    /// The storage text of interval parts (PostgreSQL's ISO 8601 output).
    static func format(_ parts: IntervalParts, binder: SQLBinder) -> SQLiteExpression {
        if let constant = parts.constant { return .text(constant.isoText) }
        return binder.bindExact(parts.list) { bound in
            let (months, days, micros) = (bound[0], bound[1], bound[2])
            func part(_ value: SQLiteExpression, _ designator: String) -> SQLiteExpression {
                .when(value.isEqual(.integer(0)), then: .text(""), else: value.concatenated(.text(designator)))
            }
            // printf() rather than chains of `||`, which SQLite's parser would nest (its stack is small).
            let seconds = micros.dividedBy(.integer(CivilCalendar.microsecondsPerSecond)).remainder(.integer(60))
            let fraction = micros.remainder(.integer(CivilCalendar.microsecondsPerSecond))
            let secondsText = SQLiteExpression.when(.and([seconds.isEqual(.integer(0)), fraction.isEqual(.integer(0))]),
                                                    then: .text(""),
                                                    else: .call("printf", .text("%s%d%sS"),
                                                                .when(micros.isLess(.integer(0)), then: .text("-"), else: .text("")),
                                                                .call("abs", seconds), TimestampSQL.fractionSuffix(.call("abs", fraction))))
            let time = SQLiteExpression.when(micros.isEqual(.integer(0)), then: .text(""), else: .call("printf", .text("T%s%s%s"),
                part(micros.dividedBy(.integer(CivilCalendar.microsecondsPerHour)), "H"),
                part(micros.dividedBy(.integer(CivilCalendar.microsecondsPerMinute)).remainder(.integer(60)), "M"),
                secondsText))
            let text = SQLiteExpression.call("printf", .text("P%s%s%s%s"), part(months.dividedBy(.integer(12)), "Y"),
                                             part(months.remainder(.integer(12)), "M"), part(days, "D"), time)
            let parts = IntervalParts(months: months, days: days, micros: micros)
            return .cases([(parts.isNull, .null),
                           (.and([months.isEqual(.integer(0)), days.isEqual(.integer(0)), micros.isEqual(.integer(0))]), .text("PT0S"))],
                          else: text)
        }
    }

    /// PostgreSQL's comparison key of an interval (months as 30 days, days as 24 hours) as
    /// fixed-width text, so `<`, `=`, ORDER BY, min() and max() agree with PostgreSQL.
    static func sortKey(_ parts: IntervalParts, binder: SQLBinder) -> SQLiteExpression {
        if let constant = parts.constant { return .text(constant.sortKeyText) }
        return binder.bindExact(parts.list) { bound in
            let (months, days, micros) = (bound[0], bound[1], bound[2])
            let perDay = TimestampSQL.microsPerDay
            let rest = micros.remainder(perDay).plus(perDay).remainder(perDay)
            let totalDays = months.times(.integer(30)).plus(days).plus(micros.minus(rest).dividedBy(perDay))
            let key = SQLiteExpression.call("printf", .text("%013d%011d"), totalDays.plus(.integer(sortKeyDayOffset)), rest)
            return .when(IntervalParts(months: months, days: days, micros: micros).isNull, then: .null, else: key)
        }
    }

    /// The sort key of an interval value.
    static func sortKey(of value: SQLiteExpression, binder: SQLBinder) -> SQLiteExpression {
        withParts(value, binder: binder) { sortKey($0, binder: binder) }
    }
}
