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
    /// `additions` are the defaults and CHECKs translated from PostgreSQL's expressions.
    public func createTable(_ mapping: TableMapping, additions: TableAdditions = TableAdditions()) -> (sql: String, notes: [String]) {
        let quote = SQLiteConnection.quoteIdentifier
        func list(_ names: [String]) -> String { names.map(quote).joined(separator: ", ") }
        var parts = mapping.columns.map { column in
            "  " + column.sqliteDefinition + (additions.defaults[column.column.name].map { " DEFAULT (\($0))" } ?? "")
        }
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
        for check in additions.checks {
            parts.append("  CONSTRAINT \(quote(check.name)) CHECK (\(check.sql))")
        }
        return ("CREATE TABLE \(quote(mapping.sqliteName)) (\n\(parts.joined(separator: ",\n"))\n)", notes)
    }
}

/// Parts of a table's DDL translated from PostgreSQL expressions (by BifrostTranslate), given
/// as SQLite SQL printed from its syntax tree.
public struct TableAdditions: Sendable, Equatable {
    /// Column defaults by column name.
    public var defaults: [String: String]
    public var checks: [NamedCheck]

    public init(defaults: [String: String] = [:], checks: [NamedCheck] = []) {
        self.defaults = defaults
        self.checks = checks
    }

    public struct NamedCheck: Sendable, Equatable {
        public var name: String
        public var sql: String

        public init(name: String, sql: String) {
            self.name = name
            self.sql = sql
        }
    }
}
