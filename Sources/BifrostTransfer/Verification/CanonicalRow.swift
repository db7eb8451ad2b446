/// One row in canonical form: its fields' canonical bytes back to back in a buffer reused
/// from row to row, each followed by four bytes holding its length (or `FFFFFFFF` for NULL).
/// The lengths are hashed with the bytes, so `('ab', 'c')` and `('a', 'bc')` differ, and NULL
/// differs from every text, the empty one included.
///
/// `CanonicalForm` writes the fields; the checksum hashes the whole buffer and the key-order
/// comparison reads the fields back, so both use the same canonical bytes.
struct CanonicalRow {
    private(set) var bytes: [UInt8] = []
    /// Where each field's bytes start, and how many there are (`nil` for NULL).
    private var fields: [(start: Int, count: Int?)] = []
    private var fieldStart = 0

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
    }

    var fieldCount: Int { fields.count }

    var hash: UInt64 { bytes.withUnsafeBytes(RowHash.hash) }

    // MARK: Writing (CanonicalForm)

    mutating func appendNull() {
        fields.append((bytes.count, nil))
        appendLength(UInt32.max)
    }

    /// Starts a non-NULL field: append its bytes, then call `endField()`.
    mutating func beginField() {
        fieldStart = bytes.count
    }

    mutating func endField() {
        let count = bytes.count - fieldStart
        fields.append((fieldStart, count))
        appendLength(UInt32(count))
    }

    /// Where the field being written starts in `bytes`.
    var currentFieldStart: Int { fieldStart }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(_ data: UnsafeRawBufferPointer) {
        bytes.appendBytes(data)
    }

    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Lets a writer that works on byte arrays append to the field being written.
    mutating func withBytes<Result>(_ body: (inout [UInt8]) throws -> Result) rethrows -> Result {
        try body(&bytes)
    }

    private mutating func appendLength(_ length: UInt32) {
        withUnsafeBytes(of: length.littleEndian) { bytes.appendBytes($0) }
    }

    // MARK: Reading (key-order comparison)

    /// A field's canonical bytes, `nil` for NULL.
    func field(_ index: Int) -> ArraySlice<UInt8>? {
        let field = fields[index]
        return field.count.map { bytes[field.start..<field.start + $0] }
    }

    /// A field as text for messages: `NULL` for NULL.
    func text(_ index: Int) -> String {
        field(index).map { String(decoding: $0, as: UTF8.self) } ?? "NULL"
    }
}

extension [UInt8] {
    /// Appends raw bytes in one copy (appending an `UnsafeRawBufferPointer` as a sequence
    /// goes byte by byte: its memory is not bound to `UInt8`).
    mutating func appendBytes(_ data: UnsafeRawBufferPointer) {
        append(contentsOf: UnsafeBufferPointer(start: data.baseAddress?.assumingMemoryBound(to: UInt8.self), count: data.count))
    }
}
