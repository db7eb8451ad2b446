/// A database schema in dialect-neutral form: what the introspection of PostgreSQL (and,
/// later, SQLite) produces and what mapping, transfer and diff consume.
///
/// The model is plain values (`Sendable`, `Equatable`, `Codable`) so that a schema can be
/// saved as a JSON snapshot and reloaded.
public struct Schema: Sendable, Equatable, Codable {
    public var tables: [Table]

    public init(tables: [Table]) {
        self.tables = tables
    }

    public func table(_ name: QualifiedName) -> Table? {
        tables.first { $0.name == name }
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

/// A table with its columns and key constraints.
public struct Table: Sendable, Equatable, Codable {
    public var name: QualifiedName
    public var columns: [Column]
    public var primaryKey: KeyConstraint?
    public var uniqueConstraints: [KeyConstraint]
    public var foreignKeys: [ForeignKey]
    /// The planner's row estimate (`pg_class.reltuples`), -1 when never analyzed.
    public var estimatedRows: Double

    public init(name: QualifiedName, columns: [Column], primaryKey: KeyConstraint? = nil,
                uniqueConstraints: [KeyConstraint] = [], foreignKeys: [ForeignKey] = [],
                estimatedRows: Double = -1) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.uniqueConstraints = uniqueConstraints
        self.foreignKeys = foreignKeys
        self.estimatedRows = estimatedRows
    }

    public func column(_ name: String) -> Column? {
        columns.first { $0.name == name }
    }
}

/// A column and its full type.
public struct Column: Sendable, Equatable, Codable {
    public var name: String
    public var type: ColumnType
    public var isNullable: Bool
    /// The default as PostgreSQL prints it (`pg_get_expr`), e.g. `gen_random_uuid()`.
    public var defaultExpression: String?
    public var identity: Identity?

    /// How an identity column generates values.
    public enum Identity: String, Sendable, Codable {
        case always
        case byDefault
    }

    public init(name: String, type: ColumnType, isNullable: Bool,
                defaultExpression: String? = nil, identity: Identity? = nil) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
        self.defaultExpression = defaultExpression
        self.identity = identity
    }
}

/// A primary key or unique constraint.
public struct KeyConstraint: Sendable, Equatable, Codable {
    public var name: String
    public var columns: [String]

    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

/// A foreign key with its referential actions.
public struct ForeignKey: Sendable, Equatable, Codable {
    /// What happens to referencing rows when the referenced row changes.
    public enum Action: String, Sendable, Codable {
        case noAction = "NO ACTION"
        case restrict = "RESTRICT"
        case cascade = "CASCADE"
        case setNull = "SET NULL"
        case setDefault = "SET DEFAULT"
    }

    public var name: String
    public var columns: [String]
    public var referencedTable: QualifiedName
    public var referencedColumns: [String]
    public var onUpdate: Action
    public var onDelete: Action
    public var isDeferrable: Bool
    public var isInitiallyDeferred: Bool

    public init(name: String, columns: [String], referencedTable: QualifiedName,
                referencedColumns: [String], onUpdate: Action = .noAction,
                onDelete: Action = .noAction, isDeferrable: Bool = false,
                isInitiallyDeferred: Bool = false) {
        self.name = name
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onUpdate = onUpdate
        self.onDelete = onDelete
        self.isDeferrable = isDeferrable
        self.isInitiallyDeferred = isInitiallyDeferred
    }
}
