import BifrostSQLite
import BifrostSchema

/// Writes SQLite DDL for mapped tables: columns with their declared types and codec checks,
/// primary keys, unique constraints and foreign keys.
public struct SQLiteSchemaWriter: Sendable {
    /// SQLite names of the tables being written, by PostgreSQL name, to resolve references.
    public let sqliteNames: [QualifiedName: String]

    public init(sqliteNames: [QualifiedName: String]) {
        self.sqliteNames = sqliteNames
    }

    /// `CREATE TABLE`, plus notes on what was left out (foreign keys to tables not converted).
    public func createTable(_ mapping: TableMapping) -> (sql: String, notes: [String]) {
        let quote = SQLiteConnection.quoteIdentifier
        func list(_ names: [String]) -> String { names.map(quote).joined(separator: ", ") }
        var parts = mapping.columns.map { "  " + $0.sqliteDefinition }
        var notes: [String] = []
        let table = mapping.table
        if let key = table.primaryKey {
            parts.append("  CONSTRAINT \(quote(key.name)) PRIMARY KEY (\(list(key.columns)))")
        }
        for key in table.uniqueConstraints {
            parts.append("  CONSTRAINT \(quote(key.name)) UNIQUE (\(list(key.columns)))")
        }
        for key in table.foreignKeys {
            guard let target = sqliteNames[key.referencedTable] else {
                notes.append("foreign key \(key.name) of \(table.name) left out: it references \(key.referencedTable), which is not converted")
                continue
            }
            var clause = "  CONSTRAINT \(quote(key.name)) FOREIGN KEY (\(list(key.columns))) REFERENCES \(quote(target)) (\(list(key.referencedColumns)))"
            if key.onDelete != .noAction { clause += " ON DELETE \(key.onDelete.rawValue)" }
            if key.onUpdate != .noAction { clause += " ON UPDATE \(key.onUpdate.rawValue)" }
            if key.isDeferrable {
                clause += key.isInitiallyDeferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE INITIALLY IMMEDIATE"
            }
            parts.append(clause)
        }
        return ("CREATE TABLE \(quote(mapping.sqliteName)) (\n\(parts.joined(separator: ",\n"))\n)", notes)
    }
}
