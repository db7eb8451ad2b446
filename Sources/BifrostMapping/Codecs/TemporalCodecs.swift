import BifrostSQLite

/// Calendar arithmetic for PostgreSQL's binary dates and times (days and microseconds
/// since 2000-01-01), printed the way PostgreSQL prints them with `DateStyle = ISO`.
enum PostgresCalendar {
    static let microsecondsPerDay: Int64 = 86_400_000_000
    /// Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.
    static let unixToPostgresEpochDays: Int64 = 10_957

    /// Proleptic Gregorian date for days since 2000-01-01 (H. Hinnant's civil_from_days).
    static func civilDate(daysSince2000 days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + unixToPostgresEpochDays + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `YYYY-MM-DD`, with PostgreSQL's ` BC` suffix for years before 1.
    static func formatDate(daysSince2000 days: Int64) -> (text: String, era: String) {
        let (year, month, day) = civilDate(daysSince2000: days)
        let shownYear = year > 0 ? year : 1 - year
        return ("\(padded(shownYear, 4))-\(padded(Int64(month), 2))-\(padded(Int64(day), 2))",
                year > 0 ? "" : " BC")
    }

    /// `HH:MM:SS[.ffffff]` with trailing zeros of the fraction trimmed.
    static func formatTime(microseconds: Int64) -> String {
        let seconds = microseconds / 1_000_000
        var text = "\(padded(seconds / 3600, 2)):\(padded(seconds / 60 % 60, 2)):\(padded(seconds % 60, 2))"
        var fraction = microseconds % 1_000_000
        if fraction != 0 {
            var width = 6
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            text += "." + padded(fraction, width)
        }
        return text
    }

    static func formatTimestamp(microsecondsSince2000 value: Int64) -> String {
        if value == Int64.max { return "infinity" }
        if value == Int64.min { return "-infinity" }
        var days = value / microsecondsPerDay
        var time = value % microsecondsPerDay
        if time < 0 {
            days -= 1
            time += microsecondsPerDay
        }
        let date = formatDate(daysSince2000: days)
        return "\(date.text) \(formatTime(microseconds: time))\(date.era)"
    }
}

/// A codec whose stored form is a text rendering of a fixed-size binary value.
protocol FormattedTextCodec: ValueCodec {
    func format(_ value: UnsafeRawBufferPointer) throws -> String
}

extension FormattedTextCodec {
    var declaredType: String { "TEXT" }

    func bind(_ value: UnsafeRawBufferPointer, to statement: SQLiteStatement, at index: Int) throws {
        try statement.bind(try format(value), at: index)
    }

    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        appendJSONString(try format(value), to: &output)
    }
}

/// timestamp, timestamptz → TEXT `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC, `infinity`, `-infinity`.
struct TimestampCodec: FormattedTextCodec {
    let name = "timestamp"

    func format(_ value: UnsafeRawBufferPointer) throws -> String {
        guard value.count == 8 else { throw ValueError.malformed("a timestamp of \(value.count) bytes") }
        var reader = BinaryReader(value)
        return PostgresCalendar.formatTimestamp(microsecondsSince2000: try reader.readInt64())
    }
}

/// date → TEXT `YYYY-MM-DD`, `infinity`, `-infinity`.
struct DateCodec: FormattedTextCodec {
    let name = "date"

    func format(_ value: UnsafeRawBufferPointer) throws -> String {
        guard value.count == 4 else { throw ValueError.malformed("a date of \(value.count) bytes") }
        var reader = BinaryReader(value)
        let days = try reader.readInt32()
        if days == Int32.max { return "infinity" }
        if days == Int32.min { return "-infinity" }
        let date = PostgresCalendar.formatDate(daysSince2000: Int64(days))
        return date.text + date.era
    }
}

/// time → TEXT `HH:MM:SS[.ffffff]`.
struct TimeCodec: FormattedTextCodec {
    let name = "time"

    func format(_ value: UnsafeRawBufferPointer) throws -> String {
        guard value.count == 8 else { throw ValueError.malformed("a time of \(value.count) bytes") }
        var reader = BinaryReader(value)
        return PostgresCalendar.formatTime(microseconds: try reader.readInt64())
    }
}
