import BifrostSchema

extension SQLiteSchemaReader {
    /// One table: its columns, primary key, unique constraints, foreign keys and checks, and
    /// notes on what the model has no field for (WITHOUT ROWID, STRICT, VIRTUAL generated
    /// columns, ON CONFLICT clauses).
    func readTable(_ name: String, definition: SQLiteCreateTable, catalog: SQLiteCatalog,
                   notes: inout [String]) -> Table {
        let qualified = Self.qualified(name)
        let relation = catalog.relation(named: name)
        let rows = (catalog.columns[name] ?? []).filter { $0.hidden != 1 }
        let isWithoutRowid = relation?.isWithoutRowid ?? false
        // A rowid table's primary key is an alias of the rowid (INTEGER PRIMARY KEY) exactly
        // when SQLite built no index for it.
        let hasKeyIndex = catalog.indexes[name]?.contains { $0.origin == "pk" } ?? false
        let isRowidAlias = !isWithoutRowid && !hasKeyIndex && rows.filter { $0.primaryKeyPosition > 0 }.count == 1

        var definitions: [String: SQLiteCreateTable.ColumnDefinition] = [:]
        for column in definition.columns {
            definitions[column.name.asciiCaseFolded] = definitions[column.name.asciiCaseFolded] ?? column
        }
        var isComplete = definition.columns.count == rows.count
        let columns = rows.map { row in
            let written = definitions[row.name.asciiCaseFolded]
            let isGenerated = row.hidden >= 2
            if written == nil || (isGenerated && written?.generated == nil) { isComplete = false }
            if row.hidden == 2 {
                notes.append("column \(qualified).\(row.name) is a VIRTUAL generated column: SQLite computes it when read and does not store it (the model records generated columns without saying which)")
            }
            // NULL in an INTEGER PRIMARY KEY takes the next rowid; WITHOUT ROWID keys refuse it.
            let keyRefusesNull = row.primaryKeyPosition > 0 && (isRowidAlias || isWithoutRowid)
            return Column(
                name: row.name,
                type: ColumnType(declaration: row.declaredType, typmod: -1,
                                 type: TypeReference(oid: 0, schema: "sqlite", name: row.declaredType.lowercased(), kind: .base)),
                isNullable: !row.isNotNull && !keyRefusesNull,
                defaultExpression: isGenerated ? nil : row.defaultValue.map { SQLExpression(sql: $0) },
                generated: isGenerated ? written?.generated.map { SQLExpression(sql: $0) } : nil,
                collation: written?.collation.flatMap { $0.asciiCaseFolded == "binary" ? nil : $0 })
        }
        let keyColumns = catalog.primaryKeyColumns(of: name)
        let table = Table(
            name: qualified,
            columns: columns,
            primaryKey: keyColumns.isEmpty ? nil : KeyConstraint(name: definition.primaryKey?.name ?? "", columns: keyColumns),
            uniqueConstraints: readUniqueConstraints(of: name, definition: definition, columns: columns,
                                                     catalog: catalog, notes: &notes),
            foreignKeys: readForeignKeys(of: name, definition: definition, catalog: catalog, notes: &notes),
            checks: definition.checks.map { CheckConstraint(name: $0.name, expression: SQLExpression(sql: $0.expression)) })
        if !isComplete {
            notes.append("the CREATE TABLE statement of \(qualified) could not be read completely: constraint names, CHECK constraints, collations or generated column expressions may be missing")
        }
        if isWithoutRowid {
            notes.append("\(qualified) is a WITHOUT ROWID table (the model has no field for it)")
        }
        if relation?.isStrict == true {
            notes.append("\(qualified) is a STRICT table: SQLite refuses values that do not fit the declared column types (the model has no field for it)")
        }
        for clause in definition.conflictClauses {
            notes.append("\(clause.constraint) of \(qualified) has ON CONFLICT \(clause.resolution) (the model has no field for it)")
        }
        return table
    }
}
