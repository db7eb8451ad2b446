import CSQLite

/// A compiled statement. Parameters are 1-based, columns 0-based, as in SQLite's C API.
public final class SQLiteStatement {
    private let handle: OpaquePointer
    private let connection: SQLiteConnection
    public let sql: String

    init(_ handle: OpaquePointer, connection: SQLiteConnection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(_ index: Int) -> String {
        String(cString: sqlite3_column_name(handle, Int32(index)))
    }

    // MARK: Binding

    public func bind(_ values: [SQLiteValue]) throws {
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    public func bind(_ value: SQLiteValue, at index: Int) throws {
        switch value {
        case .null: try bindNull(at: index)
        case let .integer(number): try bind(number, at: index)
        case let .real(number): try bind(number, at: index)
        case let .text(text): try bind(text, at: index)
        case let .blob(bytes): try bytes.withUnsafeBytes { try bindBlob($0, at: index) }
        }
    }

    public func bindNull(at index: Int) throws {
        try check(sqlite3_bind_null(handle, Int32(index)))
    }

    public func bind(_ value: Int64, at index: Int) throws {
        try check(sqlite3_bind_int64(handle, Int32(index), value))
    }

    public func bind(_ value: Double, at index: Int) throws {
        try check(sqlite3_bind_double(handle, Int32(index), value))
    }

    public func bind(_ value: String, at index: Int) throws {
        var value = value
        try value.withUTF8 { try bindText($0, at: index) }
    }

    /// Binds UTF-8 bytes as TEXT; SQLite copies them.
    public func bindText(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) throws {
        // A NULL pointer would bind SQL NULL: an empty string needs a real (empty) buffer.
        let status: Int32
        if let base = utf8.baseAddress, utf8.count > 0 {
            status = base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                sqlite3_bind_text64(handle, Int32(index), $0, UInt64(utf8.count),
                                    bifrost_sqlite_transient(), UInt8(SQLITE_UTF8))
            }
        } else {
            status = sqlite3_bind_text(handle, Int32(index), "", 0, bifrost_sqlite_transient())
        }
        try check(status)
    }

    /// Binds bytes as a BLOB (an empty buffer gives an empty BLOB, not NULL); SQLite copies them.
    public func bindBlob(_ bytes: UnsafeRawBufferPointer, at index: Int) throws {
        let status: Int32
        if let base = bytes.baseAddress, bytes.count > 0 {
            status = sqlite3_bind_blob64(handle, Int32(index), base, UInt64(bytes.count),
                                         bifrost_sqlite_transient())
        } else {
            status = sqlite3_bind_zeroblob(handle, Int32(index), 0)
        }
        try check(status)
    }

    /// Binds UTF-8 bytes as TEXT without copying them: they must stay valid and unchanged
    /// until the statement has been stepped and rebound (or its bindings cleared).
    public func bindText(borrowing utf8: UnsafeRawBufferPointer, at index: Int) throws {
        let base = utf8.count > 0 ? utf8.baseAddress! : UnsafeRawPointer(Self.emptyBytes)
        try check(sqlite3_bind_text64(handle, Int32(index), base.assumingMemoryBound(to: CChar.self),
                                      UInt64(utf8.count), nil, UInt8(SQLITE_UTF8)))
    }

    /// Binds bytes as a BLOB without copying them (see `bindText(borrowing:at:)`).
    public func bindBlob(borrowing bytes: UnsafeRawBufferPointer, at index: Int) throws {
        let base = bytes.count > 0 ? bytes.baseAddress! : UnsafeRawPointer(Self.emptyBytes)
        try check(sqlite3_bind_blob64(handle, Int32(index), base, UInt64(bytes.count), nil))
    }

    /// A valid pointer for empty values: a NULL pointer would bind SQL NULL.
    nonisolated(unsafe) private static let emptyBytes = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

    // MARK: Running

    /// Advances to the next row; `false` when the statement is done.
    @discardableResult
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let status: throw connection.error(status, sql: sql)
        }
    }

    /// Makes the statement ready to run again; bound values stay until rebound or cleared.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Runs a statement that returns no rows with the values bound, then resets it.
    public func run(_ values: [SQLiteValue]) throws {
        defer {
            reset()
            clearBindings()
        }
        try bind(values)
        try step()
    }

    // MARK: Reading

    public func value(at column: Int) -> SQLiteValue {
        borrowedValue(at: column).copied
    }

    /// The column's value without copying it (see `SQLiteBorrowedValue` for how long its
    /// bytes stay valid): for hot loops that read every row.
    public func borrowedValue(at column: Int) -> SQLiteBorrowedValue {
        let index = Int32(column)
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            // The pointer first, then the byte count, as SQLite's documentation asks.
            let text = UnsafeRawPointer(sqlite3_column_text(handle, index))
            let count = Int(sqlite3_column_bytes(handle, index))
            return .text(UnsafeRawBufferPointer(start: text, count: text == nil ? 0 : count))
        case SQLITE_BLOB:
            let bytes = sqlite3_column_blob(handle, index)
            let count = Int(sqlite3_column_bytes(handle, index))
            return .blob(UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
        default:
            return .null
        }
    }

    private func check(_ status: Int32) throws {
        guard status == SQLITE_OK else { throw connection.error(status, sql: sql) }
    }
}
