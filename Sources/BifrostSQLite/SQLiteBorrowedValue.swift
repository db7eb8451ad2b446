/// A column value read without copying: TEXT and BLOB bytes point into SQLite's own row
/// buffer, valid only until the statement is stepped, reset or finalized.
public enum SQLiteBorrowedValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(UnsafeRawBufferPointer)
    case blob(UnsafeRawBufferPointer)
}

extension SQLiteBorrowedValue {
    /// The value with its bytes copied, valid for as long as it is kept.
    public var copied: SQLiteValue {
        switch self {
        case .null: .null
        case let .integer(number): .integer(number)
        case let .real(number): .real(number)
        case let .text(bytes): .text(String(decoding: bytes, as: UTF8.self))
        case let .blob(bytes): .blob(Array(bytes))
        }
    }
}
