/// A table with its columns, constraints, indexes and triggers.
public struct Table: Sendable, Equatable, Codable {
    /// How PostgreSQL stores the table.
    public enum Kind: String, Sendable, Codable {
        case ordinary
        /// A partitioned parent; its rows live in its partitions.
        case partitioned
    }

    public enum Persistence: String, Sendable, Codable {
        case permanent
        case unlogged
        case temporary
    }

    public var name: QualifiedName
    public var kind: Kind
    public var persistence: Persistence
    /// For a partitioned table: `RANGE (created_at)`, as `pg_get_partkeydef` prints it.
    public var partitionKey: String?
    /// For a partition: its parent and bound (`FOR VALUES FROM (…) TO (…)`).
    public var partitionOf: QualifiedName?
    public var partitionBound: String?
    /// Parents by plain (non-partition) inheritance, in order.
    public var inherits: [QualifiedName]
    public var columns: [Column]
    public var primaryKey: KeyConstraint?
    public var uniqueConstraints: [KeyConstraint]
    public var foreignKeys: [ForeignKey]
    public var checks: [CheckConstraint]
    /// Recorded although SQLite has no counterpart.
    public var exclusions: [ExclusionConstraint]
    public var indexes: [Index]
    public var triggers: [Trigger]
    public var comment: String?
    /// The planner's row estimate (`pg_class.reltuples`), -1 when unknown. Not part of
    /// equality: it changes with every ANALYZE.
    public var estimatedRows: Double

    public init(name: QualifiedName, kind: Kind = .ordinary, persistence: Persistence = .permanent,
                partitionKey: String? = nil, partitionOf: QualifiedName? = nil, partitionBound: String? = nil,
                inherits: [QualifiedName] = [], columns: [Column], primaryKey: KeyConstraint? = nil,
                uniqueConstraints: [KeyConstraint] = [], foreignKeys: [ForeignKey] = [],
                checks: [CheckConstraint] = [], exclusions: [ExclusionConstraint] = [],
                indexes: [Index] = [], triggers: [Trigger] = [], comment: String? = nil,
                estimatedRows: Double = -1) {
        self.name = name
        self.kind = kind
        self.persistence = persistence
        self.partitionKey = partitionKey
        self.partitionOf = partitionOf
        self.partitionBound = partitionBound
        self.inherits = inherits
        self.columns = columns
        self.primaryKey = primaryKey
        self.uniqueConstraints = uniqueConstraints
        self.foreignKeys = foreignKeys
        self.checks = checks
        self.exclusions = exclusions
        self.indexes = indexes
        self.triggers = triggers
        self.comment = comment
        self.estimatedRows = estimatedRows
    }

    public func column(_ name: String) -> Column? {
        columns.first { $0.name == name }
    }

    public static func == (lhs: Table, rhs: Table) -> Bool {
        var left = lhs
        var right = rhs
        left.estimatedRows = 0
        right.estimatedRows = 0
        return left.isEqualIgnoringEstimate(right)
    }

    private func isEqualIgnoringEstimate(_ other: Table) -> Bool {
        name == other.name && kind == other.kind && persistence == other.persistence
            && partitionKey == other.partitionKey && partitionOf == other.partitionOf
            && partitionBound == other.partitionBound && inherits == other.inherits
            && columns == other.columns && primaryKey == other.primaryKey
            && uniqueConstraints == other.uniqueConstraints && foreignKeys == other.foreignKeys
            && checks == other.checks && exclusions == other.exclusions && indexes == other.indexes
            && triggers == other.triggers && comment == other.comment
    }
}

/// A column and its full type.
public struct Column: Sendable, Equatable, Codable {
    public var name: String
    public var type: ColumnType
    public var isNullable: Bool
    /// The default, e.g. `gen_random_uuid()`; `nil` for identity and generated columns.
    public var defaultExpression: SQLExpression?
    public var identity: Identity?
    /// For `GENERATED ALWAYS AS (…) STORED`: the expression.
    public var generated: SQLExpression?
    /// A collation other than the type's default, e.g. `"C"`.
    public var collation: String?
    /// The sequence a `serial` column's default draws from (owned by the column).
    public var serialSequence: QualifiedName?
    public var comment: String?

    /// An identity column and the sequence behind it.
    public struct Identity: Sendable, Equatable, Codable {
        public enum Generation: String, Sendable, Codable {
            case always
            case byDefault
        }

        public var generation: Generation
        public var sequence: QualifiedName?

        public init(generation: Generation, sequence: QualifiedName? = nil) {
            self.generation = generation
            self.sequence = sequence
        }
    }

    public init(name: String, type: ColumnType, isNullable: Bool, defaultExpression: SQLExpression? = nil,
                identity: Identity? = nil, generated: SQLExpression? = nil, collation: String? = nil,
                serialSequence: QualifiedName? = nil, comment: String? = nil) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
        self.defaultExpression = defaultExpression
        self.identity = identity
        self.generated = generated
        self.collation = collation
        self.serialSequence = serialSequence
        self.comment = comment
    }
}
