/// `+`, `-`, `*`, `/` with a date/time operand, with PostgreSQL's operator choice and results:
/// timestamp ± interval (months first with end-of-month clamping, then days, then time),
/// timestamp − timestamp (days and time, as `justify_hours` leaves them), date ± integer,
/// date − date, date ± interval (a timestamp), interval ± interval, interval × number, time ± interval.
struct DateTimeArithmetic {
    let translator: ExpressionTranslator
    let node: ParseNode
    var binder: SQLBinder { translator.binder }

    private enum Kind { case timestamp, date, time, interval, number, open, other }

    private func kind(_ type: SQLType) -> Kind {
        switch type {
        case .timestamp, .timestamptz: return .timestamp
        case .date: return .date
        case .time: return .time
        case .interval: return .interval
        case .integer, .numeric, .float: return .number
        case .unknownLiteral, .null, .any: return .open
        default: return .other
        }
    }

    func apply(_ symbol: String, _ leftInput: Typed, _ rightInput: Typed) throws -> Typed {
        var (left, right) = (leftInput, rightInput)
        // An untyped operand takes the type PostgreSQL's operator resolution gives it.
        if kind(right.type) == .open { right = try translator.coerce(right, to: openOperandType(symbol, other: left.type, left: false), at: node) }
        if kind(left.type) == .open { left = try translator.coerce(left, to: openOperandType(symbol, other: right.type, left: true), at: node) }
        switch (kind(left.type), symbol, kind(right.type)) {
        case (.timestamp, "+", .interval), (.timestamp, "-", .interval):
            return Typed(shift(left.sql, by: right.sql, negate: symbol == "-"), left.type)
        case (.interval, "+", .timestamp):
            return Typed(shift(right.sql, by: left.sql, negate: false), right.type)
        case (.date, "+", .interval), (.date, "-", .interval):
            return Typed(shift(try timestamp(left), by: right.sql, negate: symbol == "-"), .timestamp)
        case (.interval, "+", .date):
            return Typed(shift(try timestamp(right), by: left.sql, negate: false), .timestamp)
        case (.timestamp, "-", .timestamp):
            return Typed(difference(left.sql, right.sql), .interval)
        case (.timestamp, "-", .date):
            return Typed(difference(left.sql, try timestamp(right)), .interval)
        case (.date, "-", .timestamp):
            return Typed(difference(try timestamp(left), right.sql), .interval)
        case (.date, "+", .number), (.date, "-", .number):
            return Typed(try addDays(left.sql, integer(right), negate: symbol == "-"), .date)
        case (.number, "+", .date):
            return Typed(try addDays(right.sql, integer(left), negate: false), .date)
        case (.date, "-", .date):
            return Typed(dateDifference(left.sql, right.sql), .integer("integer"))
        case (.date, "+", .time), (.time, "+", .date):
            let (date, time) = left.type == .date ? (left.sql, right.sql) : (right.sql, left.sql)
            return Typed(binder.bind(date) { date in
                TimestampSQL.unlessInfinite(date, date.concatenated(.text(" ")).concatenated(time))
            }, .timestamp)
        case (.interval, "+", .interval), (.interval, "-", .interval):
            return Typed(combine(left.sql, right.sql, negate: symbol == "-"), .interval)
        case (.interval, "*", .number), (.number, "*", .interval), (.interval, "/", .number):
            let (interval, factor) = left.type == .interval ? (left, right) : (right, left)
            return Typed(try scale(interval.sql, by: factor, dividing: symbol == "/"), .interval)
        case (.time, "+", .interval), (.time, "-", .interval), (.interval, "+", .time):
            let (time, interval) = left.type == .time ? (left.sql, right.sql) : (right.sql, left.sql)
            return Typed(timeShift(time, by: interval, negate: symbol == "-"), .time)
        case (.time, "-", .time):
            let difference = binder.bind([left.sql, right.sql]) { times in
                IntervalSQL.format(IntervalParts(months: .integer(0), days: .integer(0),
                                                 micros: TimeSQL.microseconds(times[0]).minus(TimeSQL.microseconds(times[1]))),
                                   binder: binder)
            }
            return Typed(difference, .interval)
        default:
            throw translator.refusal("unsupported-syntax",
                                     "operator \(symbol) for \(left.type.postgresName ?? "unknown") and \(right.type.postgresName ?? "unknown")",
                                     at: node)
        }
    }

