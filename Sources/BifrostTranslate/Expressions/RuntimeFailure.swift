/// Expressions that stop the SQLite statement with an error, for values PostgreSQL answers with
/// an error (or that the translation cannot answer exactly). Stock SQLite has no RAISE outside
/// triggers, so this calls `json_extract` with a path that is not a path: SQLite fails with
/// "JSON path error near 'bifrost: <message>'", which shows the message. (`json()` of bad text
/// would only say "malformed JSON".)
///
/// Place it in a CASE or COALESCE branch: SQLite evaluates those lazily, so it fires only for
/// the rows concerned. A constant failure outside such a branch may be evaluated once up front.
enum RuntimeFailure {
    /// Fails when evaluated. The message must not start with `$` (it would be read as a path).
    static func raise(_ message: String) -> SQLiteExpression {
        .call("json_extract", .text("null"), .text("bifrost: " + message))
    }

    /// Fails naming `message: <value>`, or is NULL when `value` is NULL: a NULL input gives a
    /// NULL result as in PostgreSQL, not an error. `value` also keeps it row-dependent.
    static func raise(_ message: String, showing value: SQLiteExpression) -> SQLiteExpression {
        .call("json_extract", .text("null"), .text("bifrost: \(message): ").concatenated(value))
    }

    /// `CASE WHEN failure THEN <error> ELSE value END`.
    static func guarded(_ value: SQLiteExpression, failingWhen failure: SQLiteExpression, _ message: String) -> SQLiteExpression {
        .when(failure, then: raise(message), else: value)
    }
}
