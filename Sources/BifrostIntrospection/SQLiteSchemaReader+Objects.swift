import BifrostSchema

extension SQLiteSchemaReader {
    /// Triggers, put on their tables by name. SQLite triggers are row triggers whose body is
    /// part of their text: `function` stays nil. A trigger on a view has no place in the
    /// model and is named in a note.
    func attachTriggers(to tables: inout [Table], catalog: SQLiteCatalog, notes: inout [String]) {
        let positions = Dictionary(uniqueKeysWithValues: tables.enumerated().map { ($1.name.name, $0) })
        for entry in catalog.entries where entry.type == "trigger" {
            guard let sql = entry.sql else { continue }
            let relation = catalog.relation(named: entry.table)
            guard let relation, let position = positions[relation.name] else {
                let target = relation.map { "\($0.type) \(Self.qualified($0.name))" } ?? Self.qualified(entry.table).description
                notes.append("trigger \(Self.qualified(entry.name)) on \(target) is not read: the model has triggers on tables only")
                continue
            }
            let written = SQLiteCreateTrigger(parsing: sql)
            if written.event == nil {
                notes.append("the CREATE TRIGGER statement of \(Self.qualified(entry.name)) could not be read completely: its event is missing")
            }
            let columns = tables[position].columns.map(\.name)
            tables[position].triggers.append(Trigger(
                name: entry.name,
                timing: written.timing,
                events: written.event.map { [$0] } ?? [],
                updateColumns: written.updateColumns.map { column in
                    columns.first { $0.asciiCaseFolded == column.asciiCaseFolded } ?? column
                },
                level: .row,
                condition: written.condition.map { SQLExpression(sql: $0) },
                definition: sql))
        }
    }

    /// Views with the query after `AS` and the column names SQLite gives them.
    func readViews(_ catalog: SQLiteCatalog, notes: inout [String]) -> [View] {
        catalog.entries.filter { $0.type == "view" }.map { entry in
            let sql = entry.sql ?? ""
            if let message = catalog.brokenViews[entry.name] {
                notes.append("view \(Self.qualified(entry.name)) does not compile (\(message)): its columns are not read")
            }
            return View(name: Self.qualified(entry.name), definition: SQLiteDDLParser.viewQuery(sql) ?? sql,
                        columns: catalog.viewColumns[entry.name] ?? [])
        }
    }
}
