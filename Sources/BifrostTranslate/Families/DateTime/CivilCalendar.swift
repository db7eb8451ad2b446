/// Proleptic Gregorian calendar arithmetic in Swift, for date/time literals evaluated at
/// translation time (days counted from 1970-01-01, microseconds from 1970-01-01 00:00:00).
enum CivilCalendar {
    static let microsecondsPerSecond: Int64 = 1_000_000
    static let microsecondsPerMinute: Int64 = 60_000_000
    static let microsecondsPerHour: Int64 = 3_600_000_000
    static let microsecondsPerDay: Int64 = 86_400_000_000

    static func isLeapYear(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a civil date (era-based algorithm, valid for any year).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    static func date(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    static func floorModulo(_ value: Int64, _ divisor: Int64) -> Int64 {
        value - floorDivide(value, divisor) * divisor
    }

    static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `HH:MM:SS[.ffffff]` (trailing fraction zeros trimmed) of microseconds since midnight.
    static func timeText(microseconds: Int64) -> String {
        let seconds = microseconds / microsecondsPerSecond
        return "\(padded(seconds / 3600, 2)):\(padded(seconds / 60 % 60, 2)):\(padded(seconds % 60, 2))"
            + fractionSuffix(microseconds % microsecondsPerSecond)
    }

    /// `.ffffff` with trailing zeros trimmed, or nothing for a zero fraction.
    static func fractionSuffix(_ microseconds: Int64) -> String {
        guard microseconds != 0 else { return "" }
        var digits = padded(abs(microseconds), 6)
        while digits.hasSuffix("0") { digits.removeLast() }
        return "." + digits
    }

    /// `YYYY-MM-DD`; nil outside the years 1–9999 that the storage text can hold sortably.
    static func dateText(days: Int64) -> String? {
        let (year, month, day) = date(days: days)
        guard (1...9999).contains(year) else { return nil }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// Bifrost's timestamp storage text of microseconds since the Unix epoch.
    static func timestampText(microseconds: Int64) -> String? {
        let days = floorDivide(microseconds, microsecondsPerDay)
        guard let date = dateText(days: days) else { return nil }
        return date + " " + timeText(microseconds: microseconds - days * microsecondsPerDay)
    }
}
