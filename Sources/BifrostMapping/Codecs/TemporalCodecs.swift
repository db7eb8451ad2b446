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

    /// Appends `YYYY-MM-DD` and PostgreSQL's ` BC` suffix for years before 1 (written by
    /// `appendEra`, which comes after any time of day).
    static func appendDate(daysSince2000 days: Int64, to output: inout [UInt8]) -> Bool {
        let (year, month, day) = civilDate(daysSince2000: days)
        ByteText.appendDecimal(year > 0 ? year : 1 - year, minimumDigits: 4, to: &output)
        output.append(UInt8(ascii: "-"))
        ByteText.appendDecimal(Int64(month), minimumDigits: 2, to: &output)
        output.append(UInt8(ascii: "-"))
        ByteText.appendDecimal(Int64(day), minimumDigits: 2, to: &output)
        return year <= 0
    }

    static func appendEra(beforeChrist: Bool, to output: inout [UInt8]) {
        if beforeChrist { output.append(contentsOf: " BC".utf8) }
    }

    /// Appends `HH:MM:SS[.ffffff]` with trailing zeros of the fraction trimmed.
    static func appendTime(microseconds: Int64, to output: inout [UInt8]) {
        let seconds = microseconds / 1_000_000
        ByteText.appendDecimal(seconds / 3600, minimumDigits: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        ByteText.appendDecimal(seconds / 60 % 60, minimumDigits: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        ByteText.appendDecimal(seconds % 60, minimumDigits: 2, to: &output)
        var fraction = microseconds % 1_000_000
        if fraction != 0 {
            var width = 6
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            output.append(UInt8(ascii: "."))
            ByteText.appendDecimal(fraction, minimumDigits: width, to: &output)
        }
    }

    static func appendTimestamp(microsecondsSince2000 value: Int64, to output: inout [UInt8]) {
        if value == Int64.max { return output.append(contentsOf: "infinity".utf8) }
        if value == Int64.min { return output.append(contentsOf: "-infinity".utf8) }
        var days = value / microsecondsPerDay
        var time = value % microsecondsPerDay
        if time < 0 {
            days -= 1
            time += microsecondsPerDay
        }
        let beforeChrist = appendDate(daysSince2000: days, to: &output)
        output.append(UInt8(ascii: " "))
        appendTime(microseconds: time, to: &output)
        appendEra(beforeChrist: beforeChrist, to: &output)
    }

    static func formatTime(microseconds: Int64) -> String {
        text { appendTime(microseconds: microseconds, to: &$0) }
    }

    static func formatTimestamp(microsecondsSince2000 value: Int64) -> String {
        text { appendTimestamp(microsecondsSince2000: value, to: &$0) }
    }

    private static func text(_ write: (inout [UInt8]) -> Void) -> String {
        var bytes: [UInt8] = []
        write(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A codec whose stored form is a text rendering of a fixed-size binary value.
protocol FormattedTextCodec: ValueCodec {
    /// Appends the text form of `value` to `output`.
    func appendFormatted(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws
}

extension FormattedTextCodec {
    var declaredType: String { "TEXT" }

    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws {
        try batch.appendText { try appendFormatted(value, to: &$0) }
    }

    /// The text form needs no JSON escapes (digits, `-`, `:`, `.`, ` BC`, letters).
    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        output.append(UInt8(ascii: "\""))
        try appendFormatted(value, to: &output)
        output.append(UInt8(ascii: "\""))
    }
}

/// timestamp, timestamptz → TEXT `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC, `infinity`, `-infinity`.
struct TimestampCodec: FormattedTextCodec {
    let name = "timestamp"

    func appendFormatted(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        guard value.count == 8 else { throw ValueError.malformed("a timestamp of \(value.count) bytes") }
        var reader = BinaryReader(value)
        PostgresCalendar.appendTimestamp(microsecondsSince2000: try reader.readInt64(), to: &output)
    }
}

/// date → TEXT `YYYY-MM-DD`, `infinity`, `-infinity`.
struct DateCodec: FormattedTextCodec {
    let name = "date"

    func appendFormatted(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        guard value.count == 4 else { throw ValueError.malformed("a date of \(value.count) bytes") }
        var reader = BinaryReader(value)
        let days = try reader.readInt32()
        if days == Int32.max { return output.append(contentsOf: "infinity".utf8) }
        if days == Int32.min { return output.append(contentsOf: "-infinity".utf8) }
        let beforeChrist = PostgresCalendar.appendDate(daysSince2000: Int64(days), to: &output)
        PostgresCalendar.appendEra(beforeChrist: beforeChrist, to: &output)
    }
}

/// time → TEXT `HH:MM:SS[.ffffff]`.
struct TimeCodec: FormattedTextCodec {
    let name = "time"

    func appendFormatted(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        guard value.count == 8 else { throw ValueError.malformed("a time of \(value.count) bytes") }
        var reader = BinaryReader(value)
        PostgresCalendar.appendTime(microseconds: try reader.readInt64(), to: &output)
    }
}
