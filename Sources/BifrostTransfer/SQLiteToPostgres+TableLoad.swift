import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import Foundation

/// Streams one SQLite table into `COPY … FROM STDIN` (text format): each stored value is
/// encoded from SQLite's column straight into the COPY line, no per-value objects.
struct TableLoad {
    let mapping: TableMapping
    /// The quoted target table, `"schema"."table"`.
    let target: String
    let postgres: PostgresConnection
    let sqlite: SQLiteConnection
    /// Where rows go that `--on-error=skip` leaves out; `nil`: a bad value stops the import.
    var rejects: RejectFile?

    /// Generated columns are recomputed by PostgreSQL, never loaded.
    var loadedColumns: [ColumnMapping] { mapping.columns.filter { $0.column.generated == nil } }

    private var selectSQL: String {
        let list = loadedColumns.map { SQLiteConnection.quoteIdentifier($0.column.name) }.joined(separator: ", ")
        return "SELECT \(list) FROM \(SQLiteConnection.quoteIdentifier(mapping.sqliteName))"
    }

    /// The COPY; `FREEZE` writes the rows already frozen (later scans set no hint bits),
    /// allowed because the table was created in this transaction (not for a partitioned one).
    private var copySQL: String {
        let list = loadedColumns.map { PostgresDDL.quote($0.column.name) }.joined(separator: ", ")
        let freeze = mapping.table.kind == .partitioned ? "" : " (FREEZE)"
        return "COPY \(target) (\(list)) FROM STDIN\(freeze)"
    }

