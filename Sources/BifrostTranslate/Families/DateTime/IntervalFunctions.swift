/// `make_interval(years, months, weeks, days, hours, mins, secs)`, positional or named.
struct MakeInterval {
    let translator: ExpressionTranslator
    let call: FunctionCall
    static let names = ["years", "months", "weeks", "days", "hours", "mins", "secs"]

    func translate() throws -> Typed {
        var values: [String: Typed] = [:]
        for (index, argument) in call.arguments.enumerated() {
            var name: String
            var node = argument
            if argument.tag == "NamedArgExpr" {
                name = argument.string("name") ?? ""
                node = argument.node("arg")!
            } else {
                guard index < Self.names.count else { throw translator.refusal("unsupported-function", "make_interval() with \(call.arguments.count) arguments", at: call.node) }
                name = Self.names[index]
            }
            guard Self.names.contains(name), values[name] == nil else {
                throw translator.refusal("unsupported-function", "make_interval() argument \"\(name)\"", at: argument)
            }
            let type: SQLType = name == "secs" ? .float("double precision") : .integer("integer")
            let value = try translator.translate(node, as: type)
            guard value.type.isNumber else {
                throw translator.refusal("unsupported-function", "make_interval() \(name) must be a number", at: node)
            }
            if name != "secs" && !value.type.isInteger {
                throw translator.refusal("unsupported-function", "make_interval() \(name) must be an integer", at: node)
            }
            values[name] = value
        }
        func part(_ name: String) -> SQLiteExpression { values[name]?.sql ?? .integer(0) }
        let binder = translator.binder
        let constants = Self.names.map { DateTimeArithmetic.constantNumber(part($0)) }
        if constants.allSatisfy({ $0 != nil }) {
            let c = constants.map { $0! }
            let time = Int64(c[4]) * CivilCalendar.microsecondsPerHour + Int64(c[5]) * CivilCalendar.microsecondsPerMinute
                + Int64((c[6] * 1_000_000).rounded(.toNearestOrEven))
            return Typed(.text(IntervalValue(months: Int64(c[0]) * 12 + Int64(c[1]), days: Int64(c[2]) * 7 + Int64(c[3]),
                                             microseconds: time).isoText), .interval)
        }
        let seconds = ExpressionTranslator.roundHalfEven(part("secs").realCast().times(.literal(.real(1_000_000))))
        let parts = IntervalParts(
            months: part("years").times(.integer(12)).plus(part("months")),
            days: part("weeks").times(.integer(7)).plus(part("days")),
            micros: part("hours").times(.integer(CivilCalendar.microsecondsPerHour))
                .plus(part("mins").times(.integer(CivilCalendar.microsecondsPerMinute))).plus(seconds))
        return Typed(IntervalSQL.format(parts, binder: binder), .interval)
    }
}

/// `make_date(y, m, d)`, `make_timestamp(y, m, d, h, mi, s)`, `make_timestamptz(…)` (UTC);
/// values PostgreSQL rejects fail the statement at run time.
struct MakeTimestamp {
    let translator: ExpressionTranslator
    let call: FunctionCall

    private func integers(_ count: Int) throws -> [SQLiteExpression] {
        try call.arguments.prefix(count).map { try translator.translate($0, as: .integer("integer")).sql }
    }

    private func validDate(_ fields: [SQLiteExpression]) -> SQLiteExpression {
        translator.binder.bind(.strictPrintf("%04d-%02d-%02d", fields[0], fields[1], fields[2])) { text in
            .when(.and([SQLiteExpression.call("date", text, .text("+0 days")).isEqual(text), .binary(fields[0], ">", .integer(0))]),
                  then: text, else: RuntimeFailure.raise("date field value out of range", showing: text))
        }
    }

    func date() throws -> Typed {
        try translator.expectArguments(call, 3...3)
        return Typed(validDate(try integers(3)), .date)
    }

