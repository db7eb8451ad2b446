import BifrostSQLite
import BifrostSchema

/// Reads a SQLite database into the model, with a fixed number of queries whatever the
/// number of tables.
///
/// The pragmas give columns, keys, indexes and foreign keys. What SQLite keeps only in the
/// CREATE statements of `sqlite_schema` (constraint names, CHECK expressions, collations,
/// generated column expressions, deferrable foreign keys, index expressions and predicates,
/// trigger clauses) is read from that text with a tokenizer that knows SQLite's quoting.
/// Every object is in the `main` namespace; column types are the declared type names,
/// which is all SQLite records. What the model has no field for goes to `Schema.notes`.
///
/// Needs SQLite 3.37 or newer (`pragma_table_list`).
public struct SQLiteSchemaReader {
    let connection: SQLiteConnection

    public init(connection: SQLiteConnection) {
        self.connection = connection
    }

    /// What SQLite never records, said once in every model read from SQLite.
    static let unrecordedNote = "SQLite keeps no comments, functions, user-defined types, extensions, exclusion constraints or sequences other than AUTOINCREMENT counters; column types are the declared type names"

    /// Reads the `main` database of the connection.
    public func read() throws -> Schema {
        let catalog = try SQLiteCatalog(connection: connection)
        var notes = [Self.unrecordedNote]
        var tables: [Table] = []
        var sequences: [Sequence] = []
        for name in catalog.tableNames {
            let definition = SQLiteCreateTable(parsing: catalog.sql(of: name) ?? "")
            var table = readTable(name, definition: definition, catalog: catalog, notes: &notes)
            table.indexes = readIndexes(of: table, catalog: catalog, notes: &notes)
            if definition.isAutoincrement, let key = table.primaryKey, key.columns.count == 1 {
                sequences.append(Sequence(name: table.name, dataType: "bigint", lastValue: catalog.sequenceValues[name],
                                          ownedBy: ColumnReference(table: table.name, column: key.columns[0])))
            }
            tables.append(table)
        }
        attachTriggers(to: &tables, catalog: catalog, notes: &notes)
        notes += virtualTableNotes(catalog)
        if !catalog.metadataTableNames.isEmpty {
            notes.append("\(catalog.metadataTableNames.joined(separator: ", ")): Bifrost's conversion metadata, not listed as tables")
        }
        return Schema(
            source: SchemaSource(dialect: .sqlite, version: SQLiteConnection.libraryVersion),
            namespaces: ["main"],
            tables: tables,
            views: readViews(catalog, notes: &notes),
            sequences: sequences,
            notes: notes)
    }

    /// Virtual tables need their module to be described and the model has no place for
    /// them: they are named, with their module, and left out with their shadow tables.
    private func virtualTableNotes(_ catalog: SQLiteCatalog) -> [String] {
        catalog.relations.filter { $0.type == "virtual" }.map { relation in
            let module = SQLiteDDLParser.virtualTableModule(catalog.sql(of: relation.name) ?? "").map { " (USING \($0))" } ?? ""
            return "virtual table \(Self.qualified(relation.name))\(module) is not read: the model has no virtual tables; its shadow tables are left out too"
        }
    }

    /// `main.<name>`.
    static func qualified(_ name: String) -> QualifiedName {
        QualifiedName(schema: "main", name: name)
    }
}
