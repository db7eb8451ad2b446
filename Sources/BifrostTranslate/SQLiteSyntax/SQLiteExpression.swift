/// A SQLite expression tree. The translator builds these and `SQLitePrinter` prints them;
/// SQL text is never assembled by hand elsewhere.
public indirect enum SQLiteExpression: Sendable, Equatable {
    case literal(SQLiteLiteral)
    /// A numbered parameter, printed `?N`.
    case parameter(Int)
    /// A column, optionally qualified by a table name or alias.
    case column(table: String?, name: String)
    /// A prefix operator: `NOT`, `-`, `+`, `~`.
    case prefix(String, SQLiteExpression)
    /// A binary operator such as `=`, `AND`, `||`, `IS NOT`, `GLOB`, `->>`.
    case binary(SQLiteExpression, String, SQLiteExpression)
    /// A postfix operator: `IS NULL`, `IS NOT NULL`.
    case postfix(SQLiteExpression, String)
    case function(SQLiteFunctionCall)
    case cast(SQLiteExpression, as: String)
    case caseWhen(SQLiteCase)
    case inList(SQLiteExpression, [SQLiteExpression], negated: Bool)
    case inSelect(SQLiteExpression, SQLiteSelect, negated: Bool)
    case between(SQLiteExpression, low: SQLiteExpression, high: SQLiteExpression, negated: Bool)
    case exists(SQLiteSelect)
    case subquery(SQLiteSelect)
    case collate(SQLiteExpression, String)
    /// `x LIKE p ESCAPE e` (SQLite's, ASCII case-insensitive) or `x GLOB p`.
    case pattern(SQLiteExpression, SQLitePatternOperator, SQLiteExpression, escape: SQLiteExpression?, negated: Bool)
    /// `RAISE(ABORT, 'message')`, only inside triggers.
    case raise(String)
    /// A row value `(a, b)`.
    case row([SQLiteExpression])

    public static let null = SQLiteExpression.literal(.null)
    public static func text(_ value: String) -> SQLiteExpression { .literal(.text(value)) }
    public static func integer(_ value: Int64) -> SQLiteExpression { .literal(.integer(value)) }
    public static func call(_ name: String, _ arguments: SQLiteExpression...) -> SQLiteExpression {
        .function(SQLiteFunctionCall(name: name, arguments: arguments))
    }
    public static func call(_ name: String, _ arguments: [SQLiteExpression]) -> SQLiteExpression {
        .function(SQLiteFunctionCall(name: name, arguments: arguments))
    }
    public static func and(_ terms: [SQLiteExpression]) -> SQLiteExpression {
        terms.dropFirst().reduce(terms.first ?? .integer(1)) { .binary($0, "AND", $1) }
    }
    public static func or(_ terms: [SQLiteExpression]) -> SQLiteExpression {
        terms.dropFirst().reduce(terms.first ?? .integer(0)) { .binary($0, "OR", $1) }
    }
    public static func when(_ condition: SQLiteExpression, then: SQLiteExpression,
                            else otherwise: SQLiteExpression?) -> SQLiteExpression {
        .caseWhen(SQLiteCase(operand: nil, branches: [.init(condition: condition, result: then)], otherwise: otherwise))
    }
    public func isNull() -> SQLiteExpression { .postfix(self, "IS NULL") }
}

public enum SQLiteLiteral: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    /// `CURRENT_TIMESTAMP` and friends are keywords, not functions.
    case keyword(String)
}

public enum SQLitePatternOperator: String, Sendable, Equatable {
    case like = "LIKE"
    case glob = "GLOB"
}

public struct SQLiteFunctionCall: Sendable, Equatable {
    public var name: String
    public var arguments: [SQLiteExpression]
    public var distinct: Bool
    /// `count(*)`.
    public var star: Bool
    public var filter: SQLiteExpression?
    public var window: SQLiteWindow?

    public init(name: String, arguments: [SQLiteExpression] = [], distinct: Bool = false, star: Bool = false,
                filter: SQLiteExpression? = nil, window: SQLiteWindow? = nil) {
        self.name = name
        self.arguments = arguments
        self.distinct = distinct
        self.star = star
        self.filter = filter
        self.window = window
    }
}

public struct SQLiteCase: Sendable, Equatable {
    public struct Branch: Sendable, Equatable {
        public var condition: SQLiteExpression
        public var result: SQLiteExpression
        public init(condition: SQLiteExpression, result: SQLiteExpression) {
            self.condition = condition
            self.result = result
        }
    }
    public var operand: SQLiteExpression?
    public var branches: [Branch]
    public var otherwise: SQLiteExpression?
    public init(operand: SQLiteExpression?, branches: [Branch], otherwise: SQLiteExpression?) {
        self.operand = operand
        self.branches = branches
        self.otherwise = otherwise
    }
}

/// `OVER (…)` or `OVER name`.
public struct SQLiteWindow: Sendable, Equatable {
    public var name: String?
    public var base: String?
    public var partitionBy: [SQLiteExpression]
    public var orderBy: [SQLiteOrderingTerm]
    /// The frame clause, already in SQLite syntax (`ROWS BETWEEN … AND …`), built from tokens.
    public var frame: SQLiteFrame?

    public init(name: String? = nil, base: String? = nil, partitionBy: [SQLiteExpression] = [],
                orderBy: [SQLiteOrderingTerm] = [], frame: SQLiteFrame? = nil) {
        self.name = name
        self.base = base
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
    }
}

public struct SQLiteFrame: Sendable, Equatable {
    public enum Unit: String, Sendable { case rows = "ROWS", range = "RANGE", groups = "GROUPS" }
    public enum Bound: Sendable, Equatable {
        case unboundedPreceding, unboundedFollowing, currentRow
        case preceding(SQLiteExpression), following(SQLiteExpression)
    }
    public var unit: Unit
    public var start: Bound
    public var end: Bound?
    public var exclude: String?
    public init(unit: Unit, start: Bound, end: Bound?, exclude: String? = nil) {
        self.unit = unit
        self.start = start
        self.end = end
        self.exclude = exclude
    }
}

public struct SQLiteOrderingTerm: Sendable, Equatable {
    public enum Nulls: String, Sendable { case first = "NULLS FIRST", last = "NULLS LAST" }
    public var expression: SQLiteExpression
    public var descending: Bool
    public var nulls: Nulls?
    public init(_ expression: SQLiteExpression, descending: Bool = false, nulls: Nulls? = nil) {
        self.expression = expression
        self.descending = descending
        self.nulls = nulls
    }
}
