/// `to_char(timestamp | date, format)` for a format known at translation time: the format is
/// parsed here into fields cut from the storage text and literal text (`"…"` quoted or plain
/// separators). Patterns that are not translated (ordinal suffixes, spelled-out numbers, Roman
/// numerals, zone offsets …) are refused by name.
struct ToChar {
    let translator: ExpressionTranslator
    let call: FunctionCall

    /// Patterns in matching order (longest first), case-sensitive as PostgreSQL matches them.
    private static let patterns: [String] = [
        "HH24", "hh24", "HH12", "hh12", "HH", "hh", "MI", "mi", "SSSSS", "sssss", "SSSS", "ssss", "SS", "ss", "MS", "ms",
        "US", "us", "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "ff1", "ff2", "ff3", "ff4", "ff5", "ff6",
        "A.M.", "a.m.", "P.M.", "p.m.", "AM", "am", "PM", "pm",
        "YYYY", "yyyy", "YYY", "yyy", "YY", "yy", "Y", "y", "IYYY", "iyyy", "IW", "iw", "ID", "id",
        "MONTH", "Month", "month", "MON", "Mon", "mon", "MM", "mm",
        "DAY", "Day", "day", "DY", "Dy", "dy", "DDD", "ddd", "DD", "dd", "D", "d",
        "WW", "ww", "W", "w", "Q", "q", "CC", "cc", "J", "j", "TZ", "tz",
    ]

    /// PostgreSQL patterns that are refused rather than printed literally.
    private static let refused: [String] = [
        "Y,YYY", "y,yyy", "IYY", "iyy", "IY", "iy", "IDDD", "iddd", "TZH", "tzh", "TZM", "tzm", "OF", "of", "RM", "rm",
        "A.D.", "a.d.", "B.C.", "b.c.", "AD", "ad", "BC", "bc", "I", "i",
    ]

    private static let monthNames = #"["January","February","March","April","May","June","July","August","September","October","November","December"]"#
    private static let dayNames = #"["Sunday","Monday","Tuesday","Wednesday","Thursday","Friday","Saturday"]"#

    func translate() throws -> Typed {
        try translator.expectArguments(call, 2...2)
        var value = try translator.translate(call.arguments[0])
        if value.type.isNumber {
            throw translator.refusal("unsupported-function", "to_char() of a number: numeric formats are not translated", at: call.node)
        }
        if value.type.isOpen { value = try translator.coerce(value, to: .timestamptz, at: call.arguments[0]) }
        guard let format = translator.constantText(call.arguments[1]) else {
            throw translator.refusal("unsupported-function", "to_char() with a format computed at run time", at: call.node)
        }
        var timestamp = value
        switch value.type {
        case .date: timestamp = try DateTimeCasts(translator: translator, node: call.node).convert(value, to: .timestamp)
        case .timestamp, .timestamptz: break
        default: throw translator.refusal("unsupported-function", "to_char() of \(value.type.postgresName ?? "?")", at: call.node)
        }
        let pieces = try parse(format)
        let zoned = timestamp.type == .timestamptz
        let result = translator.binder.bind(timestamp.sql) { text in
            let parts = pieces.map { piece -> SQLiteExpression in
                switch piece {
                case let .literal(literal): return .text(literal)
                case let .pattern(pattern, fillMode): return render(pattern, fillMode: fillMode, text, zoned: zoned)
                }
            }
            return TimestampSQL.unlessInfinite(text, then: .null, .concatenation(mergeLiterals(parts)))
        }
        return Typed(result, .text("text"))
    }

    private enum Piece {
        case literal(String)
        case pattern(String, fillMode: Bool)
    }

