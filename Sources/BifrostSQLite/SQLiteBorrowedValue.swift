/// A column value read without copying: TEXT and BLOB bytes point into SQLite's own row
/// buffer, valid only until the statement is stepped, reset or finalized.
public enum SQLiteBorrowedValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(UnsafeRawBufferPointer)
    case blob(UnsafeRawBufferPointer)
}
