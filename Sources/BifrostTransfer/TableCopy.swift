import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import Foundation

/// Streams one table from a binary COPY into a prepared SQLite INSERT, in one SQLite
/// transaction, then checks the row count on both sides.
struct TableCopy {
    let mapping: TableMapping
    let postgres: PostgresConnection
    let sqlite: SQLiteConnection

    func run() throws -> TableReport {
        let started = Date()
        let insert = try sqlite.prepare(mapping.insertStatement)
        let codecs = mapping.columns.map(\.codec)
        var parser = BinaryCopyParser()
        var copied = 0
        try sqlite.transaction {
            try postgres.copyOut(mapping.copyQuery) { message in
                try parser.consume(message) { fields in
                    guard fields.count == codecs.count else {
                        throw CopyFormatError("a row of \(fields.count) fields, \(codecs.count) expected")
                    }
                    for (index, field) in fields.enumerated() {
                        guard let field else {
                            try insert.bindNull(at: index + 1)
                            continue
                        }
                        do {
                            try codecs[index].bind(field, to: insert, at: index + 1)
                        } catch let error as ValueError {
                            throw ConversionError.value(
                                table: mapping.table.name, column: mapping.columns[index].column.name,
                                key: describeKey(fields), value: preview(field), reason: error)
                        }
                    }
                    do {
                        try insert.step()
                    } catch let error as SQLiteError {
                        throw ConversionError.rowRejected(table: mapping.table.name, key: describeKey(fields), error: error)
                    }
                    insert.reset()
                    copied += 1
                }
            }
        }
        let sourceRows = try countSourceRows()
        let storedRows = try countStoredRows()
        guard sourceRows == copied, storedRows == copied else {
            throw ConversionError.rowCountMismatch(table: mapping.table.name, postgres: sourceRows,
                                                   copied: copied, sqlite: storedRows)
        }
        return TableReport(source: mapping.table.name, sqliteName: mapping.sqliteName, rows: copied,
                           seconds: Date().timeIntervalSince(started))
    }

    private func countSourceRows() throws -> Int {
        let result = try postgres.execute("SELECT count(*) FROM \(mapping.postgresRowSource)")
        return Int(result.value(row: 0, column: 0) ?? "") ?? -1
    }

    private func countStoredRows() throws -> Int {
        let rows = try sqlite.query("SELECT count(*) FROM \(SQLiteConnection.quoteIdentifier(mapping.sqliteName))")
        guard case let .integer(count)? = rows.first?.first else { return -1 }
        return Int(count)
    }

    /// The row's primary key as `col=value, …` (all columns' first few when there is none).
    private func describeKey(_ fields: [UnsafeRawBufferPointer?]) -> String {
        let keyColumns = mapping.table.primaryKey?.columns ?? mapping.columns.prefix(3).map(\.column.name)
        return keyColumns.compactMap { name -> String? in
            guard let index = mapping.columns.firstIndex(where: { $0.column.name == name }) else { return nil }
            guard let field = fields[index] else { return "\(name)=NULL" }
            var json: [UInt8] = []
            if (try? mapping.columns[index].codec.appendJSON(field, to: &json)) != nil {
                return "\(name)=\(String(decoding: json, as: UTF8.self))"
            }
            return "\(name)=\(preview(field))"
        }.joined(separator: ", ")
    }

    private func preview(_ field: UnsafeRawBufferPointer) -> String {
        let hex = field.prefix(32).map { String(format: "%02x", $0) }.joined()
        return "\(field.count) bytes in binary COPY form: \(hex)\(field.count > 32 ? "…" : "")"
    }
}

/// Why a conversion stopped.
public enum ConversionError: Error, Sendable, CustomStringConvertible {
    case nothingToConvert(schema: String, source: String)
    case value(table: QualifiedName, column: String, key: String, value: String, reason: ValueError)
    case rowRejected(table: QualifiedName, key: String, error: SQLiteError)
    case rowCountMismatch(table: QualifiedName, postgres: Int, copied: Int, sqlite: Int)
    case foreignKeyMismatch(count: Int, example: String)
    case verificationFailed(VerificationReport)

    public var description: String {
        switch self {
        case let .nothingToConvert(schema, source):
            "schema \(schema) of \(source) has no tables\n  fix: name the schema that holds your tables with --schema"
        case let .value(table, column, key, value, reason):
            "value cannot be stored exactly\n  table \(table), column \(column), row \(key)\n  value: \(value)\n  reason: \(reason)"
        case let .rowRejected(table, key, error):
            "SQLite rejected a row of \(table) (\(key)): \(error.message)\n  this is a Bifrost bug: the row is valid in PostgreSQL; please report it"
        case let .rowCountMismatch(table, postgres, copied, sqlite):
            "row counts differ for \(table): PostgreSQL has \(postgres), \(copied) were copied, SQLite holds \(sqlite)"
        case let .verificationFailed(report):
            "the SQLite data does not match PostgreSQL; no file was written\n\(report.summary)\n  this is a Bifrost bug: please report it (with --no-verify the file is kept for inspection)"
        case let .foreignKeyMismatch(count, example):
            "\(count) foreign key references do not resolve in the SQLite file (first: \(example))\n  this is a Bifrost bug: please report it"
        }
    }
}
