/// A view or materialized view.
public struct View: Sendable, Equatable, Codable {
    public var name: QualifiedName
    public var isMaterialized: Bool
    /// The query, as `pg_get_viewdef` (or SQLite's CREATE VIEW) gives it.
    public var definition: String
    public var columns: [String]
    public var comment: String?

    public init(name: QualifiedName, isMaterialized: Bool = false, definition: String, columns: [String] = [],
                comment: String? = nil) {
        self.name = name
        self.isMaterialized = isMaterialized
        self.definition = definition
        self.columns = columns
        self.comment = comment
    }
}

/// A sequence and its current position.
public struct Sequence: Sendable, Equatable, Codable {
    public var name: QualifiedName
    /// `smallint`, `integer` or `bigint`.
    public var dataType: String
    public var start: Int64
    public var increment: Int64
    public var minValue: Int64
    public var maxValue: Int64
    public var cache: Int64
    public var cycles: Bool
    /// The last value handed out, `nil` before the first `nextval`.
    public var lastValue: Int64?
    /// The column that owns the sequence (serial and identity columns).
    public var ownedBy: ColumnReference?
    public var comment: String?

    public init(name: QualifiedName, dataType: String = "bigint", start: Int64 = 1, increment: Int64 = 1,
                minValue: Int64 = 1, maxValue: Int64 = Int64.max, cache: Int64 = 1, cycles: Bool = false,
                lastValue: Int64? = nil, ownedBy: ColumnReference? = nil, comment: String? = nil) {
        self.name = name
        self.dataType = dataType
        self.start = start
        self.increment = increment
        self.minValue = minValue
        self.maxValue = maxValue
        self.cache = cache
        self.cycles = cycles
        self.lastValue = lastValue
        self.ownedBy = ownedBy
        self.comment = comment
    }
}

/// A column of a table, by name.
public struct ColumnReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public var table: QualifiedName
    public var column: String

    public init(table: QualifiedName, column: String) {
        self.table = table
        self.column = column
    }

    public var description: String { "\(table).\(column)" }
}

/// A function or procedure, e.g. a PL/pgSQL trigger function.
public struct Function: Sendable, Equatable, Codable {
    public var name: QualifiedName
    /// The argument list that identifies it, e.g. `p_user uuid, p_days integer`.
    public var arguments: String
    /// The result type, e.g. `trigger`, `void`, `SETOF record`.
    public var returns: String
    public var language: String
    public var isProcedure: Bool
    /// The body as written (`prosrc`), e.g. the PL/pgSQL source.
    public var body: String
    /// The full `CREATE OR REPLACE FUNCTION` statement (`pg_get_functiondef`).
    public var definition: String
    public var comment: String?

    public init(name: QualifiedName, arguments: String = "", returns: String, language: String,
                isProcedure: Bool = false, body: String, definition: String, comment: String? = nil) {
        self.name = name
        self.arguments = arguments
        self.returns = returns
        self.language = language
        self.isProcedure = isProcedure
        self.body = body
        self.definition = definition
        self.comment = comment
    }
}

/// A type defined in the database: enum, domain or composite.
public struct UserType: Sendable, Equatable, Codable {
    public enum Definition: Sendable, Equatable, Codable {
        /// Labels in their sort order.
        case enumeration(labels: [String])
        /// The base type as declared (e.g. `character varying(100)`), NOT NULL, default, checks.
        case domain(baseType: String, isNotNull: Bool, defaultExpression: SQLExpression?, checks: [CheckConstraint])
        /// Attributes and their declared types, in order.
        case composite(attributes: [Attribute])
    }

    public struct Attribute: Sendable, Equatable, Codable {
        public var name: String
        public var type: String

        public init(name: String, type: String) {
            self.name = name
            self.type = type
        }
    }

    public var name: QualifiedName
    public var definition: Definition
    public var comment: String?

    public init(name: QualifiedName, definition: Definition, comment: String? = nil) {
        self.name = name
        self.definition = definition
        self.comment = comment
    }
}
