import BifrostSchema

/// What a `CREATE INDEX` statement says beyond the pragmas.
struct SQLiteCreateIndex: Sendable {
    /// Each indexed column or expression as written, without its COLLATE and ASC/DESC.
    var elements: [String] = []
    /// The text after `WHERE` of a partial index.
    var predicate: String?

    init(parsing sql: String) {
        var parser = SQLiteDDLParser(sql)
        self = parser.parseCreateIndex()
    }

    fileprivate init() {}
}

/// What a `CREATE TRIGGER` statement says; SQLite keeps triggers only as text.
struct SQLiteCreateTrigger: Sendable {
    var timing: Trigger.Timing = .before
    var event: Trigger.Event?
    /// `UPDATE OF a, b`, as written.
    var updateColumns: [String] = []
    var table: String?
    /// The text after `WHEN`.
    var condition: String?

    init(parsing sql: String) {
        var parser = SQLiteDDLParser(sql)
        self = parser.parseCreateTrigger()
    }

    fileprivate init() {}
}

extension SQLiteDDLParser {
    /// `CREATE [UNIQUE] INDEX name ON table (indexed-column, …) [WHERE expr]`.
    fileprivate mutating func parseCreateIndex() -> SQLiteCreateIndex {
        var index = SQLiteCreateIndex()
        guard createPrefix("INDEX"), qualifiedName() != nil, accept("ON"), name() != nil,
              let items = listItems() else { return index }
        index.elements = items.map { item in
            var end = item.upperBound
            if end - item.lowerBound > 1, tokens[end - 1].isKeyword("ASC") || tokens[end - 1].isKeyword("DESC") {
                end -= 1
            }
            if end - item.lowerBound > 2, tokens[end - 2].isKeyword("COLLATE"), tokens[end - 1].isName {
                end -= 2
            }
            return text(item.lowerBound..<end)
        }
        if accept("WHERE") { index.predicate = text(rest()) }
        return index
    }

    /// `CREATE TRIGGER name [BEFORE|AFTER|INSTEAD OF] DELETE|INSERT|UPDATE [OF columns] ON
    /// table [FOR EACH ROW] [WHEN expr] BEGIN … END`. No timing means BEFORE.
    fileprivate mutating func parseCreateTrigger() -> SQLiteCreateTrigger {
        var trigger = SQLiteCreateTrigger()
        guard createPrefix("TRIGGER"), qualifiedName() != nil else { return trigger }
        if accept("AFTER") {
            trigger.timing = .after
        } else if accept("INSTEAD", "OF") {
            trigger.timing = .insteadOf
        } else {
            _ = accept("BEFORE")
        }
        if accept("DELETE") {
            trigger.event = .delete
        } else if accept("INSERT") {
            trigger.event = .insert
        } else if accept("UPDATE") {
            trigger.event = .update
            if accept("OF") {
                repeat {
                    if let column = name() { trigger.updateColumns.append(column) }
                } while acceptSymbol(",")
            }
        }
        guard accept("ON") else { return trigger }
        trigger.table = qualifiedName()
        _ = accept("FOR", "EACH", "ROW")
        if accept("WHEN") {
            let start = position
            while let token = current, !token.isKeyword("BEGIN") { skipTerm() }
            trigger.condition = text(start..<position)
        }
        return trigger
    }

    /// The query of `CREATE VIEW name [(columns)] AS select`.
    static func viewQuery(_ sql: String) -> String? {
        var parser = SQLiteDDLParser(sql)
        return parser.parseCreateViewQuery()
    }

    /// The module of `CREATE VIRTUAL TABLE name USING module(…)`, e.g. `fts5`.
    static func virtualTableModule(_ sql: String) -> String? {
        var parser = SQLiteDDLParser(sql)
        return parser.parseVirtualTableModule()
    }

    private mutating func parseCreateViewQuery() -> String? {
        guard createPrefix("VIEW"), qualifiedName() != nil else { return nil }
        _ = parenthesized()
        guard accept("AS") else { return nil }
        return text(rest())
    }

    private mutating func parseVirtualTableModule() -> String? {
        guard createPrefix("TABLE"), qualifiedName() != nil, accept("USING") else { return nil }
        return name()
    }
}
