import BifrostMapping
import BifrostPGQuery
import BifrostSchema

extension Translator {
    /// Statements that define a schema rather than query it: a script holding one is translated
    /// as a whole with `translateSchema`.
    static let schemaStatements: Set<String> = ["CreateStmt", "CreateEnumStmt", "CreateDomainStmt", "AlterTableStmt",
                                                "CreateFunctionStmt", "CommentStmt", "CreateSeqStmt"]

    /// Whether `sql` is a schema script (CREATE TABLE, CREATE TYPE, CREATE DOMAIN …).
    public static func isSchemaScript(_ sql: String) throws -> Bool {
        let tree = try JSONValue.parse(try PGQuery.parseToJSON(sql))
        guard case let .array(items)? = tree["stmts"] else { return false }
        return items.contains { item in
            item["stmt"].flatMap(ParseNode.init).map { schemaStatements.contains($0.tag) } ?? false
        }
    }

    /// A DDL script (as pg_dump writes it) as SQLite DDL: the tables as Bifrost's mapping stores
    /// them, with translated defaults and CHECKs, then indexes, triggers and views; what cannot
    /// be translated is listed in the notes.
    public func translateSchema(_ sql: String, rules: MappingRules = .defaultRules) throws -> SchemaTranslation {
        let schema = try SQLSchemaReader().read(sql)
        let planner = MappingPlanner(rules: rules)
        let mappings = try schema.tables.filter { $0.partitionOf == nil }.map { try planner.plan($0, sqliteName: $0.name.name) }
        var translation = SchemaTranslator(schema: schema, options: options).translate(mappings)
        translation.notes = schema.notes + translation.notes
        return translation
    }
}
