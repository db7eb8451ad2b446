import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import Foundation

/// Streams one SQLite table into `COPY … FROM STDIN` (text format), each stored value
/// turned back into PostgreSQL's text input form.
struct TableLoad {
    let mapping: TableMapping
    /// The quoted target table, `"schema"."table"`.
    let target: String
    let postgres: PostgresConnection
    let sqlite: SQLiteConnection

    /// Generated columns are recomputed by PostgreSQL, never loaded.
    var loadedColumns: [ColumnMapping] { mapping.columns.filter { $0.column.generated == nil } }

    private var selectSQL: String {
        let list = loadedColumns.map { SQLiteConnection.quoteIdentifier($0.column.name) }.joined(separator: ", ")
        return "SELECT \(list) FROM \(SQLiteConnection.quoteIdentifier(mapping.sqliteName))"
    }

    func run() throws -> TableReport {
        let started = Date()
        let columns = loadedColumns
        let forms = try columns.map { try StoredForm(codec: $0.codec, column: $0.column) }
        let list = columns.map { PostgresDDL.quote($0.column.name) }.joined(separator: ", ")
        let select = try sqlite.prepare(selectSQL)
        var sent = 0
        let stored: Int
        do {
            stored = try postgres.copyIn("COPY \(target) (\(list)) FROM STDIN") { writer in
                var line: [UInt8] = []
                var row: [SQLiteValue] = Array(repeating: .null, count: forms.count)
                while try select.step() {
                    line.removeAll(keepingCapacity: true)
                    for index in forms.indices {
                        row[index] = select.value(at: index)
                    }
                    for (index, form) in forms.enumerated() {
                        if index > 0 { line.append(0x09) }
                        do {
                            appendCopyField(try form.postgresText(row[index]), to: &line)
                        } catch let error as StoredValueError {
                            throw ImportError.value(table: mapping.table.name, column: columns[index].column.name,
                                                    key: describeKey(row), value: preview(row[index]), reason: error)
                        }
                    }
                    line.append(0x0A)
                    try writer.write(line)
                    sent += 1
                }
            }
        } catch let error as PostgresError where error.kind == .server {
            throw ImportError.rejected(table: mapping.table.name, key: try keyOfCopyLine(error.context), error: error)
        }
        guard stored == sent else {
            throw ImportError.rowCountMismatch(table: mapping.table.name, sqlite: sent, postgres: stored)
        }
        return TableReport(source: mapping.table.name, sqliteName: mapping.sqliteName, rows: sent,
                           seconds: Date().timeIntervalSince(started))
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
        case .null: "NULL"
        case let .integer(number): String(number)
        case let .real(number): "\(number)"
        case let .text(text): text.count > 60 ? "'\(text.prefix(60))…'" : "'\(text)'"
        case let .blob(bytes): "BLOB of \(bytes.count) bytes"
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
        case let .empty(path):
            return "\(path) holds no tables to import"
        }
    }
}