    /// PostgreSQL's choice for an untyped operand: the other operand's type where such an
    /// operator exists (`ts - '2024-01-01'` is timestamp − timestamp), else interval or integer.
    private func openOperandType(_ symbol: String, other: SQLType, left: Bool) -> SQLType {
        switch (kind(other), symbol) {
        case (.timestamp, "-"): return other
        case (.timestamp, "+"): return .interval
        case (.date, "-"): return .date
        case (.date, "+"): return .integer("integer")
        case (.interval, "*"), (.interval, "/"): return .float("double precision")
        case (.interval, _), (.time, "+"): return .interval
        case (.time, "-"): return .time
        case (.number, _): return .interval
        default: return other
        }
    }

    private func integer(_ value: Typed) throws -> SQLiteExpression {
        guard value.type.isInteger || value.type.isOpen else {
            throw translator.refusal("unsupported-syntax", "date ± \(value.type.postgresName ?? "?") (PostgreSQL adds whole days only)", at: node)
        }
        return value.sql
    }

    /// A date as the timestamp at its midnight.
    private func timestamp(_ date: Typed) throws -> SQLiteExpression {
        try DateTimeCasts(translator: translator, node: node).convert(date, to: .timestamp).sql
    }

    private func shift(_ timestamp: SQLiteExpression, by interval: SQLiteExpression, negate: Bool) -> SQLiteExpression {
        IntervalSQL.withParts(interval, binder: binder) { parts in
            let signed = negate ? parts.map { .prefix("-", $0) }.folded : parts
            return binder.bind(timestamp) { text in TimestampSQL.adding(signed, to: text, binder: binder) }
        }
    }

    /// timestamp − timestamp: whole days and the rest of the time, both with the sign of the
    /// difference. PostgreSQL 15 refuses infinite operands ("cannot subtract infinite timestamps").
    private func difference(_ left: SQLiteExpression, _ right: SQLiteExpression) -> SQLiteExpression {
        if let l = TimestampSQL.constantMicroseconds(left), let r = TimestampSQL.constantMicroseconds(right) {
            let difference = l - r
            return .text(IntervalValue(months: 0, days: difference / CivilCalendar.microsecondsPerDay,
                                       microseconds: difference % CivilCalendar.microsecondsPerDay).isoText)
        }
        return binder.bind([left, right]) { operands in
            let (l, r) = (operands[0], operands[1])
            let micros = TimestampSQL.microseconds(ofFinite: l).minus(TimestampSQL.microseconds(ofFinite: r))
            let formatted = binder.bind(micros) { micros in
                IntervalSQL.format(IntervalParts(months: .integer(0), days: micros.dividedBy(TimestampSQL.microsPerDay),
                                                 micros: micros.remainder(TimestampSQL.microsPerDay)), binder: binder)
            }
            return .when(.or([TimestampSQL.isInfinite(l), TimestampSQL.isInfinite(r)]),
                         then: RuntimeFailure.raise("cannot subtract infinite timestamps", showing: l.concatenated(r)), else: formatted)
        }
    }

    private func addDays(_ date: SQLiteExpression, _ days: SQLiteExpression, negate: Bool) throws -> SQLiteExpression {
        let signed = negate ? SQLiteExpression.prefix("-", days) : days
        return binder.bind(date) { date in
            let shifted = DateSQL.checked(.call("date", date, signed.concatenated(.text(" days"))), source: date)
            return TimestampSQL.unlessInfinite(date, shifted)
        }
    }

