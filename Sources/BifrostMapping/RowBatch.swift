import BifrostSQLite

/// Rows of SQLite values in flat storage: what the thread decoding PostgreSQL's COPY data
/// hands to the thread writing SQLite.
///
/// Codecs append one value per column, in column order; text and blob bytes go into one
/// shared byte arena, so a batch of a thousand rows costs a few allocations, and the arrays
/// keep their capacity when the batch is reused.
public struct RowBatch: Sendable {
    fileprivate enum Kind: UInt8, Sendable {
        case null, integer, real, text, blob
    }

    /// One value: an integer, a double's bits, or where its bytes are in the arena.
    fileprivate struct Slot: Sendable {
        var kind: Kind
        var length: Int32
        var payload: Int64
    }

    public let columnCount: Int
    private var slots: [Slot] = []
    private var arena: [UInt8] = []
    /// Where the row being appended starts, to drop it when one of its values fails.
    private var rowStart = (slots: 0, arena: 0)

    public init(columnCount: Int) {
        self.columnCount = max(columnCount, 1)
    }

    /// Complete rows held.
    public var rowCount: Int { rowStart.slots / columnCount }
    /// Bytes of text and blob values held.
    public var byteCount: Int { arena.count }
    public var isEmpty: Bool { rowStart.slots == 0 }

    // MARK: Appending (codecs)

    public mutating func appendNull() {
        slots.append(Slot(kind: .null, length: 0, payload: 0))
    }

    public mutating func append(integer value: Int64) {
        slots.append(Slot(kind: .integer, length: 0, payload: value))
    }

    public mutating func append(real value: Double) {
        slots.append(Slot(kind: .real, length: 0, payload: Int64(bitPattern: value.bitPattern)))
    }

    public mutating func appendText(_ utf8: UnsafeRawBufferPointer) {
        appendBytes(.text) { $0.append(contentsOf: utf8) }
    }

    public mutating func appendText(_ text: String) {
        appendBytes(.text) { $0.append(contentsOf: text.utf8) }
    }

    /// Text written straight into the arena by `write` (no intermediate buffer).
    public mutating func appendText(writing write: (inout [UInt8]) throws -> Void) rethrows {
        try appendBytes(.text, write)
    }

    public mutating func appendBlob(_ bytes: UnsafeRawBufferPointer) {
        appendBytes(.blob) { $0.append(contentsOf: bytes) }
    }

    private mutating func appendBytes(_ kind: Kind, _ write: (inout [UInt8]) throws -> Void) rethrows {
        let start = arena.count
        try write(&arena)
        slots.append(Slot(kind: kind, length: Int32(arena.count - start), payload: Int64(start)))
    }

    /// Ends the row whose values were appended since the last call.
    public mutating func finishRow() {
        precondition(slots.count - rowStart.slots == columnCount, "a row needs one value per column")
        rowStart = (slots.count, arena.count)
    }

    /// Drops the values appended since the last finished row (one of them failed).
    public mutating func discardUnfinishedRow() {
        slots.removeSubrange(rowStart.slots...)
        arena.removeSubrange(rowStart.arena...)
    }

    /// Empties the batch, keeping its capacity for the next rows.
    public mutating func removeAll() {
        slots.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
        rowStart = (0, 0)
    }

    // MARK: Reading (the SQLite writer)

    /// Runs `body` with access to the rows; bound text and blobs point into the batch and
    /// are valid only inside `body`, so every row must be stepped there.
    public func withRows<R>(_ body: (RowBatchRows) throws -> R) rethrows -> R {
        try arena.withUnsafeBytes { bytes in
            try slots.withUnsafeBufferPointer { slots in
                try body(RowBatchRows(batch: self, slots: slots, arena: bytes))
            }
        }
    }

    /// The rows of a batch while its storage is pinned (see `RowBatch.withRows`).
    public struct RowBatchRows {
        fileprivate let batch: RowBatch
        fileprivate let slots: UnsafeBufferPointer<Slot>
        fileprivate let arena: UnsafeRawBufferPointer

        public var count: Int { batch.rowCount }

        /// Binds row `row` to parameters 1…columnCount of `statement`, without copying bytes.
        public func bind(row: Int, to statement: SQLiteStatement) throws {
            let first = row * batch.columnCount
            for column in 0..<batch.columnCount {
                let slot = slots[first + column]
                let parameter = column + 1
                switch slot.kind {
                case .null: try statement.bindNull(at: parameter)
                case .integer: try statement.bind(slot.payload, at: parameter)
                case .real: try statement.bind(Double(bitPattern: UInt64(bitPattern: slot.payload)), at: parameter)
                case .text: try statement.bindText(borrowing: bytes(slot), at: parameter)
                case .blob: try statement.bindBlob(borrowing: bytes(slot), at: parameter)
                }
            }
        }

        /// A value as the SQLite value it is bound as (for messages naming a row).
        public func value(row: Int, column: Int) -> SQLiteValue {
            let slot = slots[row * batch.columnCount + column]
            switch slot.kind {
            case .null: return .null
            case .integer: return .integer(slot.payload)
            case .real: return .real(Double(bitPattern: UInt64(bitPattern: slot.payload)))
            case .text: return .text(String(decoding: bytes(slot), as: UTF8.self))
            case .blob: return .blob(Array(bytes(slot)))
            }
        }

        private func bytes(_ slot: Slot) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: arena[Int(slot.payload)..<Int(slot.payload) + Int(slot.length)])
        }
    }
}
