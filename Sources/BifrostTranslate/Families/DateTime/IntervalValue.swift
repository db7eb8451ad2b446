import Foundation

/// An interval as PostgreSQL holds it: months, days and microseconds, kept separate (a month is
/// not a fixed number of days, nor a day a fixed number of hours across time zone changes).
struct IntervalValue: Equatable {
    var months: Int64
    var days: Int64
    var microseconds: Int64

    static let zero = IntervalValue(months: 0, days: 0, microseconds: 0)

    var negated: IntervalValue { IntervalValue(months: -months, days: -days, microseconds: -microseconds) }

    static func + (left: IntervalValue, right: IntervalValue) -> IntervalValue {
        IntervalValue(months: left.months + right.months, days: left.days + right.days,
                      microseconds: left.microseconds + right.microseconds)
    }

    /// PostgreSQL's output with `IntervalStyle = iso_8601` (the storage text): years and months
    /// from the month count, hours, minutes and seconds from the microseconds, each part
    /// truncated towards zero so it carries the sign of its source.
    var isoText: String {
        if months == 0 && days == 0 && microseconds == 0 { return "PT0S" }
        var text = "P"
        func part(_ value: Int64, _ designator: String) {
            if value != 0 { text += "\(value)\(designator)" }
        }
        part(months / 12, "Y")
        part(months % 12, "M")
        part(days, "D")
        if microseconds != 0 { text += "T" }
        part(microseconds / CivilCalendar.microsecondsPerHour, "H")
        part(microseconds / CivilCalendar.microsecondsPerMinute % 60, "M")
        let seconds = microseconds / CivilCalendar.microsecondsPerSecond % 60
        let fraction = microseconds % CivilCalendar.microsecondsPerSecond
        if seconds != 0 || fraction != 0 {
            text += (microseconds < 0 ? "-" : "") + "\(abs(seconds))" + CivilCalendar.fractionSuffix(fraction) + "S"
        }
        return text
    }

    /// The ordering key PostgreSQL compares intervals by — months as 30 days, days as 24 hours —
    /// as fixed-width text: whole days offset to stay positive, then the microseconds of the day.
    var sortKeyText: String {
        let totalDays = months * 30 + days + CivilCalendar.floorDivide(microseconds, CivilCalendar.microsecondsPerDay)
        let rest = CivilCalendar.floorModulo(microseconds, CivilCalendar.microsecondsPerDay)
        return CivilCalendar.padded(totalDays + IntervalSQL.sortKeyDayOffset, 13) + CivilCalendar.padded(rest, 11)
    }

    /// Parses the designator form of ISO 8601 that PostgreSQL prints (`P1Y2M3DT4H5M6.5S`,
    /// negative parts allowed); nil for anything else.
    init?(isoText text: String) {
        guard text.hasPrefix("P"), text.count > 1 else { return nil }
        self = .zero
        var inTime = false
        var number = ""
        var seen = false
        for character in text.dropFirst() {
            if character == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            if character.isNumber || character == "-" || character == "." {
                number.append(character)
                continue
            }
            guard !number.isEmpty else { return nil }
            if character == "S" && inTime {
                guard let seconds = Decimal(string: number) else { return nil }
                let micros = NSDecimalNumber(decimal: seconds * 1_000_000).doubleValue.rounded(.toNearestOrEven)
                guard abs(micros) < 9.2e18 else { return nil }
                microseconds += Int64(micros)
            } else {
                guard let value = Int64(number) else { return nil }
                switch (character, inTime) {
                case ("Y", false): months += value * 12
                case ("M", false): months += value
                case ("W", false): days += value * 7
                case ("D", false): days += value
                case ("H", true): microseconds += value * CivilCalendar.microsecondsPerHour
                case ("M", true): microseconds += value * CivilCalendar.microsecondsPerMinute
                default: return nil
                }
            }
            number = ""
            seen = true
        }
        guard number.isEmpty, seen else { return nil }
    }

    init(months: Int64, days: Int64, microseconds: Int64) {
        self.months = months
        self.days = days
        self.microseconds = microseconds
    }

    /// `interval * factor` or `interval / factor` with PostgreSQL's cascade of fractional months
    /// into days and fractional days into time (interval_mul / interval_div).
    func scaled(by factor: Double, dividing: Bool) -> IntervalValue? {
        guard factor.isFinite, !(dividing && factor == 0) else { return nil }
        func apply(_ value: Int64) -> Double { dividing ? Double(value) / factor : Double(value) * factor }
        func roundToMicro(_ value: Double) -> Double { (value * 1_000_000).rounded(.toNearestOrEven) / 1_000_000 }
        let scaledMonths = apply(months), scaledDays = apply(days)
        guard abs(scaledMonths) < 2.2e9, abs(scaledDays) < 2.2e9 else { return nil }
        let resultMonths = Int64(scaledMonths)
        var resultDays = Int64(scaledDays)
        let monthRemainderDays = roundToMicro((scaledMonths - Double(resultMonths)) * 30)
        var secondRemainder = roundToMicro((scaledDays - Double(resultDays) + monthRemainderDays
                                            - Double(Int64(monthRemainderDays))) * 86_400)
        if abs(secondRemainder) >= 86_400 {
            let wholeDays = Int64(secondRemainder / 86_400)
            resultDays += wholeDays
            secondRemainder -= Double(wholeDays) * 86_400
        }
        resultDays += Int64(monthRemainderDays)
        let time = (apply(microseconds) + secondRemainder * 1_000_000).rounded(.toNearestOrEven)
        guard abs(time) < 9.2e18 else { return nil }
        return IntervalValue(months: resultMonths, days: resultDays, microseconds: Int64(time))
    }
}
