/// Casts to and between date/time types. Text is converted at run time only from the forms
/// Bifrost stores (and ISO dates with a `T`); anything else fails the statement at run time
/// rather than being guessed at.
struct DateTimeCasts {
    let translator: ExpressionTranslator
    let node: ParseNode
    var binder: SQLBinder { translator.binder }

    func convert(_ value: Typed, to target: SQLType) throws -> Typed {
        let source = value.type
        if source == target { return value }
        switch (source, target) {
        case (.timestamptz, .timestamp), (.timestamp, .timestamptz):
            return Typed(value.sql, target)
        case (.timestamptz, .date), (.timestamp, .date):
            return Typed(fold(value.sql) { String($0.prefix(10)) } ?? binder.bind(value.sql) { text in
                TimestampSQL.unlessInfinite(text, DateSQL.checked(.call("date", text.substring(1, 19)), source: text))
            }, .date)
        case (.date, .timestamp), (.date, .timestamptz):
            return Typed(fold(value.sql) { $0 + " 00:00:00" } ?? binder.bind(value.sql) { date in
                TimestampSQL.unlessInfinite(date, TimestampSQL.midnight(ofDate: DateSQL.checked(.call("date", date), source: date)))
            }, target)
        case (.timestamptz, .time), (.timestamp, .time):
            return Typed(binder.bind(value.sql) { text in
                TimestampSQL.unlessInfinite(text, then: .null, text.substring(12))
            }, .time)
        case (.time, .interval):
            return Typed(binder.bind(value.sql) { time in
                IntervalSQL.format(IntervalParts(months: .integer(0), days: .integer(0), micros: TimeSQL.microseconds(time)), binder: binder)
            }, .interval)
        case (_, _) where source.isTextual || source == .any || source.isOpen:
            return Typed(try fromText(value.sql, to: target), target)
        default:
            throw translator.refusal("unsupported-cast", "cast from \(source.postgresName ?? "unknown") to \(target.postgresName ?? "unknown")", at: node)
        }
    }

    /// A constant finite storage text transformed at translation time.
    private func fold(_ value: SQLiteExpression, _ transform: (String) -> String) -> SQLiteExpression? {
        guard let text = value.constantText else { return nil }
        return .text(TimestampInput.special(text) != nil ? text : transform(text))
    }

    /// text → timestamp(tz) / date / time / interval at run time.
    private func fromText(_ value: SQLiteExpression, to target: SQLType) throws -> SQLiteExpression {
        translator.context.rewrote("cast of text to \(target.postgresName ?? "?")",
                                   as: "run-time check of Bifrost's storage form (other text fails the statement)", at: node.location)
        return binder.bind(value) { text in
            let failure = RuntimeFailure.raise("text is not in the storage form of \(target.postgresName ?? "?")", showing: text)
            switch target {
            case .timestamp, .timestamptz:
                var normalized = SQLiteExpression.call("replace", text, .text("T"), .text(" "))
                if target == .timestamptz {
                    let zoneless = SQLiteExpression.pattern(normalized, .like, .text("%+00"), escape: nil, negated: false)
                    normalized = .when(zoneless, then: .call("substr", normalized, .integer(1), .call("length", normalized).minus(.integer(3))),
                                       else: normalized)
                }
                return binder.bind(normalized) { stamp in
                    let trimmed = SQLiteExpression.when(.binary(.call("length", stamp), ">", .integer(19)),
                                                        then: .call("rtrim", .call("rtrim", stamp, .text("0")), .text(".")), else: stamp)
                    return .cases([
                        (TimestampSQL.isInfinite(stamp), stamp),
                        (Self.isDate(stamp), TimestampSQL.midnight(ofDate: stamp)),
                        (Self.isTimestamp(stamp), trimmed),
                    ], else: failure)
                }
            case .date:
                return .cases([
                    (TimestampSQL.isInfinite(text), text),
                    (Self.isDate(text), text),
                    (Self.isTimestamp(text), text.substring(1, 10)),
                ], else: failure)
            case .time:
                let valid = SQLiteExpression.and([
                    SQLiteExpression.call("time", text.substring(1, 8)).isEqual(text.substring(1, 8)),
                    .or([.call("length", text).isEqual(.integer(8)), Self.hasFraction(text, from: 9)]),
                ])
                return .when(valid, then: .when(.binary(.call("length", text), ">", .integer(8)),
                                                then: .call("rtrim", .call("rtrim", text, .text("0")), .text(".")), else: text),
                             else: failure)
            case .interval:
                // Only PostgreSQL's own ISO output is accepted: the text must read back unchanged.
                let canonical = IntervalSQL.withParts(text, binder: binder) { IntervalSQL.format($0, binder: binder) }
                return .when(canonical.isEqual(text), then: text, else: failure)
            default:
                return failure
            }
        }
    }

    /// `YYYY-MM-DD` naming a real day (`+0 days` makes SQLite normalize, so 02-30 differs).
    static func isDate(_ text: SQLiteExpression) -> SQLiteExpression {
        .and([.call("length", text).isEqual(.integer(10)), SQLiteExpression.call("date", text, .text("+0 days")).isEqual(text)])
    }

    /// `YYYY-MM-DD HH:MM:SS[.f…]` naming a real moment, with up to six fraction digits.
    static func isTimestamp(_ text: SQLiteExpression) -> SQLiteExpression {
        let whole = text.substring(1, 19)
        return .and([
            SQLiteExpression.call("strftime", .text("%Y-%m-%d %H:%M:%S"), whole, .text("+0 days")).isEqual(whole),
            .or([.call("length", text).isEqual(.integer(19)), hasFraction(text, from: 20)]),
        ])
    }

    /// `.d…` (one to six digits) from position `start` to the end.
    static func hasFraction(_ text: SQLiteExpression, from start: Int64) -> SQLiteExpression {
        let digits = text.substring(start + 1)
        return .and([text.substring(start, 1).isEqual(.text(".")),
                     .between(.call("length", digits), low: .integer(1), high: .integer(6), negated: false),
                     SQLiteExpression.call("rtrim", digits, .text("0123456789")).isEqual(.text(""))])
    }
}
