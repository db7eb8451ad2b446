import BifrostMapping
import BifrostSQLite
import BifrostSchema

/// Why a conversion stopped.
public enum ConversionError: Error, Sendable, CustomStringConvertible {
    case nothingToConvert(schema: String, source: String)
    case value(table: QualifiedName, column: String, key: String, value: String, reason: ValueError)
    case rowRejected(table: QualifiedName, key: String, error: SQLiteError)
    case rowCountMismatch(table: QualifiedName, postgres: Int, copied: Int, sqlite: Int)
    case foreignKeyMismatch(count: Int, example: String)
    case verificationFailed(VerificationReport)
    /// `--data-only` cannot load into the file at the destination.
    case dataOnly(String)
    /// The file could not leave WAL mode before being renamed into place.
    case walStillOpen(String)

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
        case let .walStillOpen(mode):
            "the SQLite file stayed in journal mode \(mode) (another connection still had it open); no file was written\n  this is a Bifrost bug: please report it"
        case let .dataOnly(message):
            "\(message)\n  nothing was changed"
        case let .foreignKeyMismatch(count, example):
            "\(count) foreign key references do not resolve in the SQLite file (first: \(example))\n  this is a Bifrost bug: please report it"
        }
    }
}