    /// date − date: the number of days; PostgreSQL refuses infinite dates.
    private func dateDifference(_ left: SQLiteExpression, _ right: SQLiteExpression) -> SQLiteExpression {
        binder.bind([left, right]) { operands in
            let (l, r) = (operands[0], operands[1])
            let days = TimestampSQL.epochSeconds(ofFinite: l).minus(TimestampSQL.epochSeconds(ofFinite: r)).dividedBy(.integer(86_400))
            return .when(.or([TimestampSQL.isInfinite(l), TimestampSQL.isInfinite(r)]),
                         then: RuntimeFailure.raise("cannot subtract infinite dates", showing: l.concatenated(r)), else: days)
        }
    }

    private func combine(_ left: SQLiteExpression, _ right: SQLiteExpression, negate: Bool) -> SQLiteExpression {
        IntervalSQL.withParts(left, binder: binder) { l in
            IntervalSQL.withParts(right, binder: binder) { r in
                let combined = IntervalParts(months: l.months.binary(negate, r.months), days: l.days.binary(negate, r.days),
                                             micros: l.micros.binary(negate, r.micros))
                if let a = l.constant, let b = r.constant {
                    return .text((negate ? a + b.negated : a + b).isoText)
                }
                return IntervalSQL.format(combined, binder: binder)
            }
        }
    }

    private func scale(_ interval: SQLiteExpression, by factor: Typed, dividing: Bool) throws -> SQLiteExpression {
        if SQLBinder.containsWindow(interval) || SQLBinder.containsWindow(factor.sql) {
            // Window results cannot be bound; the cascade would repeat them exponentially often.
            throw translator.refusal("unsupported-syntax", "interval \(dividing ? "/" : "*") number on a window function result: compute it in a subquery first",
                                     at: node)
        }
        return IntervalSQL.withParts(interval, binder: binder) { parts in
            if factor.type.isInteger && !dividing {
                if let constant = parts.constant, let multiplier = factor.sql.constantInteger {
                    return .text(IntervalValue(months: constant.months * multiplier, days: constant.days * multiplier,
                                               microseconds: constant.microseconds * multiplier).isoText)
                }
                return binder.bind(factor.sql) { multiplier in
                    IntervalSQL.format(parts.map { $0.times(multiplier) }, binder: binder)
                }
            }
            if let constant = parts.constant, let multiplier = Self.constantNumber(factor.sql),
               let result = constant.scaled(by: multiplier, dividing: dividing) {
                return .text(result.isoText)
            }
            return IntervalScaling(binder: binder).scale(parts, by: factor.sql.realCast(), dividing: dividing)
        }
    }

    static func constantNumber(_ value: SQLiteExpression) -> Double? {
        switch value {
        case let .literal(.integer(number)): return Double(number)
        case let .literal(.real(number)): return number
        case let .prefix("-", inner): return constantNumber(inner).map { -$0 }
        case let .cast(inner, _): return constantNumber(inner)
        default: return nil
        }
    }

    /// time ± interval: only the interval's time counts, wrapped around midnight.
    private func timeShift(_ time: SQLiteExpression, by interval: SQLiteExpression, negate: Bool) -> SQLiteExpression {
        IntervalSQL.withParts(interval, binder: binder) { parts in
            let delta = negate ? SQLiteExpression.prefix("-", parts.micros) : parts.micros
            let perDay = TimestampSQL.microsPerDay
            return binder.bind(time) { time in
                let wrapped = TimeSQL.microseconds(time).plus(delta.remainder(perDay)).plus(perDay).remainder(perDay)
                return binder.bind(wrapped) { TimeSQL.format(microseconds: $0) }
            }
        }
    }
}

private extension SQLiteExpression {
    func binary(_ subtract: Bool, _ other: SQLiteExpression) -> SQLiteExpression { subtract ? minus(other) : plus(other) }
}