    /// Loads every row; `onProgress(rows, bytes)` is called a few times a second at most.
    /// SQLite is read and the COPY data encoded on a second thread while this one sends.
    func run(onProgress: (Int, Int) -> Void = { _, _ in }) throws -> TableReport {
        let started = Date()
        let forms = try loadedColumns.map { try StoredForm(codec: $0.codec, column: $0.column) }
        let select = try sqlite.prepare(selectSQL)
        let chunks = BoundedChannel<Chunk>(capacity: 4)
        let encoder = BackgroundTask { [self] () throws -> Int in
            do {
                var rows = 0
                var chunk: [UInt8] = []
                chunk.reserveCapacity(Self.chunkSize + 16 * 1024)
                while try select.step() {
                    guard try encodeRow(select, forms: forms, into: &chunk) else { continue }
                    rows += 1
                    if chunk.count >= Self.chunkSize {
                        try chunks.send(Chunk(bytes: chunk, rows: rows))
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                if !chunk.isEmpty { try chunks.send(Chunk(bytes: chunk, rows: rows)) }
                chunks.close()
                return rows
            } catch {
                chunks.close(failing: error)
                throw error
            }
        }
        var progress = ProgressClock()
        var bytes = 0
        let stored: Int
        do {
            defer { chunks.close(failing: ChannelClosed()) }
            stored = try postgres.copyIn(copySQL) { writer in
                while let chunk = try chunks.receive() {
                    try writer.write(chunk.bytes)
                    bytes += chunk.bytes.count
                    if progress.due() { onProgress(chunk.rows, bytes) }
                }
            }
        } catch let error as PostgresError where error.kind == .server {
            _ = try? encoder.wait()
            throw ImportError.rejected(table: mapping.table.name, key: try keyOfCopyLine(error.context), error: error)
        } catch {
            _ = try? encoder.wait()
            throw error
        }
        let sent = try encoder.wait()
        guard stored == sent else {
            throw ImportError.rowCountMismatch(table: mapping.table.name, sqlite: sent, postgres: stored)
        }
        return TableReport(source: mapping.table.name, sqliteName: mapping.sqliteName, rows: sent, bytes: bytes,
                           rejects: rejected.current, seconds: Date().timeIntervalSince(started))
    }

    private static let chunkSize = 256 * 1024
    /// Rows the encoder thread left out, read after it finished.
    private let rejected = Locked(0)

    /// Encoded COPY lines, and how many rows had been encoded once they were.
    private struct Chunk {
        var bytes: [UInt8]
        var rows: Int
    }

    /// Appends the current row of `select` as one COPY text line; a value that cannot be
    /// imported is named with its table, column and row key — or, under `--on-error=skip`,
    /// the row goes to the reject file instead and `false` is returned.
    private func encodeRow(_ select: SQLiteStatement, forms: [StoredForm], into line: inout [UInt8]) throws -> Bool {
        let rowStart = line.count
        for index in forms.indices {
            if index > 0 { line.append(0x09) }
            do {
                let start = line.count
                let value = select.borrowedValue(at: index)
                // PostgreSQL would refuse invalid JSON by failing the whole COPY, too late to skip one row.
                if rejects != nil, case .json = forms[index], case let .text(json) = value {
                    try Self.checkJSON(json)
                }
                if try forms[index].appendText(value, to: &line) {
                    try escapeCopyField(in: &line, from: start)
                } else {
                    appendCopyNull(to: &line)
                }
            } catch let error as StoredValueError {
                let row = forms.indices.map(select.value(at:))
                let column = loadedColumns[index].column.name
                guard let rejects else {
                    throw ImportError.value(table: mapping.table.name, column: column, key: describeKey(row),
                                            value: preview(row[index]), reason: error)
                }
                line.removeSubrange(rowStart...)
                try rejects.write(RejectedRow(table: mapping.table.name.description, column: column, key: describeKey(row),
                                              value: preview(row[index]), reason: error.description))
                rejected.withLock { $0 += 1 }
                return false
            }
        }
        line.append(0x0A)
        return true
    }

    private static func checkJSON(_ text: UnsafeRawBufferPointer) throws {
        do {
            _ = try StoredJSON.parse(Array(text), rawElements: false)
        } catch {
            throw StoredValueError(reason: "not valid JSON: \(error)", hint: nil)
        }
    }

    /// The row key of the line a COPY error names (`COPY t, line 3, column c: …`), read
    /// again from SQLite: rows are sent in the order the same query returns them.
    private func keyOfCopyLine(_ context: String?) throws -> String? {
        // The COPY's own line comes last (a type's input function may add lines before it).
        guard let copy = context?.range(of: "COPY ", options: .backwards),
              let range = context?.range(of: "line ", range: copy.upperBound..<context!.endIndex) else { return nil }
        let digits = context![range.upperBound...].prefix { $0.isNumber }
        guard let line = Int(digits), line > 0 else { return nil }
        let rows = try sqlite.query("\(selectSQL) LIMIT 1 OFFSET \(line - 1)")
        return rows.first.map(describeKey)
    }

    /// The row's primary key as `col=value, …` (the first three columns without one).
    private func describeKey(_ row: [SQLiteValue]) -> String {
        let columns = loadedColumns
        let names = mapping.table.primaryKey?.columns ?? columns.prefix(3).map(\.column.name)
        return names.compactMap { name -> String? in
            guard let index = columns.firstIndex(where: { $0.column.name == name }), index < row.count else { return nil }
            return "\(name)=\(preview(row[index]))"
        }.joined(separator: ", ")
    }

    private func preview(_ value: SQLiteValue) -> String {
        switch value {
        case .null: return "NULL"
        case let .integer(number): return String(number)
        case let .real(number): return "\(number)"
        case let .text(text):
            let shown = text.prefix(60).replacingOccurrences(of: "\u{0}", with: "\\0")
            return text.count > 60 ? "'\(shown)…'" : "'\(shown)'"
        case let .blob(bytes): return "BLOB of \(bytes.count) bytes"
        }
    }
}

/// Why an import stopped. The target database is left as it was.
public enum ImportError: Error, Sendable, CustomStringConvertible {
    case value(table: QualifiedName, column: String, key: String, value: String, reason: StoredValueError)
    case rejected(table: QualifiedName, key: String?, error: PostgresError)
    case rowCountMismatch(table: QualifiedName, sqlite: Int, postgres: Int)
    case schemaExists(String)
    case statementFailed(what: String, error: PostgresError)
    case verificationFailed(VerificationReport)
    case empty(String)
    case typeOverride(String)

    public var description: String {
        let unchanged = "nothing was imported: the target database is as it was"
        switch self {
        case let .value(table, column, key, value, reason):
            return "value cannot be imported\n  table \(table), column \(column), row \(key)\n  value: \(value)\n  reason: \(reason)\n  \(unchanged)"
        case let .rejected(table, key, error):
            return "PostgreSQL rejected a row of \(table)\(key.map { " (row \($0))" } ?? ""): \(error)\n  \(unchanged)"
        case let .rowCountMismatch(table, sqlite, postgres):
            return "row counts differ for \(table): \(sqlite) rows sent from SQLite, PostgreSQL stored \(postgres)\n  \(unchanged)"
        case let .schemaExists(schema):
            return "schema \(schema) already holds tables\n  fix: import into a new schema with --schema NAME, or drop those tables first"
        case let .statementFailed(what, error):
            return "cannot \(what): \(error)\n  \(unchanged)"
        case let .verificationFailed(report):
            return "the imported data does not match the SQLite file\n\(report.summary)\n  \(unchanged)\n  this is a Bifrost bug: please report it"
        case let .typeOverride(message):
            return message
        case let .empty(path):
            return "\(path) holds no tables to import"
        }
    }
}

