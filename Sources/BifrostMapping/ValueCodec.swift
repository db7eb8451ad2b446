import BifrostSQLite

/// Converts one column's values from PostgreSQL's binary COPY format into SQLite storage.
///
/// A codec is the single source of truth for a storage format: it knows the declared
/// SQLite type, the CHECK that keeps the stored form valid, how to bind a value, and how
/// to write the value as a JSON array element.
public protocol ValueCodec: Sendable {
    /// The name used in mapping files, e.g. `uuid`.
    var name: String { get }
    /// The declared SQLite column type; empty for none (BLOB affinity: no conversions).
    var declaredType: String { get }
    /// A CHECK expression over the quoted column name, or `nil`.
    func check(column quotedName: String) -> String?
    /// Appends a non-NULL value given in PostgreSQL's binary format to the row being built.
    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws
    /// Appends the value as a JSON value (used for array elements).
    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws
}

extension ValueCodec {
    public func check(column quotedName: String) -> String? { nil }
}

/// The codec names a mapping file may use, with what each does.
public enum CodecName: String, Sendable, CaseIterable, Codable {
    case integer, boolean, float, numeric, text, uuid, json, timestamp, date, time, blob, `enum`
    case jsonArray = "json-array"

    /// One line for `--help` and error hints.
    public var summary: String {
        switch self {
        case .integer: "smallint/integer/bigint → INTEGER"
        case .boolean: "boolean → INTEGER 0/1"
        case .float: "real/double precision → REAL, NaN as text 'NaN', -0.0 kept"
        case .numeric: "numeric → INTEGER, REAL or TEXT, whichever holds the value exactly"
        case .text: "PostgreSQL's text form → TEXT (any type)"
        case .uuid: "uuid → TEXT, lowercase 8-4-4-4-12"
        case .json: "json/jsonb → TEXT, compact JSON"
        case .timestamp: "timestamp/timestamptz → TEXT 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC"
        case .date: "date → TEXT 'YYYY-MM-DD'"
        case .time: "time → TEXT 'HH:MM:SS[.ffffff]'"
        case .blob: "bytea → BLOB"
        case .enum: "enum → TEXT with CHECK (value IN labels)"
        case .jsonArray: "array → TEXT JSON array, elements by their own rule"
        }
    }
}
