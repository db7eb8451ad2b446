/// A database schema in dialect-neutral form: what the introspection of PostgreSQL and of
/// SQLite produces, and what mapping, transfer, translation and diff consume.
///
/// The model is plain values (`Sendable`, `Equatable`, `Codable`). Its JSON form (see
/// `SchemaSnapshot`) is stable and documented, so a schema can be committed as a snapshot
/// and reloaded into an equal model.
public struct Schema: Sendable, Equatable, Codable {
    /// Where the model was read from.
    public var source: SchemaSource
    /// The namespaces (PostgreSQL schemas) that were read; `main` for SQLite.
    public var namespaces: [String]
    public var extensions: [Extension]
    /// Enums, domains and composite types defined in the namespaces read.
    public var types: [UserType]
    public var tables: [Table]
    public var views: [View]
    public var sequences: [Sequence]
    public var functions: [Function]
    /// Features of the source that the model records but the other dialect cannot express
    /// (e.g. exclusion constraints for SQLite), or that a SQLite file does not state.
    public var notes: [String]

    public init(source: SchemaSource = SchemaSource(dialect: .postgresql), namespaces: [String] = [],
                extensions: [Extension] = [], types: [UserType] = [], tables: [Table] = [],
                views: [View] = [], sequences: [Sequence] = [], functions: [Function] = [],
                notes: [String] = []) {
        self.source = source
        self.namespaces = namespaces
        self.extensions = extensions
        self.types = types
        self.tables = tables
        self.views = views
        self.sequences = sequences
        self.functions = functions
        self.notes = notes
    }

    public func table(_ name: QualifiedName) -> Table? {
        tables.first { $0.name == name }
    }
}

/// The database a model was read from.
public struct SchemaSource: Sendable, Equatable, Codable {
    public enum Dialect: String, Sendable, Codable {
        case postgresql
        case sqlite
    }

    public var dialect: Dialect
    /// The server or library version, e.g. `15.18` or `3.40.1`.
    public var version: String?

    public init(dialect: Dialect, version: String? = nil) {
        self.dialect = dialect
        self.version = version
    }
}

/// A schema-qualified object name, e.g. `public.users`.
public struct QualifiedName: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var schema: String
    public var name: String

    public init(schema: String, name: String) {
        self.schema = schema
        self.name = name
    }

    /// `schema.name` as a person reads it (not quoted; use the dialects' quoting for SQL).
    public var description: String { "\(schema).\(name)" }

    public static func < (lhs: QualifiedName, rhs: QualifiedName) -> Bool {
        (lhs.schema, lhs.name) < (rhs.schema, rhs.name)
    }
}

/// An installed extension.
public struct Extension: Sendable, Equatable, Codable {
    public var name: String
    public var version: String
    public var schema: String

    public init(name: String, version: String, schema: String) {
        self.name = name
        self.version = version
        self.schema = schema
    }
}

/// A SQL expression as the database prints it, with PostgreSQL's parse tree when the
/// source is PostgreSQL (libpg_query's JSON for `SELECT <expression>`'s target).
public struct SQLExpression: Sendable, Equatable, Codable, CustomStringConvertible {
    public var sql: String
    public var tree: JSONValue?

    public init(sql: String, tree: JSONValue? = nil) {
        self.sql = sql
        self.tree = tree
    }

    public var description: String { sql }
}
