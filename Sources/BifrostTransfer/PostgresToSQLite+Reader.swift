import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema

/// What the PostgreSQL readers tell the SQLite writer.
enum CopyMessage: Sendable {
    case started(table: Int)
    /// Decoded rows, and the bytes of COPY data read for the table so far.
    case rows(table: Int, RowBatch, bytesSoFar: Int)
    /// A row left out under `--on-error=skip`.
    case rejected(RejectedRow)
    /// The table's COPY ended: rows decoded, rows rejected, rows PostgreSQL reported, bytes
    /// of COPY data.
    case finished(table: Int, decoded: Int, rejected: Int, reported: Int, bytes: Int)
}

/// Reads one table with binary COPY on its own connection and decodes every row, column by
/// column, into batches of SQLite values sent to the writer.
struct TableReader {
    let mapping: TableMapping
    let index: Int
    let connection: PostgresConnection
    let output: BoundedChannel<CopyMessage>
    /// Batches the writer is done with, to reuse their storage.
    let recycled: BoundedChannel<RowBatch>
    /// Leave rows with a value that cannot be stored out (`--on-error=skip`) instead of stopping.
    let skipRejected: Bool

    /// A batch is handed over at this many rows or bytes, whichever comes first.
    static let batchRows = 2048
    static let batchBytes = 1 << 20

    func run() throws {
        try output.send(.started(table: index))
        let codecs = mapping.columns.map(\.codec)
        var parser = BinaryCopyParser()
        var batch = freshBatch()
        var decoded = 0
        var rejected = 0
        var bytes = 0
        let reported = try connection.copyOut(mapping.copyQuery) { message in
            bytes += message.count
            try parser.consume(message) { fields in
                guard fields.count == codecs.count else {
                    throw CopyFormatError("a row of \(fields.count) fields, \(codecs.count) expected")
                }
                for (column, field) in fields.enumerated() {
                    guard let field else {
                        batch.appendNull()
                        continue
                    }
                    do {
                        try codecs[column].encode(field, into: &batch)
                    } catch let error as ValueError {
                        batch.discardUnfinishedRow()
                        let name = mapping.columns[column].column.name
                        let key = RowKey.describe(fields, mapping)
                        guard skipRejected else {
                            throw ConversionError.value(table: mapping.table.name, column: name, key: key,
                                                        value: RowKey.preview(field), reason: error)
                        }
                        rejected += 1
                        try output.send(.rejected(RejectedRow(
                            table: mapping.table.name.description, column: name, key: key,
                            value: RowKey.preview(field), reason: error.description)))
                        return
                    }
                }
                batch.finishRow()
                decoded += 1
                if batch.rowCount >= Self.batchRows || batch.byteCount >= Self.batchBytes {
                    try output.send(.rows(table: index, batch, bytesSoFar: bytes))
                    batch = freshBatch()
                }
            }
        }
        if !batch.isEmpty { try output.send(.rows(table: index, batch, bytesSoFar: bytes)) }
        try output.send(.finished(table: index, decoded: decoded, rejected: rejected, reported: reported, bytes: bytes))
    }

    private func freshBatch() -> RowBatch {
        if var batch = recycled.poll(), batch.columnCount == max(mapping.columns.count, 1) {
            batch.removeAll()
            return batch
        }
        return RowBatch(columnCount: mapping.columns.count)
    }
}

/// How error messages name a row: its primary key, or its first columns without one.
enum RowKey {
    static func keyColumns(_ mapping: TableMapping) -> [Int] {
        let names = mapping.table.primaryKey?.columns ?? mapping.columns.prefix(3).map(\.column.name)
        return names.compactMap { name in mapping.columns.firstIndex { $0.column.name == name } }
    }

    /// `col=value, …` from binary COPY fields, values written as their JSON form.
    static func describe(_ fields: [UnsafeRawBufferPointer?], _ mapping: TableMapping) -> String {
        keyColumns(mapping).map { index in
            let name = mapping.columns[index].column.name
            guard let field = fields[index] else { return "\(name)=NULL" }
            var json: [UInt8] = []
            if (try? mapping.columns[index].codec.appendJSON(field, to: &json)) != nil {
                return "\(name)=\(String(decoding: json, as: UTF8.self))"
            }
            return "\(name)=\(preview(field))"
        }.joined(separator: ", ")
    }

    /// `col=value, …` from the values about to be stored (`value` gives a column's value).
    static func describe(stored value: (Int) -> SQLiteValue, _ mapping: TableMapping) -> String {
        keyColumns(mapping).map { "\(mapping.columns[$0].column.name)=\(text(value($0)))" }.joined(separator: ", ")
    }

    /// A stored value as a message shows it.
    static func text(_ value: SQLiteValue) -> String {
        switch value {
        case .null: "NULL"
        case let .integer(number): String(number)
        case let .real(number): String(number)
        case let .text(text): text.count > 60 ? "\(text.prefix(60))…" : text
        case let .blob(bytes): "\(bytes.count) bytes"
        }
    }

    static func preview(_ field: UnsafeRawBufferPointer) -> String {
        let hex = field.prefix(32).map { String(format: "%02x", $0) }.joined()
        return "\(field.count) bytes in binary COPY form: \(hex)\(field.count > 32 ? "…" : "")"
    }
}
