import Foundation

/// PostgreSQL's interval input syntax, evaluated at translation time: `1 day 02:00:00`,
/// `90 minutes`, `1.5 hours`, `@ 1 hour ago`, `1-2` (years-months), ISO `P1DT2H`, a bare number
/// (seconds, or the field an `INTERVAL '1' HOUR` qualifier names), with the qualifier's
/// truncation of lower fields. Fractions cascade down as PostgreSQL 15 does (a fractional year
/// becomes whole months, a fractional month 30-day days, a fractional day microseconds).
struct IntervalInput {
    /// `INTERVAL_MASK` bits of the qualifier (`YEAR TO MONTH` …); nil for a plain interval.
    var fieldMask: Int?
    /// Fractional-second precision of the qualifier.
    var precision: Int?

    enum Unit {
        case microsecond, millisecond, second, minute, hour, day, week, month, year, decade, century, millennium
    }

    static let yearBit = 1 << 2, monthBit = 1 << 1, dayBit = 1 << 3
    static let hourBit = 1 << 10, minuteBit = 1 << 11, secondBit = 1 << 12
    static let fullRange = 0x7FFF

    func parse(_ text: String) -> IntervalValue? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        var value: IntervalValue
        if trimmed.hasPrefix("P") {
            guard let iso = parseISO(trimmed) else { return nil }
            value = iso
        } else {
            guard let words = parseWords(trimmed.lowercased()) else { return nil }
            value = words
        }
        return applyQualifier(value)
    }

    // MARK: Words and numbers

    private func parseWords(_ text: String) -> IntervalValue? {
        var tokens = Self.tokens(text)
        if tokens.first == "@" { tokens.removeFirst() }
        var negate = false
        if tokens.last == "ago" {
            negate = true
            tokens.removeLast()
        }
        guard !tokens.isEmpty else { return nil }
        var accumulator = Accumulator()
        var index = 0
        var sawField = false
        while index < tokens.count {
            let token = tokens[index]
            if token.contains(":") {
                guard accumulator.addTime(token) else { return nil }
                sawField = true
                index += 1
                continue
            }
            if Self.isYearMonth(token) {
                guard accumulator.addYearMonth(token) else { return nil }
                sawField = true
                index += 1
                continue
            }
            guard let number = Self.number(token) else { return nil }
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            if let next, let unit = Self.unit(next) {
                guard accumulator.add(number, unit) else { return nil }
                index += 2
            } else if let next, next.contains(":") {
                // A number before a time field counts days (`1 02:00:00`).
                guard accumulator.add(number, .day) else { return nil }
                index += 1
            } else if next == nil {
                guard accumulator.add(number, defaultUnit) else { return nil }
                index += 1
            } else {
                return nil
            }
            sawField = true
        }
        guard sawField else { return nil }
        return negate ? accumulator.value.negated : accumulator.value
    }

    /// The unit of a bare trailing number: seconds, or the lowest field of the qualifier.
    private var defaultUnit: Unit {
        guard let mask = fieldMask, mask != Self.fullRange else { return .second }
        if mask & Self.secondBit != 0 { return .second }
        if mask & Self.minuteBit != 0 { return .minute }
        if mask & Self.hourBit != 0 { return .hour }
        if mask & Self.dayBit != 0 { return .day }
        if mask & Self.monthBit != 0 { return .month }
        return .year
    }

    /// Splits on spaces and between a number and a unit written together (`10min`, `-1day`).
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) {
            var current = ""
            var previousWasNumber = false
            for character in word {
                let isNumberish = character.isNumber || character == "." || character == ":" || character == "-" || character == "+"
                if !current.isEmpty && previousWasNumber && character.isLetter && !current.contains(":") {
                    tokens.append(current)
                    current = ""
                }
                if !current.isEmpty && !previousWasNumber && isNumberish && (character == "-" || character == "+" || character.isNumber) {
                    tokens.append(current)
                    current = ""
                }
                current.append(character)
                previousWasNumber = isNumberish
            }
            if !current.isEmpty { tokens.append(current) }
        }
        return tokens
    }

    static func isYearMonth(_ token: String) -> Bool {
        let body = token.hasPrefix("-") || token.hasPrefix("+") ? String(token.dropFirst()) : token
        let parts = body.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// A signed decimal number: its integer part and its fraction with the same sign.
    static func number(_ token: String) -> (whole: Int64, fraction: Double)? {
        var body = Substring(token)
        var negative = false
        if body.hasPrefix("-") || body.hasPrefix("+") {
            negative = body.hasPrefix("-")
            body = body.dropFirst()
        }
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, pieces.count <= 2, pieces.allSatisfy({ $0.allSatisfy(\.isNumber) }),
              pieces.contains(where: { !$0.isEmpty }) else { return nil }
        guard let whole = pieces[0].isEmpty ? 0 : Int64(pieces[0]), whole <= Int64(Int32.max) else { return nil }
        let fraction = pieces.count == 2 && !pieces[1].isEmpty ? Double("0." + pieces[1]) ?? 0 : 0
        return negative ? (-whole, -fraction) : (whole, fraction)
    }

    static func unit(_ word: String) -> Unit? {
        switch word {
        case "microsecond", "microseconds", "microsecon", "us", "usec", "usecs", "usecond", "useconds": return .microsecond
        case "millisecond", "milliseconds", "millisecon", "ms", "msec", "msecs", "msecond", "mseconds": return .millisecond
        case "second", "seconds", "sec", "secs", "s": return .second
        case "minute", "minutes", "min", "mins", "m": return .minute
        case "hour", "hours", "hr", "hrs", "h": return .hour
        case "day", "days", "d": return .day
        case "week", "weeks", "w": return .week
        case "month", "months", "mon", "mons": return .month
        case "year", "years", "yr", "yrs", "y": return .year
        case "decade", "decades", "dec", "decs": return .decade
        case "century", "centuries", "cent", "c": return .century
        case "millennium", "millennia", "mil", "mils": return .millennium
        default: return nil
        }
    }

    // MARK: ISO 8601

    private func parseISO(_ text: String) -> IntervalValue? {
        var accumulator = Accumulator()
        var inTime = false
        var number = ""
        var sawField = false
        for character in text.dropFirst() {
            if character == "T" && !inTime && number.isEmpty {
                inTime = true
                continue
            }
            if character.isNumber || character == "-" || character == "." {
                number.append(character)
                continue
            }
            guard let value = Self.number(number) else { return nil }
            let unit: Unit
            switch (character, inTime) {
            case ("Y", false): unit = .year
            case ("M", false): unit = .month
            case ("W", false): unit = .week
            case ("D", false): unit = .day
            case ("H", true): unit = .hour
            case ("M", true): unit = .minute
            case ("S", true): unit = .second
            default: return nil
            }
            guard accumulator.add(value, unit) else { return nil }
            number = ""
            sawField = true
        }
        guard number.isEmpty, sawField else { return nil }
        return accumulator.value
    }

    // MARK: Qualifier

    private func applyQualifier(_ input: IntervalValue) -> IntervalValue? {
        var value = input
        if let mask = fieldMask, mask != Self.fullRange {
            let hour = CivilCalendar.microsecondsPerHour, minute = CivilCalendar.microsecondsPerMinute
            switch mask {
            case Self.yearBit:
                value = IntervalValue(months: value.months / 12 * 12, days: 0, microseconds: 0)
            case Self.monthBit, Self.yearBit | Self.monthBit:
                value = IntervalValue(months: value.months, days: 0, microseconds: 0)
            case Self.dayBit:
                value.microseconds = 0
            case Self.hourBit, Self.dayBit | Self.hourBit:
                value.microseconds = value.microseconds / hour * hour
            case Self.minuteBit, Self.hourBit | Self.minuteBit, Self.dayBit | Self.hourBit | Self.minuteBit:
                value.microseconds = value.microseconds / minute * minute
            default:
                break
            }
        }
        if let precision, precision < 6 {
            var scale: Int64 = 1
            for _ in precision..<6 { scale *= 10 }
            let magnitude = (abs(value.microseconds) + scale / 2) / scale * scale
            value.microseconds = value.microseconds < 0 ? -magnitude : magnitude
        }
        return value
    }
}

