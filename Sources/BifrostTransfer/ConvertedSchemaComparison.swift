import BifrostMapping
import BifrostSchema
import BifrostTranslate

/// One way a converted SQLite schema differs from its PostgreSQL source.
public struct SchemaDifference: Sendable, Equatable, CustomStringConvertible {
    /// What differs, e.g. `public.users.id`.
    public var object: String
    public var message: String
    /// Why the difference is expected (the mapping rule or the part not converted yet);
    /// `nil` for a difference nothing explains, which is a defect.
    public var explanation: String?

    public var description: String {
        "\(object): \(message)" + (explanation.map { " — \($0)" } ?? " — UNEXPLAINED")
    }
}

/// Compares the model of a SQLite file Bifrost wrote with the PostgreSQL model it came from,
/// and says for every difference whether the mapping (or a documented gap) explains it.
public struct ConvertedSchemaComparison {
    public let postgres: Schema
    public let sqlite: Schema
    public let mappings: [TableMapping]

    public init(postgres: Schema, sqlite: Schema, mappings: [TableMapping]) {
        self.postgres = postgres
        self.sqlite = sqlite
        self.mappings = mappings
    }

    public func differences() -> [SchemaDifference] {
        let translation = SchemaTranslator(schema: postgres).translate(mappings)
        var found: [SchemaDifference] = []
        let converted = Set(mappings.map(\.sqliteName))
        // Bifrost's own metadata tables are not user tables (readers leave them out already).
        for table in sqlite.tables where !converted.contains(table.name.name) && !MetadataTables.isMetadata(table.name.name) {
            found.append(SchemaDifference(object: table.name.description, message: "table has no PostgreSQL source"))
        }
        for mapping in mappings {
            guard let target = sqlite.tables.first(where: { $0.name.name == mapping.sqliteName }) else {
                found.append(SchemaDifference(object: mapping.table.name.description, message: "table is missing from the SQLite file"))
                continue
            }
            found += compare(mapping, target, translation: translation)
        }
        for view in postgres.views where !sqlite.views.contains(where: { $0.name.name == view.name.name }) {
            found.append(SchemaDifference(object: view.name.description, message: "view is missing",
                                          explanation: note(in: translation, "view \(view.name)")))
        }
        return found
    }

    private func note(in translation: SchemaTranslation, _ object: String) -> String? {
        translation.notes.first { $0.hasPrefix(object + " ") || $0.hasPrefix(object + ":") }
    }

    private func compare(_ mapping: TableMapping, _ target: Table, translation: SchemaTranslation) -> [SchemaDifference] {
        let source = mapping.table
        let name = source.name.description
        var found: [SchemaDifference] = []
        func note(_ object: String, _ message: String, _ explanation: String? = nil) {
            found.append(SchemaDifference(object: object, message: message, explanation: explanation))
        }
        if source.columns.map(\.name) != target.columns.map(\.name) {
            note(name, "columns \(target.columns.map(\.name)) instead of \(source.columns.map(\.name))")
            return found
        }
        for (columnMapping, stored) in zip(mapping.columns, target.columns) {
            let column = columnMapping.column
            let object = "\(name).\(column.name)"
            let rule = "\(columnMapping.rule.match) -> \(columnMapping.codec.name) (\(columnMapping.rule.origin))"
            if stored.type.declaration != columnMapping.codec.declaredType {
                note(object, "declared \(stored.type.declaration.isEmpty ? "without a type" : stored.type.declaration), expected \(columnMapping.codec.declaredType)")
            } else if column.type.declaration.uppercased() != stored.type.declaration {
                note(object, "\(column.type.declaration) stored as \(stored.type.declaration.isEmpty ? "untyped (BLOB affinity)" : stored.type.declaration)", "mapping rule \(rule)")
            }
            if stored.isNullable != column.isNullable {
                note(object, stored.isNullable ? "nullable, NOT NULL in PostgreSQL" : "NOT NULL, nullable in PostgreSQL")
            }
            if column.defaultExpression != nil, stored.defaultExpression == nil {
                let rowid = column.identity != nil || column.defaultExpression?.sql.hasPrefix("nextval(") == true
                note(object, "default \(column.defaultExpression!) is missing",
                     rowid ? "SQLite assigns the INTEGER PRIMARY KEY itself" : self.note(in: translation, "default of \(name).\(column.name)"))
            }
            if column.generated != nil {
                note(object, "generated column stored as plain values", "SQLite does not recompute them")
            }
            if column.identity != nil {
                note(object, "identity column stored as plain INTEGER; the sequence position is not kept", "sequences are not converted yet")
            }
        }
        if source.primaryKey?.columns != target.primaryKey?.columns || source.primaryKey?.name != target.primaryKey?.name {
            note(name, "primary key \(describe(target.primaryKey)) instead of \(describe(source.primaryKey))")
        }
        let sourceUnique = source.uniqueConstraints.map { describe($0) }.sorted()
        let targetUnique = target.uniqueConstraints.map { describe($0) }.sorted()
        if sourceUnique != targetUnique {
            note(name, "unique constraints \(targetUnique) instead of \(sourceUnique)")
        }
        for key in source.foreignKeys {
            guard let stored = target.foreignKeys.first(where: { $0.name == key.name }) else {
                let converted = mappings.contains { $0.table.name == key.referencedTable }
                note("\(name) \(key.name)", "foreign key is missing",
                     converted ? nil : "it references \(key.referencedTable), which was not converted")
                continue
            }
            if stored.columns != key.columns || stored.referencedColumns != key.referencedColumns
                || stored.referencedTable.name != key.referencedTable.name || stored.onDelete != key.onDelete
                || stored.onUpdate != key.onUpdate || stored.isDeferrable != key.isDeferrable
                || stored.isInitiallyDeferred != key.isInitiallyDeferred {
                note("\(name) \(key.name)", "foreign key differs: \(stored) instead of \(key)")
            }
            if stored.match != key.match {
                note("\(name) \(key.name)", "MATCH \(key.match.rawValue) is not kept", "SQLite parses MATCH but does not enforce it")
            }
        }
        let codecChecks = Set(mapping.columns.compactMap(\.sqliteCheckExpression))
        let translatedChecks = translation.tables.first { $0.source == source.name }?.additions.checks ?? []
        for check in target.checks where !codecChecks.contains(check.expression.sql)
            && !translatedChecks.contains(where: { $0.name == check.name || $0.sql == check.expression.sql }) {
            note(name, "CHECK (\(check.expression)) has no PostgreSQL source")
        }
        for check in source.checks where !target.checks.contains(where: { $0.name == check.name }) {
            note("\(name) \(check.name)", "CHECK is missing", self.note(in: translation, "CHECK \(check.name) of \(name)"))
        }
        for index in source.indexes where index.constraint == nil && !target.indexes.contains(where: { $0.name == index.name }) {
            note("\(name) \(index.name)", "index is missing", self.note(in: translation, "index \(index.name) of \(name)"))
        }
        for trigger in source.triggers where !target.triggers.contains(where: { $0.name.hasPrefix(trigger.name) }) {
            note("\(name) \(trigger.name)", "trigger is missing", self.note(in: translation, "trigger \(trigger.name) of \(name)"))
        }
        return found
    }

    private func describe(_ key: KeyConstraint?) -> String {
        guard let key else { return "none" }
        return "\(key.name) (\(key.columns.joined(separator: ", ")))"
    }
}
