import BifrostMapping
import BifrostSQLite
import BifrostSchema
import Foundation

/// One column's stored values in COPY's binary format: what PostgreSQL's receive function
/// for the column's type reads, so the server parses nothing. Only the stored forms the
/// converter writes are taken; any other value makes `append` answer `false`, and the table
/// goes as COPY text instead, where PostgreSQL's input functions and `StoredForm` judge it.
enum BinaryField: Equatable {
    case int2, int4, int8, bool, float8, uuid, bytea, date, time, timestamp
    /// text, varchar, bpchar and enums: the UTF-8 bytes (the server checks length and label).
    case text
    case json
    /// jsonb: a version byte, then the JSON text.
    case jsonb

    /// The binary form for a column of `type` stored as `form`; `nil` when its values go as text.
    init?(form: StoredForm, type: ColumnType) {
        let storage = type.storage
        guard type.arrayDimensions == 0, storage.kind == .enumeration || storage.schema == "pg_catalog" else { return nil }
        switch (form, storage.name) {
        case (.integer, "int2"): self = .int2
        case (.integer, "int4"): self = .int4
        case (.integer, "int8"): self = .int8
        case (.boolean, "bool"): self = .bool
        case (.float, "float8"): self = .float8
        case (.uuid, "uuid"): self = .uuid
        case (.bytea, "bytea"): self = .bytea
        case (.date, "date"): self = .date
        case (.time, "time"): self = .time
        case (.timestamp(withZone: false), "timestamp"), (.timestamp(withZone: true), "timestamptz"): self = .timestamp
        case (.json, "json"): self = .json
        case (.json, "jsonb"): self = .jsonb
        case (.text, _) where storage.kind == .enumeration: self = .text
        case (.text, "text"), (.text, "varchar"), (.text, "bpchar"): self = .text
        default: return nil
        }
    }

    /// The fields of a table whose every column can go in binary; `nil` otherwise.
    static func fields(_ forms: [StoredForm], _ columns: [ColumnMapping]) -> [BinaryField]? {
        var fields: [BinaryField] = []
        for (form, column) in zip(forms, columns) {
            guard let field = BinaryField(form: form, type: column.column.type) else { return nil }
            fields.append(field)
        }
        return fields
    }

    /// The binary COPY header: signature, flags, no extension.
    static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    /// The binary COPY trailer: a field count of -1.
    static let trailer: [UInt8] = [0xFF, 0xFF]

    /// Appends the value as a length-prefixed field (length -1 for NULL); `false`, with
    /// nothing appended, when the value is not in the stored form this column's codec writes.
    func append(_ value: SQLiteBorrowedValue, to row: inout [UInt8]) -> Bool {
        if case .null = value {
            row.appendBigEndian(Int32(-1))
            return true
        }
        switch (self, value) {
        case let (.int2, .integer(number)):
            guard let small = Int16(exactly: number) else { return false }
            row.appendBigEndian(Int32(2))
            row.appendBigEndian(small)
        case let (.int4, .integer(number)):
            guard let medium = Int32(exactly: number) else { return false }
            row.appendBigEndian(Int32(4))
            row.appendBigEndian(medium)
        case let (.int8, .integer(number)):
            row.appendBigEndian(Int32(8))
            row.appendBigEndian(number)
        case let (.bool, .integer(number)) where number == 0 || number == 1:
            row.appendBigEndian(Int32(1))
            row.append(UInt8(number))
        case let (.float8, .real(number)):
            row.appendBigEndian(Int32(8))
            row.appendBigEndian(number.bitPattern)
        case let (.float8, .integer(number)):
            row.appendBigEndian(Int32(8))
            row.appendBigEndian(Double(number).bitPattern)
        case let (.float8, .text(word)):
            guard let number = Self.floatWords.first(where: { word.elementsEqual($0.text) })?.value else { return false }
            row.appendBigEndian(Int32(8))
            row.appendBigEndian(number.bitPattern)
        case let (.uuid, .text(text)):
            guard StoredForm.isUUID(text) else { return false }
            row.appendBigEndian(Int32(16))
            Self.appendUUID(text, to: &row)
        case let (.bytea, .blob(bytes)), let (.bytea, .text(bytes)):
            Self.appendRaw(bytes, to: &row)
        case let (.date, .text(text)):
            guard let days = StoredTemporal.date(text) else { return false }
            row.appendBigEndian(Int32(4))
            row.appendBigEndian(days)
        case let (.time, .text(text)):
            guard let microseconds = StoredTemporal.time(text) else { return false }
            row.appendBigEndian(Int32(8))
            row.appendBigEndian(microseconds)
        case let (.timestamp, .text(text)):
            guard let microseconds = StoredTemporal.timestamp(text) else { return false }
            row.appendBigEndian(Int32(8))
            row.appendBigEndian(microseconds)
        case let (.text, .text(text)), let (.json, .text(text)):
            // PostgreSQL text holds no NUL byte: COPY text refuses it with the reason.
            guard !Self.containsNUL(text) else { return false }
            Self.appendRaw(text, to: &row)
        case let (.jsonb, .text(text)):
            guard !Self.containsNUL(text) else { return false }
            row.appendBigEndian(Int32(text.count + 1))
            row.append(1)
            row.append(contentsOf: text)
        case let (.text, .integer(number)):
            Self.appendLengthPrefixed(to: &row) { ByteText.appendDecimal(number, to: &$0) }
        case let (.text, .real(number)):
            Self.appendLengthPrefixed(to: &row) { StoredForm.appendFloat(number, to: &$0) }
        default:
            return false
        }
        return true
    }

    /// The texts a float column holds for values SQLite cannot store as REAL.
    private static let floatWords: [(text: [UInt8], value: Double)] =
        [("NaN", .nan), ("Infinity", .infinity), ("-Infinity", -.infinity)].map { (Array($0.0.utf8), $0.1) }

    private static func appendRaw(_ bytes: UnsafeRawBufferPointer, to row: inout [UInt8]) {
        row.appendBigEndian(Int32(bytes.count))
        row.append(contentsOf: bytes)
    }

    /// A field whose length is known once `write` has appended it.
    private static func appendLengthPrefixed(to row: inout [UInt8], _ write: (inout [UInt8]) -> Void) {
        let lengthAt = row.count
        row.appendBigEndian(Int32(0))
        write(&row)
        let length = UInt32(row.count - lengthAt - 4)
        for index in 0..<4 { row[lengthAt + index] = UInt8(truncatingIfNeeded: length >> (24 - 8 * index)) }
    }

    private static func containsNUL(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, 0, bytes.count) != nil
    }

    /// The 16 bytes of a UUID checked by `StoredForm.isUUID`.
    private static func appendUUID(_ text: UnsafeRawBufferPointer, to row: inout [UInt8]) {
        var high: UInt8?
        for byte in text where byte != UInt8(ascii: "-") {
            let nibble = byte <= 0x39 ? byte - 0x30 : (byte | 0x20) - 0x61 + 10
            if let first = high {
                row.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends an integer in network byte order.
    mutating func appendBigEndian<Value: FixedWidthInteger>(_ value: Value) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
