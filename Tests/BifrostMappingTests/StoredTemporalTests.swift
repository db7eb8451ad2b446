@testable import BifrostMapping
import Testing

/// `StoredTemporal` reads back exactly what the temporal codecs write, and nothing else.
@Suite struct StoredTemporalTests {
    private func read<T>(_ text: String, _ parse: (UnsafeRawBufferPointer) -> T?) -> T? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Every 997th day from 4000 BC to 200000 AD, with a time of day that moves by a prime
    /// number of microseconds, printed by the codecs' formatter and read back.
    @Test func timestampsAndDatesRoundTripThroughTheirStoredText() {
        let first = StoredTemporal.daysSince2000(year: StoredTemporal.years.lowerBound, month: 1, day: 1)
        let last = StoredTemporal.daysSince2000(year: StoredTemporal.years.upperBound, month: 12, day: 31)
        var checked = 0
        for (step, days) in stride(from: first, through: last, by: 997).enumerated() {
            let time = Int64(step) * 7_919_999_983 % PostgresCalendar.microsecondsPerDay
            let stamp = days * PostgresCalendar.microsecondsPerDay + time
            let text = PostgresCalendar.formatTimestamp(microsecondsSince2000: stamp)
            #expect(read(text, StoredTemporal.timestamp) == stamp, "\(text)")
            var date: [UInt8] = []
            PostgresCalendar.appendEra(beforeChrist: PostgresCalendar.appendDate(daysSince2000: days, to: &date), to: &date)
            #expect(read(String(decoding: date, as: UTF8.self), StoredTemporal.date) == Int32(days))
            checked += 1
        }
        #expect(checked > 70_000)
    }

    @Test func edgesOfTheCalendarAndTheClock() {
        #expect(read("2000-01-01 00:00:00", StoredTemporal.timestamp) == 0)
        #expect(read("1999-12-31 23:59:59.999999", StoredTemporal.timestamp) == -1)
        #expect(read("2024-02-29 12:00:00.5", StoredTemporal.timestamp) == Int64(762_523_200_500_000))
        #expect(read("0001-01-01", StoredTemporal.date) == -730_119)
        #expect(read("0001-12-31 BC", StoredTemporal.date) == -730_120)
        #expect(read("0005-02-29 BC", StoredTemporal.date) != nil, "5 BC is astronomical year -4, a leap year")
        #expect(read("0004-02-29 BC", StoredTemporal.date) == nil)
        #expect(read("infinity", StoredTemporal.timestamp) == Int64.max)
        #expect(read("-infinity", StoredTemporal.date) == Int32.min)
        #expect(read("23:59:59.999999", StoredTemporal.time) == 86_399_999_999)
        #expect(read("00:00:00", StoredTemporal.time) == 0)
    }

    /// Text PostgreSQL would accept but the codecs never write is left to PostgreSQL.
    @Test func otherTextIsLeftToPostgreSQL() {
        for text in ["2024-02-30", "2023-02-29", "2024-13-01", "2024-1-05", "24-01-05", "0000-01-01", "2024-01-05 ",
                     "2024-01-05 BC BC", "January 5, 2024", "2024-01-05 00:00:00", "5000-01-01 BC", "Infinity", ""] {
            #expect(read(text, StoredTemporal.date) == nil, "\(text)")
        }
        for text in ["2024-01-05T10:00:00", "2024-01-05 10:00:00+02", "2024-01-05 10:00", "2024-01-05 24:00:00",
                     "2024-01-05 10:60:00", "2024-01-05 10:00:60", "2024-01-05 10:00:00.1234567", "2024-01-05 10:00:00.",
                     "2024-01-05", "now", "epoch", "300000-01-01 00:00:00"] {
            #expect(read(text, StoredTemporal.timestamp) == nil, "\(text)")
        }
        for text in ["24:00:00", "1:00:00", "10:00", "10:00:00 PM", "10:00:00+02"] {
            #expect(read(text, StoredTemporal.time) == nil, "\(text)")
        }
    }
}