    func timestamp(_ type: SQLType) throws -> Typed {
        try translator.expectArguments(call, 6...(type == .timestamptz ? 7 : 6))
        if call.arguments.count == 7 {
            guard let zone = translator.constantText(call.arguments[6]), ["utc", "etc/utc", "gmt"].contains(zone.lowercased()) else {
                throw translator.refusal("unsupported-function", "make_timestamptz() in a time zone other than UTC", at: call.node)
            }
        }
        let fields = try integers(5)
        let seconds = try translator.translate(call.arguments[5], as: .float("double precision")).sql
        let binder = translator.binder
        let result = binder.bind([validDate(fields), fields[3], fields[4], seconds]) { bound in
            let (date, hour, minute, seconds) = (bound[0], bound[1], bound[2], bound[3])
            let micros = TimestampSQL.epochSeconds(ofFinite: date).times(TimestampSQL.microsPerSecond)
                .plus(hour.times(.integer(CivilCalendar.microsecondsPerHour)))
                .plus(minute.times(.integer(CivilCalendar.microsecondsPerMinute)))
                .plus(ExpressionTranslator.roundHalfEven(seconds.realCast().times(.literal(.real(1_000_000)))))
            let valid = SQLiteExpression.and([
                .between(hour, low: .integer(0), high: .integer(23), negated: false),
                .between(minute, low: .integer(0), high: .integer(59), negated: false),
                .binary(seconds, ">=", .integer(0)), .binary(seconds, "<", .integer(60)),
            ])
            return .when(valid, then: binder.bind(micros) { TimestampSQL.format(microseconds: $0) },
                         else: RuntimeFailure.raise("time field value out of range", showing: hour.concatenated(minute)))
        }
        return Typed(result, type)
    }
}

/// `justify_hours`, `justify_days`, `justify_interval`: whole days out of the time, whole
/// 30-day months out of the days, with PostgreSQL's sign fix-ups.
struct Justify {
    let translator: ExpressionTranslator
    let call: FunctionCall

    func translate(days justifyDays: Bool, hours justifyHours: Bool) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let value = try translator.translate(call.arguments[0], as: .interval)
        guard value.type == .interval else {
            throw translator.refusal("unsupported-function", "\(call.name)() of \(value.type.postgresName ?? "?")", at: call.node)
        }
        let binder = translator.binder
        let perDay = TimestampSQL.microsPerDay
        let zero = SQLiteExpression.integer(0)
        let result = IntervalSQL.withParts(value.sql, binder: binder) { input in
            // Step 1 (hours): whole days out of the time.
            func hoursStep(_ parts: IntervalParts, _ next: @escaping (IntervalParts) -> SQLiteExpression) -> SQLiteExpression {
                guard justifyHours else { return next(parts) }
                return binder.bind([parts.months, parts.days.plus(parts.micros.dividedBy(perDay)), parts.micros.remainder(perDay)]) { b in
                    next(IntervalParts(months: b[0], days: b[1], micros: b[2]))
                }
            }
            // Step 2 (days): whole months out of the days.
            func daysStep(_ parts: IntervalParts, _ next: @escaping (IntervalParts) -> SQLiteExpression) -> SQLiteExpression {
                guard justifyDays else { return next(parts) }
                return binder.bind([parts.months.plus(parts.days.dividedBy(.integer(30))), parts.days.remainder(.integer(30)), parts.micros]) { b in
                    let (months, days, micros) = (b[0], b[1], b[2])
                    let timeNegative = justifyHours ? SQLiteExpression.and([days.isEqual(zero), micros.isLess(zero)]) : .integer(0)
                    let timePositive = justifyHours ? SQLiteExpression.and([days.isEqual(zero), .binary(micros, ">", zero)]) : .integer(0)
                    let down = SQLiteExpression.and([.binary(months, ">", zero), .or([days.isLess(zero), timeNegative])])
                    let up = SQLiteExpression.and([months.isLess(zero), .or([.binary(days, ">", zero), timePositive])])
                    let adjust = SQLiteExpression.cases([(down, .integer(1)), (up, .integer(-1))], else: zero)
                    return binder.bind(adjust) { adjust in
                        next(IntervalParts(months: months.minus(adjust), days: days.plus(adjust.times(.integer(30))), micros: micros))
                    }
                }
            }
            // Step 3 (hours): the sign of the time follows the days.
            func signStep(_ parts: IntervalParts) -> SQLiteExpression {
                guard justifyHours else { return IntervalSQL.format(parts, binder: binder) }
                let down = SQLiteExpression.and([.binary(parts.days, ">", zero), parts.micros.isLess(zero)])
                let up = SQLiteExpression.and([parts.days.isLess(zero), .binary(parts.micros, ">", zero)])
                let adjust = SQLiteExpression.cases([(down, .integer(1)), (up, .integer(-1))], else: zero)
                return binder.bind(adjust) { adjust in
                    IntervalSQL.format(IntervalParts(months: parts.months, days: parts.days.minus(adjust),
                                                     micros: parts.micros.plus(adjust.times(perDay))), binder: binder)
                }
            }
            return hoursStep(input) { daysStep($0, signStep) }
        }
        return Typed(result, .interval)
    }
}
