/// The way back from the text forms `DateCodec`, `TimeCodec` and `TimestampCodec` store:
/// PostgreSQL's binary values (days or microseconds since 2000-01-01). Only those exact
/// forms are read; any other text gives `nil`, and the caller lets PostgreSQL's own input
/// function read it instead. Years are kept well inside PostgreSQL's ranges for the same
/// reason: the edges are PostgreSQL's to judge.
public enum StoredTemporal {
    /// `YYYY-MM-DD[ BC]`, `infinity`, `-infinity` → days since 2000-01-01.
    public static func date(_ text: UnsafeRawBufferPointer) -> Int32? {
        if text.elementsEqual("infinity".utf8) { return Int32.max }
        if text.elementsEqual("-infinity".utf8) { return Int32.min }
        var cursor = Cursor(text: text)
        guard let days = cursor.date(), cursor.atEnd else { return nil }
        return Int32(days)
    }

    /// `HH:MM:SS[.ffffff]` → microseconds since midnight.
    public static func time(_ text: UnsafeRawBufferPointer) -> Int64? {
        var cursor = Cursor(text: text)
        guard let time = cursor.timeOfDay(), cursor.atEnd else { return nil }
        return time
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff][ BC]`, `infinity`, `-infinity` → microseconds since
    /// 2000-01-01 00:00 (UTC for timestamptz, which the converter stores in UTC).
    public static func timestamp(_ text: UnsafeRawBufferPointer) -> Int64? {
        if text.elementsEqual("infinity".utf8) { return Int64.max }
        if text.elementsEqual("-infinity".utf8) { return Int64.min }
        var cursor = Cursor(text: text)
        guard let days = cursor.date(timeOfDay: true), cursor.atEnd else { return nil }
        return days.days * PostgresCalendar.microsecondsPerDay + days.time
    }

    /// Days since 2000-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil),
    /// the inverse of `PostgresCalendar.civilDate`.
    static func daysSince2000(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468 - PostgresCalendar.unixToPostgresEpochDays
    }

    /// Astronomical years read back (1 BC is year 0): a margin inside PostgreSQL's range
    /// for dates and timestamps (4713 BC to 294276 AD).
    static let years: ClosedRange<Int64> = -4000...200_000

    private struct Cursor {
        let text: UnsafeRawBufferPointer
        var position = 0

        var atEnd: Bool { position == text.count }

        /// The date, and the time of day after it when `timeOfDay`; then the era.
        mutating func date(timeOfDay: Bool) -> (days: Int64, time: Int64)? {
            guard let year = number(minimumDigits: 4, maximumDigits: 6), expect("-"),
                  let month = number(minimumDigits: 2, maximumDigits: 2), expect("-"),
                  let day = number(minimumDigits: 2, maximumDigits: 2) else { return nil }
            var time: Int64 = 0
            if timeOfDay {
                guard expect(" "), let read = self.timeOfDay() else { return nil }
                time = read
            }
            let beforeChrist = text.count - position == 3 && expect(" ") && expect("B") && expect("C")
            let astronomical = beforeChrist ? 1 - year : year
            guard year >= 1, Self.validDay(year: astronomical, month: month, day: day),
                  StoredTemporal.years.contains(astronomical) else { return nil }
            return (StoredTemporal.daysSince2000(year: astronomical, month: month, day: day), time)
        }

        mutating func date() -> Int64? { date(timeOfDay: false)?.days }

        mutating func timeOfDay() -> Int64? {
            guard let hour = number(minimumDigits: 2, maximumDigits: 2), hour < 24, expect(":"),
                  let minute = number(minimumDigits: 2, maximumDigits: 2), minute < 60, expect(":"),
                  let second = number(minimumDigits: 2, maximumDigits: 2), second < 60 else { return nil }
            var microseconds = ((hour * 60 + minute) * 60 + second) * 1_000_000
            if position < text.count, text[position] == UInt8(ascii: ".") {
                position += 1
                let start = position
                guard var fraction = number(minimumDigits: 1, maximumDigits: 6) else { return nil }
                for _ in (position - start)..<6 { fraction *= 10 }
                microseconds += fraction
            }
            return microseconds
        }

        private mutating func expect(_ character: Unicode.Scalar) -> Bool {
            guard position < text.count, text[position] == UInt8(ascii: character) else { return false }
            position += 1
            return true
        }

        private mutating func number(minimumDigits: Int, maximumDigits: Int) -> Int64? {
            var value: Int64 = 0
            var digits = 0
            while position < text.count, digits < maximumDigits, (0x30...0x39).contains(text[position]) {
                value = value * 10 + Int64(text[position] - 0x30)
                position += 1
                digits += 1
            }
            return digits >= minimumDigits ? value : nil
        }

        private static func validDay(year: Int64, month: Int64, day: Int64) -> Bool {
            guard (1...12).contains(month), day >= 1 else { return false }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let lengths: [Int64] = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            return day <= lengths[Int(month - 1)]
        }
    }
}
