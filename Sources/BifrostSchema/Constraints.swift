/// A primary key or unique constraint.
public struct KeyConstraint: Sendable, Equatable, Codable {
    public var name: String
    public var columns: [String]
    public var isDeferrable: Bool
    public var isInitiallyDeferred: Bool
    /// PostgreSQL 15's `UNIQUE NULLS NOT DISTINCT`.
    public var nullsNotDistinct: Bool
    public var comment: String?

    public init(name: String, columns: [String], isDeferrable: Bool = false, isInitiallyDeferred: Bool = false,
                nullsNotDistinct: Bool = false, comment: String? = nil) {
        self.name = name
        self.columns = columns
        self.isDeferrable = isDeferrable
        self.isInitiallyDeferred = isInitiallyDeferred
        self.nullsNotDistinct = nullsNotDistinct
        self.comment = comment
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

    /// How multi-column keys with NULLs match.
    public enum Match: String, Sendable, Codable {
        case simple = "SIMPLE"
        case full = "FULL"
        case partial = "PARTIAL"
    }

    public var name: String
    public var columns: [String]
    public var referencedTable: QualifiedName
    public var referencedColumns: [String]
    public var onUpdate: Action
    public var onDelete: Action
    public var match: Match
    public var isDeferrable: Bool
    public var isInitiallyDeferred: Bool
    public var comment: String?

    public init(name: String, columns: [String], referencedTable: QualifiedName,
                referencedColumns: [String], onUpdate: Action = .noAction,
                onDelete: Action = .noAction, match: Match = .simple, isDeferrable: Bool = false,
                isInitiallyDeferred: Bool = false, comment: String? = nil) {
        self.name = name
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onUpdate = onUpdate
        self.onDelete = onDelete
        self.match = match
        self.isDeferrable = isDeferrable
        self.isInitiallyDeferred = isInitiallyDeferred
        self.comment = comment
    }
}

/// A CHECK constraint.
public struct CheckConstraint: Sendable, Equatable, Codable {
    public var name: String
    public var expression: SQLExpression
    /// `NOT VALID`: existing rows were not checked.
    public var isValidated: Bool
    public var comment: String?

    public init(name: String, expression: SQLExpression, isValidated: Bool = true, comment: String? = nil) {
        self.name = name
        self.expression = expression
        self.isValidated = isValidated
        self.comment = comment
    }
}

/// An exclusion constraint (`EXCLUDE USING gist (room WITH =, during WITH &&)`).
public struct ExclusionConstraint: Sendable, Equatable, Codable {
    public var name: String
    /// As `pg_get_constraintdef` prints it.
    public var definition: String
    public var comment: String?

    public init(name: String, definition: String, comment: String? = nil) {
        self.name = name
        self.definition = definition
        self.comment = comment
    }
}
