/// An index.
public struct Index: Sendable, Equatable, Codable {
    /// One key of an index: a column or an expression, with its ordering.
    public struct Element: Sendable, Equatable, Codable {
        public var column: String?
        public var expression: SQLExpression?
        public var isDescending: Bool
        public var nullsFirst: Bool
        /// A non-default operator class, e.g. `jsonb_path_ops`.
        public var operatorClass: String?
        public var collation: String?

        public init(column: String? = nil, expression: SQLExpression? = nil, isDescending: Bool = false,
                    nullsFirst: Bool = false, operatorClass: String? = nil, collation: String? = nil) {
            self.column = column
            self.expression = expression
            self.isDescending = isDescending
            self.nullsFirst = nullsFirst
            self.operatorClass = operatorClass
            self.collation = collation
        }
    }

    public var name: String
    /// `btree`, `hash`, `gin`, `gist`, `brin`, `spgist`.
    public var method: String
    public var isUnique: Bool
    public var elements: [Element]
    /// `INCLUDE (…)` columns.
    public var included: [String]
    /// The partial index predicate.
    public var predicate: SQLExpression?
    /// The constraint the index backs (primary key, unique, exclusion), if any.
    public var constraint: String?
    /// The full `CREATE INDEX` statement as the database prints it.
    public var definition: String
    public var comment: String?
    /// On a partition: the partitioned table's index this one is attached to (PostgreSQL
    /// creates it with that index); `nil` for an index of the table's own.
    public var parentIndex: String?

    public init(name: String, method: String = "btree", isUnique: Bool = false, elements: [Element],
                included: [String] = [], predicate: SQLExpression? = nil, constraint: String? = nil,
                definition: String, comment: String? = nil) {
        self.name = name
        self.method = method
        self.isUnique = isUnique
        self.elements = elements
        self.included = included
        self.predicate = predicate
        self.constraint = constraint
        self.definition = definition
        self.comment = comment
    }
}

/// A trigger.
public struct Trigger: Sendable, Equatable, Codable {
    public enum Timing: String, Sendable, Codable {
        case before = "BEFORE"
        case after = "AFTER"
        case insteadOf = "INSTEAD OF"
    }

    public enum Event: String, Sendable, Codable {
        case insert = "INSERT"
        case update = "UPDATE"
        case delete = "DELETE"
        case truncate = "TRUNCATE"
    }

    public enum Level: String, Sendable, Codable {
        case row = "ROW"
        case statement = "STATEMENT"
    }

    public var name: String
    public var timing: Timing
    public var events: [Event]
    /// `UPDATE OF a, b`.
    public var updateColumns: [String]
    public var level: Level
    /// The `WHEN (…)` condition.
    public var condition: SQLExpression?
    /// The trigger function (PostgreSQL); `nil` for SQLite, whose triggers hold their body.
    public var function: QualifiedName?
    public var arguments: [String]
    public var isEnabled: Bool
    /// The full `CREATE TRIGGER` statement as the database prints it.
    public var definition: String
    public var comment: String?

    public init(name: String, timing: Timing, events: [Event], updateColumns: [String] = [],
                level: Level = .row, condition: SQLExpression? = nil, function: QualifiedName? = nil,
                arguments: [String] = [], isEnabled: Bool = true, definition: String, comment: String? = nil) {
        self.name = name
        self.timing = timing
        self.events = events
        self.updateColumns = updateColumns
        self.level = level
        self.condition = condition
        self.function = function
        self.arguments = arguments
        self.isEnabled = isEnabled
        self.definition = definition
        self.comment = comment
    }
}
