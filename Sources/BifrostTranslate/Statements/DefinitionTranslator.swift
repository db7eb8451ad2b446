import BifrostMapping
import BifrostSchema

/// CREATE INDEX, CREATE VIEW and CREATE TRIGGER as single statements over the schema given
/// with `--schema`. CREATE TABLE and the objects it depends on (types, domains, functions)
/// are translated as a whole script (`Translator.translateSchema`), since SQLite cannot add
/// constraints or defaults to a table afterwards.
struct DefinitionTranslator {
    let context: TranslationContext

    func translate(_ node: ParseNode) throws -> [(SQLiteCommand, [ScopeColumn])] {
        switch node.tag {
        case "ViewStmt":
            return [try view(node)]
        case "IndexStmt":
            let (table, mapping) = try tableAndMapping(node)
            var reader = try readerState(with: table)
            try reader.index(node)
            guard let index = reader.schema.tables[0].indexes.last else { return [] }
            return [(.createIndex(try TableParts(translator: schemaTranslator, mapping: mapping).index(index, context: context)), [])]
        case "CreateTrigStmt":
            let (table, mapping) = try tableAndMapping(node)
            var reader = try readerState(with: table)
            try reader.read(node, start: 0, end: 0)
            guard let trigger = reader.schema.tables[0].triggers.last else { return [] }
            return try TriggerTranslator(context: context, table: table, sqliteName: mapping.sqliteName)
                .translate(trigger).map { (.createTrigger($0), []) }
        default:
            throw context.refusal("schema-script", "\(node.tag.replacingOccurrences(of: "Stmt", with: "")) is translated as part of a schema script (bifrost translate schema.sql), not statement by statement", at: node.location)
        }
    }

    private var schemaTranslator: SchemaTranslator {
        SchemaTranslator(schema: context.catalog.schema ?? Schema(), options: context.options)
    }

    private func view(_ node: ParseNode) throws -> (SQLiteCommand, [ScopeColumn]) {
        let relation = node.embedded("view", as: "RangeVar")!
        if let option = node.string("withCheckOption"), option != "NO_CHECK_OPTION" {
            throw context.refusal("unsupported-syntax", "WITH CHECK OPTION (SQLite views are read-only)", at: node.location)
        }
        let (select, columns) = try SelectTranslator(context: context, parent: nil).translate(node.node("query")!)
        let names = node.names("aliases")
        return (.createView(name: relation.string("relname") ?? "", columns: names.isEmpty ? columns.map(\.name) : names,
                            select: select), [])
    }

    private func tableAndMapping(_ node: ParseNode) throws -> (Table, TableMapping) {
        let relation = node.embedded("relation", as: "RangeVar")!
        let names = [relation.string("schemaname"), relation.string("relname")].compactMap { $0 }
        guard let table = context.catalog.table(names) else {
            throw context.refusal("unknown-table", "relation \(names.joined(separator: ".")) is not in the schema (pass --schema)", at: relation.location)
        }
        do {
            return (table, try MappingPlanner().plan(table, sqliteName: context.catalog.sqliteName(of: table)))
        } catch {
            throw context.refusal("unsupported-syntax", "table \(table.name.name) cannot be mapped: \(error)", at: relation.location)
        }
    }

    /// A reader holding just `table`, to read the statement's index or trigger into the model.
    private func readerState(with table: Table) throws -> SQLSchemaReaderState {
        var reader = try SQLSchemaReaderState(script: ScriptText(context.source.text))
        var copy = table
        copy.indexes = []
        copy.triggers = []
        reader.schema.tables = [copy]
        reader.schema.types = context.catalog.schema?.types ?? []
        return reader
    }
}
