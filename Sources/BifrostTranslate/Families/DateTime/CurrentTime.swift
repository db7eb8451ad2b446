import BifrostPGQuery
import BifrostSchema

/// The current time in storage form. SQLite's clock has millisecond precision, and `'now'` is
/// only stable within one step of a statement; wrapping it in an uncorrelated scalar subquery
/// makes SQLite evaluate it once per statement. PostgreSQL's now() is fixed for the whole
/// transaction: inside an explicit multi-statement transaction that differs, so it is an
/// approximation (`now-per-statement`) there; elsewhere the two agree.
enum CurrentTime {
    /// `now()`, `CURRENT_TIMESTAMP`, `transaction_timestamp()`, `statement_timestamp()`.
    static func timestamp(_ translator: ExpressionTranslator, at node: ParseNode) -> SQLiteExpression {
        translator.context.rewrote("current time", as: "SQLite's 'now' (millisecond precision), once per statement", at: node.location)
        return once(clock(translator))
    }

    /// `clock_timestamp()`: the time of the call.
    static func clock(_ translator: ExpressionTranslator) -> SQLiteExpression {
        let text = SQLiteExpression.call("strftime", .text("%Y-%m-%d %H:%M:%f"), .text("now"))
        return .call("rtrim", .call("rtrim", text, .text("0")), .text("."))
    }

    /// `CURRENT_DATE` (shifted by whole days for `tomorrow` / `yesterday`).
    static func date(_ translator: ExpressionTranslator, shiftedBy days: Int, at node: ParseNode) -> SQLiteExpression {
        translator.context.rewrote("current date", as: "SQLite's date('now'), once per statement", at: node.location)
        let modifiers: [SQLiteExpression] = days == 0 ? [] : [.text("\(days) days")]
        return once(.call("date", [.text("now")] + modifiers))
    }

    /// `LOCALTIME` / `CURRENT_TIME`'s time of day.
    static func time(_ translator: ExpressionTranslator, at node: ParseNode) -> SQLiteExpression {
        let text = SQLiteExpression.call("strftime", .text("%H:%M:%f"), .text("now"))
        return once(.call("rtrim", .call("rtrim", text, .text("0")), .text(".")))
    }

    private static func once(_ value: SQLiteExpression) -> SQLiteExpression {
        .subquery(SQLiteSelect(SQLiteSelectCore(columns: [.expression(value, alias: nil)])))
    }

    /// Refuses (unless allowed) now() inside an explicit transaction of several statements.
    static func checkTransaction(_ translator: ExpressionTranslator, at node: ParseNode) throws {
        guard inMultiStatementTransaction(translator.context.source.text) else { return }
        try translator.context.approximate("now-per-statement",
                                           "now() is the transaction start in PostgreSQL but the statement start in SQLite, and this input runs several statements in one transaction",
                                           at: node.location)
    }

    private static func inMultiStatementTransaction(_ sql: String) -> Bool {
        guard let json = try? PGQuery.parseToJSON(sql), let tree = try? JSONValue.parse(json),
              case let .array(items)? = tree["stmts"] else { return false }
        let statements = items.compactMap { $0["stmt"].flatMap(ParseNode.init) }
        let begins = statements.contains { $0.tag == "TransactionStmt" && ["TRANS_STMT_BEGIN", "TRANS_STMT_START"].contains($0.string("kind") ?? "") }
        return begins && statements.filter { $0.tag != "TransactionStmt" }.count > 1
    }
}
