import CLibPQ

/// An error from PostgreSQL or libpq, carrying every diagnostic field the server sent.
///
/// `description` gives the message a user needs (SQLSTATE, message, detail, hint and the
/// statement that failed); connection strings are never part of it.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// Where the failure happened.
    public enum Kind: String, Sendable {
        /// The connection could not be opened or was lost.
        case connection
        /// The server rejected a statement.
        case server
        /// The COPY protocol or the wire data did not have the expected shape.
        case protocolViolation
    }

    public var kind: Kind
    /// Five-character SQLSTATE code, e.g. `42P01` for an undefined table.
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// 1-based character position in `sql` the server pointed at.
    public var position: Int?
    public var schemaName: String?
    public var tableName: String?
    public var columnName: String?
    public var constraintName: String?
    /// Where in the server's work the error arose, e.g. `COPY users, line 3, column id: "x"`.
    public var context: String?
    /// The statement that failed, when there was one.
    public var sql: String?

    public init(kind: Kind, message: String, sqlState: String? = nil, sql: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.sql = sql
    }

    /// Builds an error from a failed `PGresult`, reading all diagnostic fields.
    init(result: OpaquePointer, sql: String?) {
        // libpq's PG_DIAG_* codes are character macros, which Swift does not import.
        func field(_ code: Character) -> String? {
            guard let pointer = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: pointer)
        }
        let primary = field("M")
            ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines()
        self.init(kind: .server, message: primary, sqlState: field("C"), sql: sql)
        detail = field("D")
        hint = field("H")
        position = field("P").flatMap { Int($0) }
        schemaName = field("s")
        tableName = field("t")
        columnName = field("c")
        constraintName = field("n")
        context = field("W")
    }

    public var description: String {
        var text = "PostgreSQL error"
        if let sqlState { text += " \(sqlState)" }
        text += ": \(message)"
        if let detail { text += "\n  detail: \(detail)" }
        if let hint { text += "\n  hint: \(hint)" }
        if let context { text += "\n  context: \(context)" }
        if let sql {
            let shown = sql.count > 300 ? String(sql.prefix(300)) + "…" : sql
            text += "\n  while executing: \(shown)"
        }
        return text
    }
}

/// Well-known SQLSTATE codes, for matching errors without string literals scattered around.
public enum SQLState {
    public static let undefinedTable = "42P01"
    public static let syntaxError = "42601"
    public static let uniqueViolation = "23505"
    public static let queryCanceled = "57014"
    public static let invalidCatalogName = "3D000"
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
