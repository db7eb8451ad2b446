/// SQL builders over `time` storage text (`HH:MM:SS[.ffffff]`).
enum TimeSQL {
    /// Microseconds since midnight (`text` is used several times: pass a bound value).
    static func microseconds(_ text: SQLiteExpression) -> SQLiteExpression {
        let fraction = text.substring(10).concatenated(.text("000000")).substring(1, 6).integerCast()
        return text.field(1, 2).times(.integer(3600)).plus(text.field(4, 2).times(.integer(60))).plus(text.field(7, 2))
            .times(TimestampSQL.microsPerSecond).plus(fraction)
    }

    /// The storage text of microseconds since midnight (`micros` must be bound).
    static func format(microseconds micros: SQLiteExpression) -> SQLiteExpression {
        .strictPrintf("%02d:%02d:%02d", micros.dividedBy(.integer(CivilCalendar.microsecondsPerHour)),
              micros.dividedBy(.integer(CivilCalendar.microsecondsPerMinute)).remainder(.integer(60)),
              micros.dividedBy(TimestampSQL.microsPerSecond).remainder(.integer(60)))
            .concatenated(TimestampSQL.fractionSuffix(micros.remainder(TimestampSQL.microsPerSecond)))
    }
}

/// SQL builders over `date` storage text (`YYYY-MM-DD`).
enum DateSQL {
    /// `value` computed from a date by SQLite's date functions, failing at run time when SQLite
    /// could not read the date (years after 9999, BC) instead of yielding NULL.
    static func checked(_ value: SQLiteExpression, source: SQLiteExpression) -> SQLiteExpression {
        .call("coalesce", value, RuntimeFailure.raise("date outside the years 1-9999", showing: source))
    }
}

/// interval × / ÷ number at run time, as PostgreSQL's interval_mul / interval_div compute it in
/// double precision: fractional months cascade into 30-day days, fractional days into time,
/// each step rounded to the microsecond with round-half-even (`rint`).
struct IntervalScaling {
    let binder: SQLBinder

    func scale(_ parts: IntervalParts, by factor: SQLiteExpression, dividing: Bool) -> SQLiteExpression {
        let operation = dividing ? "/" : "*"
        return binder.bind(parts.list + [factor]) { bound in
            let (months, days, micros, factor) = (bound[0], bound[1], bound[2], bound[3])
            let scaledMonths = SQLiteExpression.binary(months, operation, factor)
            let scaledDays = SQLiteExpression.binary(days, operation, factor)
            let scaledMicros = SQLiteExpression.binary(micros, operation, factor)
            return binder.bind([scaledMonths, scaledDays]) { scaled in
                let (sm, sd) = (scaled[0], scaled[1])
                let monthRemainderDays = roundToMicrosecond(sm.minus(sm.integerCast()).times(.integer(30)))
                return binder.bind(monthRemainderDays) { remainderDays in
                    let seconds = roundToMicrosecond(sd.minus(sd.integerCast()).plus(remainderDays).minus(remainderDays.integerCast())
                        .times(.integer(86_400)))
                    return binder.bind(seconds) { seconds in
                        let wholeDays = SQLiteExpression.when(.binary(.call("abs", seconds), ">=", .integer(86_400)),
                                                              then: seconds.dividedBy(.literal(.real(86_400))).integerCast(),
                                                              else: .integer(0))
                        return binder.bind(wholeDays) { wholeDays in
                            let restSeconds = seconds.minus(wholeDays.times(.integer(86_400)))
                            let result = IntervalParts(
                                months: sm.integerCast(),
                                days: sd.integerCast().plus(wholeDays).plus(remainderDays.integerCast()),
                                micros: ExpressionTranslator.roundHalfEven(scaledMicros.plus(restSeconds.times(.literal(.real(1_000_000))))))
                            return IntervalSQL.format(result, binder: binder)
                        }
                    }
                }
            }
        }
    }

    /// `rint(x * 1e6) / 1e6` in double precision.
    private func roundToMicrosecond(_ value: SQLiteExpression) -> SQLiteExpression {
        binder.bind(value.times(.literal(.real(1_000_000)))) { scaled in
            ExpressionTranslator.roundHalfEven(scaled).realCast().dividedBy(.literal(.real(1_000_000)))
        }
    }
}