    /// Splits the format as PostgreSQL does: at each position an optional prefix (`FM` fill
    /// mode, or `TM` translation mode, whose names are not padded either), then a pattern; a
    /// prefix not directly followed by a pattern is dropped, and only one prefix is read
    /// (`FMTMMonth` is `FM` dropped, then the text `T`, `MM`, `onth`).
    private func parse(_ format: String) throws -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(format)
        while !rest.isEmpty {
            if rest.hasPrefix("FX") || rest.hasPrefix("fx") {
                rest = rest.dropFirst(2)
                continue
            }
            let fillPrefix = rest.hasPrefix("FM") || rest.hasPrefix("fm")
            let translationPrefix = rest.hasPrefix("TM") || rest.hasPrefix("tm")
            if fillPrefix || translationPrefix { rest = rest.dropFirst(2) }
            if let pattern = Self.patterns.first(where: { rest.hasPrefix($0) }),
               !Self.refused.contains(where: { $0.count > pattern.count && rest.hasPrefix($0) }) {
                rest = rest.dropFirst(pattern.count)
                if rest.hasPrefix("TH") || rest.hasPrefix("th") || rest.hasPrefix("SP") || rest.hasPrefix("sp") {
                    throw refusedPattern(pattern + rest.prefix(2))
                }
                pieces.append(.pattern(pattern, fillMode: fillPrefix || (translationPrefix && Self.names.contains(pattern.uppercased()))))
                continue
            }
            if let pattern = Self.refused.first(where: { rest.hasPrefix($0) }) {
                throw refusedPattern(pattern)
            }
            if let literal = Self.literal(&rest) { pieces.append(literal) }
        }
        return pieces
    }

    /// A double-quoted text (backslash escapes inside) or one character (`\"` is a quote),
    /// taken from the front of `rest`.
    private static func literal(_ rest: inout Substring) -> Piece? {
        guard let first = rest.first else { return nil }
        if first == "\"" {
            rest = rest.dropFirst()
            var literal = ""
            while let character = rest.first, character != "\"" {
                rest = rest.dropFirst()
                if character == "\\", let escaped = rest.first {
                    literal.append(escaped)
                    rest = rest.dropFirst()
                } else {
                    literal.append(character)
                }
            }
            rest = rest.dropFirst()
            return .literal(literal)
        }
        // Outside quotes a backslash only escapes a double quote.
        if first == "\\", rest.dropFirst().first == "\"" { rest = rest.dropFirst() }
        defer { rest = rest.dropFirst() }
        return .literal(String(rest.first!))
    }

    /// The patterns printing month and day names, which `TM` leaves unpadded.
    private static let names: Set<String> = ["MONTH", "MON", "DAY", "DY"]

    private func refusedPattern(_ pattern: some StringProtocol) -> TranslationRefusal {
        translator.refusal("unsupported-function", "to_char() pattern \(pattern) is not translated", at: call.node)
    }

    /// Adjacent constant pieces joined, so the SQL stays short.
    private func mergeLiterals(_ parts: [SQLiteExpression]) -> [SQLiteExpression] {
        var merged: [SQLiteExpression] = []
        for part in parts {
            if let text = part.constantText, let last = merged.last?.constantText {
                merged[merged.count - 1] = .text(last + text)
            } else {
                merged.append(part)
            }
        }
        return merged
    }

    private func render(_ pattern: String, fillMode: Bool, _ text: SQLiteExpression, zoned: Bool) -> SQLiteExpression {
        let day = text.substring(1, 10)
        let hour = text.field(12, 2)
        let fraction = text.substring(21).concatenated(.text("000000")).substring(1, 6)
        let dayOfWeek = SQLiteExpression.call("strftime", .text("%w"), day).integerCast()
        let thursday = SQLiteExpression.call("date", day, .text("-3 days"), .text("weekday 4"))
        /// A number zero-padded to `width`, or unpadded in fill mode.
        func number(_ value: SQLiteExpression, _ width: Int) -> SQLiteExpression {
            fillMode ? value.integerCast().concatenated(.text("")) : .strictPrintf("%0\(width)d", value)
        }
        /// A fixed-width text field: its digits, or the number without leading zeros in fill mode.
        func digits(_ start: Int64, _ length: Int64) -> SQLiteExpression {
            fillMode ? text.field(start, length).concatenated(.text("")) : text.substring(start, length)
        }
        func name(_ list: String, _ index: SQLiteExpression, abbreviated: Bool, style: String) -> SQLiteExpression {
            var value = SQLiteExpression.binary(.text(list), "->>", index)
            if abbreviated { value = value.substring(1, 3) }
            if style == "upper" { value = .call("upper", value) }
            if style == "lower" { value = .call("lower", value) }
            return abbreviated || fillMode ? value : .strictPrintf("%-9s", value)
        }
        func style(_ pattern: String) -> String {
            pattern == pattern.uppercased() ? "upper" : (pattern == pattern.lowercased() ? "lower" : "capitalized")
        }
        let meridiem = hour.isLess(.integer(12))
        switch pattern {
        case "YYYY", "yyyy": return digits(1, 4)
        case "YYY", "yyy": return digits(2, 3)
        case "YY", "yy": return digits(3, 2)
        case "Y", "y": return text.substring(4, 1)
        case "MM", "mm": return digits(6, 2)
        case "DD", "dd": return digits(9, 2)
        case "HH24", "hh24": return digits(12, 2)
        case "HH", "hh", "HH12", "hh12": return number(hour.plus(.integer(11)).remainder(.integer(12)).plus(.integer(1)), 2)
        case "MI", "mi": return digits(15, 2)
        case "SS", "ss": return digits(18, 2)
        case "MS", "ms": return fraction.substring(1, 3)
        case "US", "us": return fraction
        case let ff where ff.lowercased().hasPrefix("ff"): return fraction.substring(1, Int64(String(ff.last!))!)
        case "SSSS", "ssss", "SSSSS", "sssss":
            return hour.times(.integer(3600)).plus(text.field(15, 2).times(.integer(60))).plus(text.field(18, 2)).concatenated(.text(""))
        case "AM", "PM": return .when(meridiem, then: .text("AM"), else: .text("PM"))
        case "am", "pm": return .when(meridiem, then: .text("am"), else: .text("pm"))
        case "A.M.", "P.M.": return .when(meridiem, then: .text("A.M."), else: .text("P.M."))
        case "a.m.", "p.m.": return .when(meridiem, then: .text("a.m."), else: .text("p.m."))
        case "MONTH", "Month", "month": return name(Self.monthNames, text.field(6, 2).minus(.integer(1)), abbreviated: false, style: style(pattern))
        case "MON", "Mon", "mon": return name(Self.monthNames, text.field(6, 2).minus(.integer(1)), abbreviated: true, style: style(pattern))
        case "DAY", "Day", "day": return name(Self.dayNames, dayOfWeek, abbreviated: false, style: style(pattern))
        case "DY", "Dy", "dy": return name(Self.dayNames, dayOfWeek, abbreviated: true, style: style(pattern))
        case "DDD", "ddd": return number(.call("strftime", .text("%j"), day), 3)
        case "D", "d": return dayOfWeek.plus(.integer(1)).concatenated(.text(""))
        case "ID", "id": return dayOfWeek.plus(.integer(6)).remainder(.integer(7)).plus(.integer(1)).concatenated(.text(""))
        case "IW", "iw":
            return number(SQLiteExpression.call("strftime", .text("%j"), thursday).integerCast().minus(.integer(1))
                .dividedBy(.integer(7)).plus(.integer(1)), 2)
        case "IYYY", "iyyy": return number(.call("strftime", .text("%Y"), thursday), 4)
        case "WW", "ww":
            return number(SQLiteExpression.call("strftime", .text("%j"), day).integerCast().minus(.integer(1))
                .dividedBy(.integer(7)).plus(.integer(1)), 2)
        case "W", "w": return text.field(9, 2).minus(.integer(1)).dividedBy(.integer(7)).plus(.integer(1)).concatenated(.text(""))
        case "Q", "q": return text.field(6, 2).minus(.integer(1)).dividedBy(.integer(3)).plus(.integer(1)).concatenated(.text(""))
        case "CC", "cc": return number(text.field(1, 4).plus(.integer(99)).dividedBy(.integer(100)), 2)
        case "J", "j":
            return SQLiteExpression.call("julianday", day).plus(.literal(.real(0.5))).integerCast().concatenated(.text(""))
        case "TZ": return .text(zoned ? "UTC" : "")
        case "tz": return .text(zoned ? "utc" : "")
        default: return .text(pattern)
        }
    }
}
