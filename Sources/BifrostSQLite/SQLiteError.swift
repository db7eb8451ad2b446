import CSQLite

/// An error from SQLite: the extended result code, SQLite's message and the SQL that failed.
///
/// Bound values are never part of the message.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// SQLite's extended result code, e.g. 2067 for `SQLITE_CONSTRAINT_UNIQUE`.
    public var extendedCode: Int32
    public var message: String
    public var sql: String?

    /// The primary result code (`SQLITE_CONSTRAINT` is 19, whatever the extended code).
    public var code: Int32 { extendedCode & 0xFF }

    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql {
            let shown = sql.count > 300 ? String(sql.prefix(300)) + "…" : sql
            text += "\n  while executing: \(shown)"
        }
        return text
    }
}
