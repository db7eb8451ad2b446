import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import Foundation

/// Streams one SQLite table into `COPY … FROM STDIN`: each stored value is encoded from
/// SQLite's column straight into the COPY data, no per-value objects. A table whose every
/// column has a `BinaryField` goes in COPY's binary format, which PostgreSQL reads without
/// parsing; should a value turn out not to have its stored form, that attempt is rolled back
/// to a savepoint and the table goes again as COPY text, where PostgreSQL's input functions
/// (and the errors `StoredForm` gives) judge every value.
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
    /// allowed because the table was created (or truncated) in this (sub)transaction; not
    /// for a partitioned one.
    private func copySQL(binary: Bool) -> String {
        let list = loadedColumns.map { PostgresDDL.quote($0.column.name) }.joined(separator: ", ")
        let options = (binary ? ["FORMAT binary"] : []) + (mapping.table.kind == .partitioned ? [] : ["FREEZE"])
        return "COPY \(target) (\(list)) FROM STDIN" + (options.isEmpty ? "" : " (\(options.joined(separator: ", ")))")
    }

    /// Loads every row; `onProgress(rows, bytes)` is called a few times a second at most.
    /// SQLite is read and the COPY data encoded on a second thread while this one sends.
    func run(onProgress: (Int, Int) -> Void = { _, _ in }) throws -> TableReport {
        let started = Date()
        let forms = try loadedColumns.map { try StoredForm(codec: $0.codec, column: $0.column) }
        var sent: (rows: Int, bytes: Int)?
        if let fields = BinaryField.fields(forms, loadedColumns) {
            sent = try copyBinary(fields, onProgress: onProgress)
        }
        let (rows, bytes) = try sent ?? copy(.text(forms), onProgress: onProgress)
        return TableReport(source: mapping.table.name, sqliteName: mapping.sqliteName, rows: rows, bytes: bytes,
                           rejects: rejected.current, seconds: Date().timeIntervalSince(started))
    }

    /// The binary attempt, in a savepoint; `nil` when a value did not have its stored form
    /// and the attempt was rolled back. The (empty) table is truncated in the savepoint so
    /// that FREEZE may still be used, ONLY it: an inheriting table loaded before may hold rows.
    private func copyBinary(_ fields: [BinaryField], onProgress: (Int, Int) -> Void) throws -> (rows: Int, bytes: Int)? {
        try postgres.execute("SAVEPOINT bifrost_binary_copy")
        if mapping.table.kind != .partitioned { try postgres.execute("TRUNCATE ONLY \(target)") }
        do {
            let sent = try copy(.binary(fields), onProgress: onProgress)
            try postgres.execute("RELEASE SAVEPOINT bifrost_binary_copy")
            return sent
        } catch is NotInStoredForm {
            try postgres.execute("ROLLBACK TO SAVEPOINT bifrost_binary_copy")
            try postgres.execute("RELEASE SAVEPOINT bifrost_binary_copy")
            return nil
        }
    }

    /// How the rows are encoded for the COPY.
    private enum Format {
        /// COPY text lines, each value in PostgreSQL's text input form.
        case text([StoredForm])
        case binary([BinaryField])
    }

    /// A value the binary format cannot carry as it is: the table goes as text instead.
    private struct NotInStoredForm: Error {}

    /// One COPY of every row in `format`: the rows and COPY bytes sent.
    private func copy(_ format: Format, onProgress: (Int, Int) -> Void) throws -> (rows: Int, bytes: Int) {
        let select = try sqlite.prepare(selectSQL)
        let chunks = BoundedChannel<Chunk>(capacity: 4)
        let binary = if case .binary = format { true } else { false }
        let encoder = BackgroundTask { [self] () throws -> Int in
            do {
                var rows = 0
                var chunk: [UInt8] = []
                chunk.reserveCapacity(Self.chunkSize + 16 * 1024)
                if case .binary = format { chunk += BinaryField.header }
                while try select.step() {
                    switch format {
                    case let .text(forms):
                        guard try encodeRow(select, forms: forms, into: &chunk) else { continue }
                    case let .binary(fields):
                        try encodeRow(select, fields: fields, into: &chunk)
                    }
                    rows += 1
                    if chunk.count >= Self.chunkSize {
                        try chunks.send(Chunk(bytes: chunk, rows: rows))
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                if case .binary = format { chunk += BinaryField.trailer }
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
            stored = try postgres.copyIn(copySQL(binary: binary)) { writer in
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
        return (sent, bytes)
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

    /// Appends the current row of `select` as one binary COPY tuple; throws
    /// `NotInStoredForm` for a value the binary format cannot carry as it is, and, under
    /// `--on-error=skip`, for invalid JSON (which the server would refuse by failing the COPY).
    private func encodeRow(_ select: SQLiteStatement, fields: [BinaryField], into tuple: inout [UInt8]) throws {
        tuple.appendBigEndian(Int16(fields.count))
        for index in fields.indices {
            let value = select.borrowedValue(at: index)
            if rejects != nil, fields[index] == .json || fields[index] == .jsonb, case let .text(json) = value {
                do { try Self.checkJSON(json) } catch { throw NotInStoredForm() }
            }
            guard fields[index].append(value, to: &tuple) else { throw NotInStoredForm() }
        }
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

