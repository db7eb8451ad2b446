/// A SQLite statement the translator produces.
public indirect enum SQLiteCommand: Sendable, Equatable {
    case select(SQLiteSelect)
    case insert(SQLiteInsert)
    case update(SQLiteUpdate)
    case delete(SQLiteDelete)
    case createTable(SQLiteCreateTable)
    case createIndex(SQLiteCreateIndex)
    case createView(name: String, columns: [String], select: SQLiteSelect)
    case createTrigger(SQLiteCreateTrigger)
    /// BEGIN, COMMIT, ROLLBACK, SAVEPOINT x … : fixed keyword statements.
    case transaction(String)
}

public struct SQLiteUpsert: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case nothing
        case update(set: [SQLiteAssignment], whereClause: SQLiteExpression?)
    }
    public var target: [SQLiteExpression]
    public var targetWhere: SQLiteExpression?
    public var action: Action
    public init(target: [SQLiteExpression], targetWhere: SQLiteExpression?, action: Action) {
        self.target = target
        self.targetWhere = targetWhere
        self.action = action
    }
}

public struct SQLiteAssignment: Sendable, Equatable {
    public var columns: [String]
    public var value: SQLiteExpression
    public init(columns: [String], value: SQLiteExpression) {
        self.columns = columns
        self.value = value
    }
}

public struct SQLiteInsert: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case defaultValues
        case select(SQLiteSelect)
    }
    public var with: SQLiteWith?
    public var table: String
    public var alias: String?
    public var columns: [String]
    public var source: Source
    public var upsert: SQLiteUpsert?
    public var returning: [SQLiteResultColumn]
    public init(with: SQLiteWith? = nil, table: String, alias: String?, columns: [String], source: Source,
                upsert: SQLiteUpsert? = nil, returning: [SQLiteResultColumn] = []) {
        self.with = with
        self.table = table
        self.alias = alias
        self.columns = columns
        self.source = source
        self.upsert = upsert
        self.returning = returning
    }
}

public struct SQLiteUpdate: Sendable, Equatable {
    public var with: SQLiteWith?
    public var table: String
    public var alias: String?
    public var assignments: [SQLiteAssignment]
    public var from: SQLiteFrom?
    public var whereClause: SQLiteExpression?
    public var returning: [SQLiteResultColumn]
    public init(with: SQLiteWith? = nil, table: String, alias: String?, assignments: [SQLiteAssignment],
                from: SQLiteFrom? = nil, whereClause: SQLiteExpression?, returning: [SQLiteResultColumn] = []) {
        self.with = with
        self.table = table
        self.alias = alias
        self.assignments = assignments
        self.from = from
        self.whereClause = whereClause
        self.returning = returning
    }
}

public struct SQLiteDelete: Sendable, Equatable {
    public var with: SQLiteWith?
    public var table: String
    public var alias: String?
    public var whereClause: SQLiteExpression?
    public var returning: [SQLiteResultColumn]
    public init(with: SQLiteWith? = nil, table: String, alias: String?, whereClause: SQLiteExpression?,
                returning: [SQLiteResultColumn] = []) {
        self.with = with
        self.table = table
        self.alias = alias
        self.whereClause = whereClause
        self.returning = returning
    }
}

public struct SQLiteColumnDefinition: Sendable, Equatable {
    public var name: String
    /// The declared type; nil for none (so SQLite applies no affinity).
    public var declaredType: String?
    /// A comment printed after the definition, e.g. the PostgreSQL type.
    public var comment: String?
    public var notNull: Bool
    public var primaryKey: Bool
    public var defaultValue: SQLiteExpression?
    public var checks: [SQLiteExpression]
    public var collation: String?
    public init(name: String, declaredType: String?, comment: String? = nil, notNull: Bool = false,
                primaryKey: Bool = false, defaultValue: SQLiteExpression? = nil,
                checks: [SQLiteExpression] = [], collation: String? = nil) {
        self.name = name
        self.declaredType = declaredType
        self.comment = comment
        self.notNull = notNull
        self.primaryKey = primaryKey
        self.defaultValue = defaultValue
        self.checks = checks
        self.collation = collation
    }
}

public enum SQLiteTableConstraint: Sendable, Equatable {
    case primaryKey(name: String?, columns: [String])
    case unique(name: String?, columns: [String])
    case check(name: String?, SQLiteExpression)
    case foreignKey(name: String?, columns: [String], table: String, referenced: [String],
                    onDelete: String?, onUpdate: String?, deferrable: Bool)
}

public struct SQLiteCreateTable: Sendable, Equatable {
    public var name: String
    public var columns: [SQLiteColumnDefinition]
    public var constraints: [SQLiteTableConstraint]
    public var strict: Bool
    public init(name: String, columns: [SQLiteColumnDefinition], constraints: [SQLiteTableConstraint],
                strict: Bool = false) {
        self.name = name
        self.columns = columns
        self.constraints = constraints
        self.strict = strict
    }
}

public struct SQLiteCreateIndex: Sendable, Equatable {
    public var name: String
    public var table: String
    public var unique: Bool
    public var terms: [SQLiteOrderingTerm]
    public var whereClause: SQLiteExpression?
    public init(name: String, table: String, unique: Bool, terms: [SQLiteOrderingTerm], whereClause: SQLiteExpression?) {
        self.name = name
        self.table = table
        self.unique = unique
        self.terms = terms
        self.whereClause = whereClause
    }
}

public struct SQLiteCreateTrigger: Sendable, Equatable {
    public enum Timing: String, Sendable { case before = "BEFORE", after = "AFTER", insteadOf = "INSTEAD OF" }
    public enum Event: Sendable, Equatable {
        case insert, delete
        case update(columns: [String])
    }
    public var name: String
    public var table: String
    public var timing: Timing
    public var event: Event
    public var when: SQLiteExpression?
    public var body: [SQLiteCommand]
    public init(name: String, table: String, timing: Timing, event: Event, when: SQLiteExpression?,
                body: [SQLiteCommand]) {
        self.name = name
        self.table = table
        self.timing = timing
        self.event = event
        self.when = when
        self.body = body
    }
}
