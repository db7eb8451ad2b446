import BifrostMapping
import BifrostPGQuery
import BifrostSchema

/// The SQLite DDL of a PostgreSQL schema: tables as Bifrost's mapping stores them, with the
/// defaults and CHECKs translated, then the indexes, triggers and views — and, for each part that
/// could not be translated exactly, a note saying what and why.
public struct SchemaTranslation: Sendable {
    public struct TableDefinition: Sendable {
        public var source: QualifiedName
        public var sqliteName: String
        /// The translated defaults and CHECKs the CREATE TABLE carries.
        public var additions: TableAdditions
        /// The CREATE TABLE statement (with `additions`).
        public var sql: String
    }

    /// A statement to run once the data is loaded: CREATE INDEX, CREATE TRIGGER, CREATE VIEW.
    public struct Statement: Sendable {
        public enum Kind: String, Sendable { case index, trigger, view }
        public var kind: Kind
        /// The PostgreSQL object it comes from, e.g. `public.users users_email_lower_idx`.
        public var object: String
        public var sql: String
    }

    public var tables: [TableDefinition]
    /// Indexes, then triggers, then views, each in schema order.
    public var afterData: [Statement]
    /// What was not translated, with the reason.
    public var notes: [String]

    /// The whole DDL as one SQLite script.
    public var script: String {
        (tables.map(\.sql) + afterData.map(\.sql)).map { $0 + ";\n" }.joined(separator: "\n")
    }
}

/// Translates the schema model into SQLite DDL (see `SchemaTranslation`).
public struct SchemaTranslator: Sendable {
    public let schema: Schema
    public let options: TranslationOptions
    private let catalog: SchemaCatalog

    public init(schema: Schema, options: TranslationOptions = TranslationOptions()) {
        self.schema = schema
        self.options = options
        self.catalog = SchemaCatalog(schema: schema)
    }

    /// The DDL for `mappings` (the tables as the mapping stores them).
    public func translate(_ mappings: [TableMapping]) -> SchemaTranslation {
        let writer = SQLiteSchemaWriter(sqliteNames: Dictionary(
            mappings.map { ($0.table.name, $0.sqliteName) }, uniquingKeysWith: { first, _ in first }))
        var notes: [String] = []
        var tables: [SchemaTranslation.TableDefinition] = []
        var indexes: [SchemaTranslation.Statement] = []
        var triggers: [SchemaTranslation.Statement] = []
        let printer = SQLitePrinter()
        for mapping in mappings {
            let table = TableParts(translator: self, mapping: mapping)
            let additions = table.additions(notes: &notes)
            let (sql, tableNotes) = writer.createTable(mapping, additions: additions)
            notes += tableNotes
            tables.append(.init(source: mapping.table.name, sqliteName: mapping.sqliteName, additions: additions, sql: sql))
            indexes += table.indexes(notes: &notes).map {
                .init(kind: .index, object: "\(mapping.table.name) \($0.name)", sql: printer.print(.createIndex($0)))
            }
            triggers += table.triggers(notes: &notes).map {
                .init(kind: .trigger, object: "\(mapping.table.name) \($0.name)", sql: printer.print(.createTrigger($0)))
            }
        }
        let views = schema.views.compactMap { view -> SchemaTranslation.Statement? in
            do {
                return .init(kind: .view, object: view.name.description, sql: printer.print(try self.view(view)))
            } catch {
                notes.append("view \(view.name) not carried over: \(Self.reason(error))")
                return nil
            }
        }
        return SchemaTranslation(tables: tables, afterData: indexes + triggers + views, notes: notes)
    }

    /// CREATE VIEW: the view's query through the SELECT translator.
    func view(_ view: View) throws -> SQLiteCommand {
        guard !view.isMaterialized else {
            throw TranslationRefusal(TranslationDiagnostic(code: "unsupported-syntax", message: "materialized views have no SQLite counterpart", line: 0, column: 0))
        }
        let context = makeContext(view.definition)
        let tree = try JSONValue.parse(try PGQuery.parseToJSON(view.definition))
        guard case let .array(statements)? = tree["stmts"], let statement = statements.first?["stmt"],
              let node = ParseNode(statement) else {
            throw context.refusal("syntax", "the view's query could not be read", at: nil)
        }
        let (select, _) = try SelectTranslator(context: context, parent: nil).translate(node)
        return .createView(name: view.name.name, columns: view.columns, select: select)
    }

    func makeContext(_ source: String) -> TranslationContext {
        TranslationContext(source: SourceText(source), catalog: catalog, options: options)
    }

    static func reason(_ error: Error) -> String {
        if let refusal = error as? TranslationRefusal {
            return "\(refusal.diagnostic.message) [\(refusal.diagnostic.code)]"
        }
        return "\(error)"
    }
}
