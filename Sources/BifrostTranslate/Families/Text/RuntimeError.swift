/// An expression that stops the SQLite statement with an error naming `message`, for values
/// the translation cannot handle exactly (stock SQLite has no RAISE outside triggers):
/// `json_extract('{}', message)` fails with "JSON path error near '<message>'".
/// The message must not start with `$`, or it would be read as a path.
enum RuntimeError {
    static func raise(_ message: String) -> SQLiteExpression {
        .call("json_extract", .text("{}"), .text("bifrost: " + message))
    }

    /// `CASE WHEN failure THEN <error> ELSE value END`.
    static func guarded(_ value: SQLiteExpression, failingWhen failure: SQLiteExpression, _ message: String) -> SQLiteExpression {
        .when(failure, then: raise(message), else: value)
    }
}
