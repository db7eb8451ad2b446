import Foundation

/// PostgreSQL's common timestamp, date and time input forms, evaluated at translation time:
/// `YYYY-MM-DD`, a `T` or space, `HH:MM[:SS[.fraction]]`, and a zone `Z`, `UTC`, `GMT`, `+hh`,
/// `+hh:mm`, `+hhmm` (applied for timestamptz, ignored for timestamp as PostgreSQL does).
enum TimestampInput {
    /// A parsed moment: microseconds since 1970-01-01 00:00:00 of the written wall-clock time,
    /// and the written zone offset in seconds east of UTC, when there is one.
    struct Moment {
        var microseconds: Int64
        var offsetSeconds: Int64?
        var hasTime: Bool
    }

    /// Special words PostgreSQL accepts in place of a timestamp or date.
    enum Special: Equatable {
        case infinity, minusInfinity, epoch, now, today, tomorrow, yesterday
    }

    static func special(_ text: String) -> Special? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "infinity", "+infinity": return .infinity
        case "-infinity": return .minusInfinity
        case "epoch": return .epoch
        case "now": return .now
        case "today": return .today
        case "tomorrow": return .tomorrow
        case "yesterday": return .yesterday
        default: return nil
        }
    }

    /// A date with an optional time of day and zone.
    static func moment(_ text: String) -> Moment? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard let (year, month, day) = date(&rest) else { return nil }
        var micros = CivilCalendar.days(year: year, month: month, day: day) * CivilCalendar.microsecondsPerDay
        var hasTime = false
        if rest.first == "T" || rest.first == "t" || rest.first == " " {
            let separator = rest.removeFirst()
            if separator == " " { rest = rest.drop(while: { $0 == " " }) }
            if let first = rest.first, first.isNumber {
                guard let time = timeOfDay(&rest) else { return nil }
                micros += time
                hasTime = true
            } else if separator != " " {
                return nil
            }
        }
        let offset = zone(&rest)
        guard rest.isEmpty, offset != .invalid else { return nil }
        if case let .offset(seconds) = offset {
            return Moment(microseconds: micros, offsetSeconds: seconds, hasTime: hasTime)
        }
        return Moment(microseconds: micros, offsetSeconds: nil, hasTime: hasTime)
    }

    /// A time of day (`time` literals), zone ignored; `allballs` is midnight.
    static func time(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "allballs" { return 0 }
        var rest = Substring(trimmed)
        guard let micros = timeOfDay(&rest), micros <= CivilCalendar.microsecondsPerDay else { return nil }
        guard zone(&rest) != .invalid, rest.isEmpty else { return nil }
        return micros
    }

    // MARK: Pieces

    private static func digits(_ rest: inout Substring, count: ClosedRange<Int>) -> Int64? {
        let run = rest.prefix(while: \.isNumber)
        guard count.contains(run.count), let value = Int64(run) else { return nil }
        rest = rest.dropFirst(run.count)
        return value
    }

    private static func date(_ rest: inout Substring) -> (Int64, Int64, Int64)? {
        guard let year = digits(&rest, count: 4...4), rest.first == "-" else { return nil }
        rest = rest.dropFirst()
        guard let month = digits(&rest, count: 1...2), rest.first == "-" else { return nil }
        rest = rest.dropFirst()
        guard let day = digits(&rest, count: 1...2), (1...12).contains(month), year >= 1,
              (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        return (year, month, day)
    }

    /// `HH:MM[:SS[.fraction]]` as microseconds since midnight; `24:00:00` is allowed, as are
    /// 60 seconds (PostgreSQL rolls them into the next minute).
    private static func timeOfDay(_ rest: inout Substring) -> Int64? {
        guard let hour = digits(&rest, count: 1...2), rest.first == ":" else { return nil }
        rest = rest.dropFirst()
        guard let minute = digits(&rest, count: 2...2), minute < 60 else { return nil }
        var second: Int64 = 0
        var fraction: Int64 = 0
        if rest.first == ":" {
            rest = rest.dropFirst()
            guard let value = digits(&rest, count: 2...2), value <= 60 else { return nil }
            second = value
            if rest.first == "." {
                rest = rest.dropFirst()
                let run = rest.prefix(while: \.isNumber)
                guard !run.isEmpty, let value = Double("0." + run) else { return nil }
                fraction = Int64((value * 1_000_000).rounded(.toNearestOrEven))
                rest = rest.dropFirst(run.count)
            }
        }
        let micros = (hour * 3600 + minute * 60 + second) * CivilCalendar.microsecondsPerSecond + fraction
        guard hour < 24 || micros == 24 * CivilCalendar.microsecondsPerHour else { return nil }
        return micros
    }

    private enum Zone: Equatable { case none, offset(Int64), invalid }

    private static func zone(_ rest: inout Substring) -> Zone {
        rest = rest.drop(while: { $0 == " " })
        if rest.isEmpty { return .none }
        let word = rest.lowercased()
        if ["z", "utc", "gmt", "zulu", "ut", "etc/utc", "+00", "-00"].contains(word) {
            rest = ""
            return .offset(0)
        }
        guard let sign = rest.first, sign == "+" || sign == "-" else { return .invalid }
        rest = rest.dropFirst()
        let numbers = rest.split(separator: ":", omittingEmptySubsequences: false)
        var hours: Int64 = 0, minutes: Int64 = 0, seconds: Int64 = 0
        if numbers.count == 1 {
            let run = numbers[0]
            guard run.allSatisfy(\.isNumber), [1, 2, 4].contains(run.count) else { return .invalid }
            hours = Int64(run.prefix(run.count == 4 ? 2 : run.count))!
            minutes = run.count == 4 ? Int64(run.suffix(2))! : 0
        } else {
            guard numbers.count <= 3, numbers.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isNumber) }) else {
                return .invalid
            }
            hours = Int64(numbers[0])!
            minutes = Int64(numbers[1])!
            seconds = numbers.count == 3 ? Int64(numbers[2])! : 0
        }
        guard hours <= 15, minutes < 60, seconds < 60 else { return .invalid }
        rest = ""
        let total = hours * 3600 + minutes * 60 + seconds
        return .offset(sign == "-" ? -total : total)
    }
}
