import BifrostSchema

/// What a transfer (convert or import) is doing, as it happens, for progress output.
public enum TransferEvent: Sendable {
    /// A table's rows start to move; `estimatedRows` is PostgreSQL's `reltuples` or the
    /// SQLite file's count, negative when unknown.
    case tableStarted(QualifiedName, estimatedRows: Double)
    /// Rows moved so far in the current table (sent a few times a second at most).
    case tableProgress(QualifiedName, rows: Int, bytes: Int)
    case tableFinished(TableReport)
    /// Every table was copied; both sides are being compared.
    case verifying
    case note(String)
}

/// The outcome of a conversion or an import.
public struct ConversionReport: Sendable, Codable {
    public var destination: String
    public var tables: [TableReport]
    public var notes: [String]
    /// The comparison of both sides, when it ran (it passed: a failed one stops the transfer).
    public var verification: VerificationReport?
    public var seconds: Double

    public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }
}

/// One table's outcome: rows copied (equal on both sides), the COPY data moved, rows set
/// aside (`--on-error=skip`) and time taken.
public struct TableReport: Sendable, Codable {
    public var source: QualifiedName
    public var sqliteName: String
    public var rows: Int
    /// Bytes of COPY data read from or sent to PostgreSQL.
    public var bytes: Int
    /// Rows written to the reject file instead of the destination.
    public var rejects: Int
    public var seconds: Double

    public init(source: QualifiedName, sqliteName: String, rows: Int = 0, bytes: Int = 0, rejects: Int = 0,
                seconds: Double = 0) {
        self.source = source
        self.sqliteName = sqliteName
        self.rows = rows
        self.bytes = bytes
        self.rejects = rejects
        self.seconds = seconds
    }
}
