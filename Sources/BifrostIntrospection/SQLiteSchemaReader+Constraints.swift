import BifrostSchema

extension SQLiteSchemaReader {
    /// UNIQUE constraints from the indexes SQLite built for them (origin `u`), in the order
    /// written; each takes the name of the first written UNIQUE with the same columns.
    /// SQLite builds one index for repeated identical constraints, and none for one that
    /// repeats the primary key: the model holds what SQLite enforces.
    func readUniqueConstraints(of table: String, definition: SQLiteCreateTable, columns tableColumns: [Column],
                               catalog: SQLiteCatalog, notes: inout [String]) -> [KeyConstraint] {
        var unmatched = Array(definition.uniques.enumerated())
        let indexes = catalog.indexes[table] ?? []
        for index in indexes where index.origin == "u" || index.origin == "pk" {
            notes += collationNotes(index, table: table, columns: tableColumns)
        }
        let keys = indexes.filter { $0.origin == "u" }.map { index in
            let columns = index.keys.compactMap(\.name)
            let folded = columns.map(\.asciiCaseFolded)
            let match = unmatched.firstIndex { $0.element.columns.map(\.asciiCaseFolded) == folded }
                .map { unmatched.remove(at: $0) }
            return (position: match?.offset ?? Int.max,
                    key: KeyConstraint(name: match?.element.name ?? "", columns: columns))
        }
        // pragma_index_list moves ON CONFLICT REPLACE indexes last; keep the written order.
        return keys.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            .map(\.element.key)
    }

    /// A PRIMARY KEY or UNIQUE column compared with another collation than its own
    /// (`UNIQUE (email COLLATE NOCASE)`) changes what counts as a duplicate, and the model's
    /// keys are plain column lists: say so.
    private func collationNotes(_ index: SQLiteCatalog.IndexRow, table: String, columns: [Column]) -> [String] {
        let constraint = index.origin == "pk" ? "PRIMARY KEY" : "UNIQUE"
        let names = index.keys.compactMap(\.name)
        return index.keys.compactMap { key in
            guard let name = key.name, let column = columns.first(where: { $0.name == name }),
                  key.collation.asciiCaseFolded != (column.collation ?? "BINARY").asciiCaseFolded else { return nil }
            return "\(constraint) (\(names.joined(separator: ", "))) of \(Self.qualified(table)) compares \(name) with COLLATE \(key.collation) (the model has no field for it)"
        }
    }

    /// Foreign keys in the order declared. Columns, referenced columns and actions come from
    /// pragma_foreign_key_list; the name and deferral from the CREATE TABLE text. A key that
    /// names no referenced columns references the primary key of its table.
    func readForeignKeys(of table: String, definition: SQLiteCreateTable, catalog: SQLiteCatalog,
                         notes: inout [String]) -> [ForeignKey] {
        var written = definition.foreignKeys
        return (catalog.foreignKeys[table] ?? []).map { pairs in
            let columns = pairs.map(\.from)
            let target = catalog.relation(named: pairs[0].table)
            let targetName = target?.name ?? pairs[0].table
            let targetColumns = (catalog.columns[targetName] ?? []).map(\.name)
            let referenced = pairs.allSatisfy { $0.to != nil }
                ? pairs.compactMap(\.to).map { column in
                    targetColumns.first { $0.asciiCaseFolded == column.asciiCaseFolded } ?? column
                }
                : catalog.primaryKeyColumns(of: targetName)
            if target?.type != "table" {
                notes.append("foreign key (\(columns.joined(separator: ", "))) of \(Self.qualified(table)) references \(Self.qualified(targetName)), which is not a table in the database")
            } else if referenced.count != columns.count {
                notes.append("foreign key (\(columns.joined(separator: ", "))) of \(Self.qualified(table)) references the primary key of \(Self.qualified(targetName)), which does not have \(columns.count) column(s): SQLite reports a foreign key mismatch when it checks the key")
            }
            let folded = columns.map(\.asciiCaseFolded)
            let match = written.firstIndex {
                $0.columns.map(\.asciiCaseFolded) == folded && $0.table.asciiCaseFolded == pairs[0].table.asciiCaseFolded
            }
            let clause = match.map { written.remove(at: $0) }
            return ForeignKey(
                name: clause?.name ?? "", columns: columns,
                referencedTable: Self.qualified(targetName), referencedColumns: referenced,
                onUpdate: ForeignKey.Action(rawValue: pairs[0].onUpdate) ?? .noAction,
                onDelete: ForeignKey.Action(rawValue: pairs[0].onDelete) ?? .noAction,
                match: ForeignKey.Match(rawValue: pairs[0].match) ?? .simple,
                isDeferrable: clause?.isDeferrable ?? false,
                isInitiallyDeferred: clause?.isInitiallyDeferred ?? false)
        }
    }
}
