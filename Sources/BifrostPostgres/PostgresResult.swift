import CLibPQ

/// The rows of a completed statement. Values are in PostgreSQL's text form.
public final class PostgresResult {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQclear(handle)
    }

    public var rowCount: Int { Int(PQntuples(handle)) }
    public var columnCount: Int { Int(PQnfields(handle)) }

    /// Number of rows the command touched (`INSERT 0 5` → 5); 0 when it reports none.
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    public func columnName(_ column: Int) -> String {
        String(cString: PQfname(handle, Int32(column)))
    }

    /// The type OID of a result column.
    public func columnType(_ column: Int) -> UInt32 {
        UInt32(PQftype(handle, Int32(column)))
    }

    public func isNull(row: Int, column: Int) -> Bool {
        PQgetisnull(handle, Int32(row), Int32(column)) == 1
    }

    /// The value in text form, `nil` for SQL NULL.
    public func value(row: Int, column: Int) -> String? {
        if isNull(row: row, column: column) { return nil }
        return String(cString: PQgetvalue(handle, Int32(row), Int32(column)))
    }

    /// All rows as arrays of optional strings, for small catalog results.
    public var rows: [[String?]] {
        (0..<rowCount).map { row in (0..<columnCount).map { value(row: row, column: $0) } }
    }
}
