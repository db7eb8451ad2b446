/// Date/time literals turned into their storage text at translation time.
struct DateTimeLiterals {
    let translator: ExpressionTranslator
    let node: ParseNode

    func storage(of text: String, as type: SQLType) throws -> SQLiteExpression {
        switch type {
        case .interval:
            let modifiers = typeModifiers
            let input = IntervalInput(fieldMask: modifiers.first, precision: modifiers.count > 1 ? modifiers[1] : nil)
            guard let value = input.parse(text) else { throw invalid(text, type) }
            return .text(value.isoText)
        case .time:
            guard let micros = TimestampInput.time(text) else { throw invalid(text, type) }
            return .text(CivilCalendar.timeText(microseconds: rounded(micros)))
        default:
            if let special = TimestampInput.special(text) { return try self.special(special, as: type) }
            guard let moment = TimestampInput.moment(text) else { throw invalid(text, type) }
            var micros = moment.microseconds
            if type == .timestamptz, let offset = moment.offsetSeconds {
                micros -= offset * CivilCalendar.microsecondsPerSecond
            }
            if type == .date {
                let days = CivilCalendar.floorDivide(micros, CivilCalendar.microsecondsPerDay)
                guard let date = CivilCalendar.dateText(days: days) else { throw outOfRange(text, type) }
                return .text(date)
            }
            guard let stored = CivilCalendar.timestampText(microseconds: rounded(micros)) else { throw outOfRange(text, type) }
            return .text(stored)
        }
    }

    /// `infinity`, `epoch`, and the words for the current day or time (evaluated by SQLite).
    private func special(_ word: TimestampInput.Special, as type: SQLType) throws -> SQLiteExpression {
        let isDate = type == .date
        switch word {
        case .infinity: return TimestampSQL.infinity
        case .minusInfinity: return TimestampSQL.minusInfinity
        case .epoch: return .text(isDate ? "1970-01-01" : "1970-01-01 00:00:00")
        case .now:
            let now = CurrentTime.timestamp(translator, at: node)
            return isDate ? now.substring(1, 10) : now
        case .today, .tomorrow, .yesterday:
            let shift = word == .today ? 0 : (word == .tomorrow ? 1 : -1)
            let day = CurrentTime.date(translator, shiftedBy: shift, at: node)
            return isDate ? day : TimestampSQL.midnight(ofDate: day)
        }
    }

    /// The typmods of a `TypeCast` (interval fields and precision, timestamp precision).
    private var typeModifiers: [Int] {
        guard node.tag == "TypeCast", let typeName = node.embedded("typeName", as: "TypeName") else { return [] }
        // libpg_query leaves zero values out of its JSON: `{"ival": {}}` is 0.
        return typeName.list("typmods").compactMap { $0.embedded("ival", as: "Integer").map { $0.int("ival") ?? 0 } }
    }

    /// Microseconds rounded to a `timestamp(p)` / `time(p)` precision, half away from zero.
    private func rounded(_ micros: Int64) -> Int64 {
        guard let precision = typeModifiers.first, precision >= 0, precision < 6 else { return micros }
        var scale: Int64 = 1
        for _ in precision..<6 { scale *= 10 }
        let magnitude = (abs(micros) + scale / 2) / scale * scale
        return micros < 0 ? -magnitude : magnitude
    }

    private func invalid(_ text: String, _ type: SQLType) -> TranslationRefusal {
        translator.refusal("invalid-literal",
                           "invalid or unsupported input for type \(type.postgresName ?? "?"): \"\(text)\" (the translator evaluates ISO dates and times with numeric zone offsets)",
                           at: node)
    }

    private func outOfRange(_ text: String, _ type: SQLType) -> TranslationRefusal {
        translator.refusal("invalid-literal",
                           "\(type.postgresName ?? "?") \"\(text)\" is outside the years 1-9999 that the storage text orders correctly",
                           at: node)
    }
}
