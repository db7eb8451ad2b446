/// `age(a, b)` and `age(a)` (from midnight of the current date) with PostgreSQL's field-wise
/// subtraction: the later minus the earlier moment field by field, borrowing a day as 24 hours
/// and a month as the length of the earlier moment's month, then the sign of a − b.
struct Age {
    let translator: ExpressionTranslator
    let call: FunctionCall
    var binder: SQLBinder { translator.binder }

    func translate() throws -> Typed {
        try translator.expectArguments(call, 1...2)
        let casts = DateTimeCasts(translator: translator, node: call.node)
        func operand(_ node: ParseNode) throws -> Typed {
            let value = try translator.temporalArgument(node, default: .timestamptz)
            switch value.type {
            case .date: return try casts.convert(value, to: .timestamp)
            case .timestamp, .timestamptz: return value
            default: throw translator.refusal("unsupported-function", "age() of \(value.type.postgresName ?? "?")", at: node)
            }
        }
        let later: SQLiteExpression, earlier: SQLiteExpression
        if call.arguments.count == 1 {
            try CurrentTime.checkTransaction(translator, at: call.node)
            later = TimestampSQL.midnight(ofDate: CurrentTime.date(translator, shiftedBy: 0, at: call.node))
            earlier = try operand(call.arguments[0]).sql
        } else {
            later = try operand(call.arguments[0]).sql
            earlier = try operand(call.arguments[1]).sql
        }
        return Typed(age(later, earlier), .interval)
    }

    private func age(_ first: SQLiteExpression, _ second: SQLiteExpression) -> SQLiteExpression {
        binder.bind([first, second]) { operands in
            let (a, b) = (operands[0], operands[1])
            let negative = a.isLess(b)
            let ordered = [SQLiteExpression.when(negative, then: b, else: a), .when(negative, then: a, else: b), negative]
            let difference = binder.bind(ordered) { bound in
                let (later, earlier, negative) = (bound[0], bound[1], bound[2])
                let sign = SQLiteExpression.when(negative, then: .integer(-1), else: .integer(1))
                let laterTime = TimestampSQL.timeOfDay(ofFinite: later), earlierTime = TimestampSQL.timeOfDay(ofFinite: earlier)
                return binder.bind([laterTime, earlierTime, sign]) { times in
                    let (laterTime, earlierTime, sign) = (times[0], times[1], times[2])
                    let borrowDay = laterTime.isLess(earlierTime)
                    let time = laterTime.minus(earlierTime).plus(borrowDay.times(TimestampSQL.microsPerDay))
                    let days = later.field(9, 2).minus(earlier.field(9, 2)).minus(borrowDay)
                    return binder.bind(days) { days in
                        let borrowMonth = days.isLess(.integer(0))
                        let monthLength = SQLiteExpression.call("strftime", .text("%d"), earlier.substring(1, 10), .text("start of month"),
                                                                .text("+1 month"), .text("-1 day")).integerCast()
                        let months = later.field(1, 4).minus(earlier.field(1, 4)).times(.integer(12))
                            .plus(later.field(6, 2)).minus(earlier.field(6, 2)).minus(borrowMonth)
                        let parts = IntervalParts(months: months, days: days.plus(borrowMonth.times(monthLength)), micros: time)
                        return IntervalSQL.format(parts.map { $0.times(sign) }, binder: binder)
                    }
                }
            }
            // PostgreSQL 15 answers garbage for infinite operands; fail instead.
            return .when(.or([TimestampSQL.isInfinite(a), TimestampSQL.isInfinite(b)]),
                         then: RuntimeFailure.raise("age() of an infinite timestamp", showing: a.concatenated(b)), else: difference)
        }
    }
}
