import BifrostTransfer
import Foundation

/// One table's progress as a person reads it: rows done of PostgreSQL's estimate, rows per
/// second, percentage and time left. Pure (the caller supplies the elapsed time), so the
/// clamping rules are testable: an estimate that is unknown, zero or too low never yields
/// a negative time left or more than 100 %.
struct ProgressLine: Equatable {
    var table: String
    var rows: Int
    /// `pg_class.reltuples` or the file's count; zero or negative when unknown.
    var estimatedRows: Double
    var elapsed: Double

    var rate: Double? {
        Self.rate(rows: rows, seconds: elapsed)
    }

    /// Rows per second, when the rows took long enough (0.2 s) for the figure to mean something.
    static func rate(rows: Int, seconds: Double) -> Double? {
        seconds >= 0.2 && rows > 0 ? Double(rows) / seconds : nil
    }

    /// The estimate while it still holds: known, and not passed yet (reltuples lags behind
    /// a growing table).
    var estimate: Double? {
        (1..<1e15).contains(estimatedRows) && Double(rows) < estimatedRows ? estimatedRows : nil
    }

    /// The share done, capped below 100 % since the table is not finished yet.
    var fraction: Double? {
        estimate.map { min(Double(rows) / $0, 0.99) }
    }

    /// Seconds left at the current rate.
    var secondsLeft: Double? {
        guard let estimate, let rate else { return nil }
        return max(0, (estimate - Double(rows)) / rate)
    }

    /// The status line, the most useful first (a narrow terminal cuts the end):
    /// `users  412,345 / ~1,000,000 rows  41%  ETA 3s  183,201 rows/s`.
    var text: String {
        var parts = [table.padded(to: 20)]
        if let estimate {
            parts.append("\(rows.grouped) / ~\(Int(estimate.rounded()).grouped) rows")
        } else {
            parts.append("\(rows.grouped) rows")
        }
        if let fraction { parts.append("\(Int(fraction * 100))%") }
        if let secondsLeft { parts.append("ETA \(Self.duration(secondsLeft))") }
        if let rate { parts.append(Self.perSecond(rate)) }
        return parts.joined(separator: "  ")
    }

    /// The line kept for a finished table: name, rows, seconds, rows per second, and rejects
    /// when there are any.
    static func finished(_ table: TableReport) -> String {
        var line = "  \(table.sqliteName.padded(to: 28)) \(String(table.rows).leftPadded(10)) rows  \(String(format: "%6.2f", table.seconds)) s"
        if let rate = rate(rows: table.rows, seconds: table.seconds) { line += "  " + perSecond(rate) }
        if table.rejects > 0 { line += "  (\(table.rejects) rejected)" }
        return line
    }

    /// `183,201 rows/s`.
    static func perSecond(_ rate: Double) -> String {
        "\(Int(rate.rounded()).grouped) rows/s"
    }

    /// `42s`, `3m05s`, `2h07m`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(min(seconds, 1e7).rounded(.up))
        switch whole {
        case ..<60: return "\(whole)s"
        case ..<3600: return "\(whole / 60)m\(String(format: "%02d", whole % 60))s"
        default: return "\(whole / 3600)h\(String(format: "%02d", whole / 60 % 60))m"
        }
    }
}

extension Int {
    /// Digits in groups of three, whatever the locale: `1,234,567`.
    var grouped: String {
        let digits = String(magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return self < 0 ? "-" + result : result
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