/// Sums interval fields the way PostgreSQL's DecodeInterval does.
private struct Accumulator {
    var value = IntervalValue.zero

    mutating func add(_ number: (whole: Int64, fraction: Double), _ unit: IntervalInput.Unit) -> Bool {
        let (whole, fraction) = number
        switch unit {
        case .microsecond: return addMicroseconds(whole, fraction, scale: 1)
        case .millisecond: return addMicroseconds(whole, fraction, scale: 1000)
        case .second: return addMicroseconds(whole, fraction, scale: CivilCalendar.microsecondsPerSecond)
        case .minute: return addMicroseconds(whole, fraction, scale: CivilCalendar.microsecondsPerMinute)
        case .hour: return addMicroseconds(whole, fraction, scale: CivilCalendar.microsecondsPerHour)
        case .day:
            value.days += whole
            return addFractionMicroseconds(fraction, scale: CivilCalendar.microsecondsPerDay)
        case .week:
            value.days += whole * 7
            return addFractionDays(fraction, scale: 7)
        case .month:
            value.months += whole
            return addFractionDays(fraction, scale: 30)
        case .year: return addYears(whole, fraction, scale: 1)
        case .decade: return addYears(whole, fraction, scale: 10)
        case .century: return addYears(whole, fraction, scale: 100)
        case .millennium: return addYears(whole, fraction, scale: 1000)
        }
    }

