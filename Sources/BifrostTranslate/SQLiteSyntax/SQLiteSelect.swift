/// A complete SELECT: optional WITH, a body (one core or a compound), ORDER BY and LIMIT.
public struct SQLiteSelect: Sendable, Equatable {
    public var with: SQLiteWith?
    public var body: SQLiteSelectBody
    public var orderBy: [SQLiteOrderingTerm]
    public var limit: SQLiteExpression?
    public var offset: SQLiteExpression?

    public init(with: SQLiteWith? = nil, body: SQLiteSelectBody, orderBy: [SQLiteOrderingTerm] = [],
                limit: SQLiteExpression? = nil, offset: SQLiteExpression? = nil) {
        self.with = with
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
    }

    public init(_ core: SQLiteSelectCore) {
        self.init(body: .core(core))
    }
}

public struct SQLiteWith: Sendable, Equatable {
    public struct Table: Sendable, Equatable {
        public var name: String
        public var columns: [String]
        public var select: SQLiteSelect
        public var materialized: Bool?
        public init(name: String, columns: [String], select: SQLiteSelect, materialized: Bool? = nil) {
            self.name = name
            self.columns = columns
            self.select = select
            self.materialized = materialized
        }
    }
    public var recursive: Bool
    public var tables: [Table]
    public init(recursive: Bool, tables: [Table]) {
        self.recursive = recursive
        self.tables = tables
    }
}

public indirect enum SQLiteSelectBody: Sendable, Equatable {
    case core(SQLiteSelectCore)
    case values([[SQLiteExpression]])
    case compound(SQLiteSelectBody, SQLiteCompoundOperator, SQLiteSelectBody)
    /// A parenthesised full select used as a compound member (wrapped as `SELECT * FROM (…)`).
    case nested(SQLiteSelect)
}

public enum SQLiteCompoundOperator: String, Sendable {
    case union = "UNION", unionAll = "UNION ALL", intersect = "INTERSECT", except = "EXCEPT"
}

public struct SQLiteSelectCore: Sendable, Equatable {
    public var distinct: Bool
    public var columns: [SQLiteResultColumn]
    public var from: SQLiteFrom?
    public var whereClause: SQLiteExpression?
    public var groupBy: [SQLiteExpression]
    public var having: SQLiteExpression?
    /// `WINDOW name AS (…)` definitions.
    public var namedWindows: [NamedWindow]

    public struct NamedWindow: Sendable, Equatable {
        public var name: String
        public var window: SQLiteWindow
        public init(name: String, window: SQLiteWindow) {
            self.name = name
            self.window = window
        }
    }

    public init(distinct: Bool = false, columns: [SQLiteResultColumn], from: SQLiteFrom? = nil,
                whereClause: SQLiteExpression? = nil, groupBy: [SQLiteExpression] = [],
                having: SQLiteExpression? = nil) {
        self.distinct = distinct
        self.columns = columns
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.namedWindows = []
    }
}

public enum SQLiteResultColumn: Sendable, Equatable {
    case all
    case allOf(String)
    case expression(SQLiteExpression, alias: String?)
}

public indirect enum SQLiteFrom: Sendable, Equatable {
    case table(name: String, alias: String?)
    case subquery(SQLiteSelect, alias: String)
    /// A table-valued function such as `json_each(x)`.
    case tableFunction(name: String, arguments: [SQLiteExpression], alias: String)
    case join(SQLiteFrom, SQLiteJoinKind, SQLiteFrom, on: SQLiteExpression?, using: [String])
}

public enum SQLiteJoinKind: String, Sendable {
    case inner = "JOIN", left = "LEFT JOIN", right = "RIGHT JOIN", full = "FULL JOIN", cross = "CROSS JOIN"
}
