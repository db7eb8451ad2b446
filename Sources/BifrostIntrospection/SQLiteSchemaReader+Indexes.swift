import BifrostSchema

extension SQLiteSchemaReader {
    /// The indexes made by CREATE INDEX (not those behind PRIMARY KEY and UNIQUE), by name:
    /// keys from pragma_index_xinfo, expressions and the partial-index predicate from the
    /// CREATE INDEX text.
    ///
    /// SQLite cannot choose where NULLs go in an index: first when ascending, last when
    /// descending; `nullsFirst` says so.
    func readIndexes(of table: Table, catalog: SQLiteCatalog, notes: inout [String]) -> [Index] {
        let rows = (catalog.indexes[table.name.name] ?? []).filter { $0.origin == "c" }
        return rows.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }.map { row in
            let sql = catalog.sql(of: row.name) ?? ""
            let written = SQLiteCreateIndex(parsing: sql)
            if written.elements.count != row.keys.count || (row.isPartial && written.predicate == nil) {
                notes.append("the CREATE INDEX statement of \(Self.qualified(row.name)) could not be read completely: index expressions or the predicate may be missing")
            }
            let elements = row.keys.enumerated().map { position, key in
                let isColumn = key.cid >= 0 && key.name != nil
                let expression = position < written.elements.count ? written.elements[position] : ""
                return Index.Element(
                    column: isColumn ? key.name : nil,
                    expression: isColumn ? nil : SQLExpression(sql: expression),
                    isDescending: key.isDescending,
                    nullsFirst: !key.isDescending,
                    collation: key.collation.asciiCaseFolded == "binary" ? nil : key.collation)
            }
            return Index(
                name: row.name, method: "btree", isUnique: row.isUnique, elements: elements,
                predicate: row.isPartial ? written.predicate.map { SQLExpression(sql: $0) } : nil,
                definition: sql)
        }
    }
}