    private mutating func addYears(_ whole: Int64, _ fraction: Double, scale: Int64) -> Bool {
        value.months += whole * scale * 12
        value.months += Int64((fraction * Double(scale) * 12).rounded(.toNearestOrEven))
        return true
    }

    private mutating func addMicroseconds(_ whole: Int64, _ fraction: Double, scale: Int64) -> Bool {
        let (product, overflow) = whole.multipliedReportingOverflow(by: scale)
        guard !overflow else { return false }
        value.microseconds += product
        return addFractionMicroseconds(fraction, scale: scale)
    }

    private mutating func addFractionMicroseconds(_ fraction: Double, scale: Int64) -> Bool {
        guard fraction != 0 else { return true }
        let scaled = fraction * Double(scale)
        guard abs(scaled) < 9e18 else { return false }
        let whole = Int64(scaled)
        value.microseconds += whole + Int64((scaled - Double(whole)).rounded(.toNearestOrEven))
        return true
    }

    private mutating func addFractionDays(_ fraction: Double, scale: Int64) -> Bool {
        guard fraction != 0 else { return true }
        let scaled = fraction * Double(scale)
        let extraDays = Int64(scaled)
        value.days += extraDays
        return addFractionMicroseconds(scaled - Double(extraDays), scale: CivilCalendar.microsecondsPerDay)
    }

    /// `[-]h:mm[:ss[.fff]]` (or `mm:ss.fff` when the first part has a fraction-bearing tail).
    mutating func addTime(_ token: String) -> Bool {
        var body = Substring(token)
        var negative = false
        if body.hasPrefix("-") || body.hasPrefix("+") {
            negative = body.hasPrefix("-")
            body = body.dropFirst()
        }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), let hours = Int64(parts[0]), let minutes = Int64(parts[1]),
              minutes < 60 else { return false }
        var micros = hours * CivilCalendar.microsecondsPerHour + minutes * CivilCalendar.microsecondsPerMinute
        if parts.count == 3 {
            guard let seconds = IntervalInput.number(String(parts[2])), seconds.whole < 60, seconds.whole >= 0 else { return false }
            micros += seconds.whole * CivilCalendar.microsecondsPerSecond + Int64((seconds.fraction * 1_000_000).rounded(.toNearestOrEven))
        }
        value.microseconds += negative ? -micros : micros
        return true
    }

    /// SQL-standard `years-months`.
    mutating func addYearMonth(_ token: String) -> Bool {
        let negative = token.hasPrefix("-")
        let body = token.hasPrefix("-") || token.hasPrefix("+") ? token.dropFirst() : Substring(token)
        let parts = body.split(separator: "-")
        guard let years = Int64(parts[0]), let months = Int64(parts[1]), months < 12 else { return false }
        let total = years * 12 + months
        value.months += negative ? -total : total
        return true
    }
}
