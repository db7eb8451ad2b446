/// Prints SQLite syntax trees as SQL text. Identifiers are always quoted, literals always
/// escaped, and every compound operand is parenthesised, so precedence never depends on luck.
public struct SQLitePrinter: Sendable {
    public init() {}

    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func quoteText(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    // MARK: Commands

    public func print(_ command: SQLiteCommand) -> String {
        switch command {
        case let .select(select): return print(select)
        case let .insert(insert): return print(insert)
        case let .update(update): return print(update)
        case let .delete(delete): return print(delete)
        case let .createTable(table): return print(table)
        case let .createIndex(index): return print(index)
        case let .createView(name, columns, select):
            let list = columns.isEmpty ? "" : " (" + identifiers(columns) + ")"
            return "CREATE VIEW \(Self.quoteIdentifier(name))\(list) AS\n\(print(select))"
        case let .createTrigger(trigger): return print(trigger)
        case let .transaction(keyword): return keyword
        }
    }

    func print(_ insert: SQLiteInsert) -> String {
        var sql = insert.with.map { print($0) + "\n" } ?? ""
        sql += "INSERT INTO \(Self.quoteIdentifier(insert.table))"
        if let alias = insert.alias { sql += " AS \(Self.quoteIdentifier(alias))" }
        if !insert.columns.isEmpty { sql += " (\(identifiers(insert.columns)))" }
        switch insert.source {
        case .defaultValues: sql += " DEFAULT VALUES"
        case let .select(select):
            // A SELECT source followed by ON CONFLICT needs a WHERE to avoid a parsing ambiguity.
            var source = select
            if insert.upsert != nil, case var .core(core) = source.body, core.whereClause == nil, core.from != nil {
                core.whereClause = .integer(1)
                source.body = .core(core)
            }
            sql += "\n" + print(source)
        }
        if let upsert = insert.upsert {
            sql += "\nON CONFLICT"
            if !upsert.target.isEmpty {
                sql += " (" + upsert.target.map(expression).joined(separator: ", ") + ")"
                if let condition = upsert.targetWhere { sql += " WHERE " + expression(condition) }
            }
            switch upsert.action {
            case .nothing: sql += " DO NOTHING"
            case let .update(set, condition):
                sql += " DO UPDATE SET " + assignments(set)
                if let condition { sql += " WHERE " + expression(condition) }
            }
        }
        return sql + returning(insert.returning)
    }

    func print(_ update: SQLiteUpdate) -> String {
        var sql = update.with.map { print($0) + "\n" } ?? ""
        sql += "UPDATE \(Self.quoteIdentifier(update.table))"
        if let alias = update.alias { sql += " AS \(Self.quoteIdentifier(alias))" }
        sql += " SET " + assignments(update.assignments)
        if let from = update.from { sql += "\nFROM " + print(from) }
        if let condition = update.whereClause { sql += "\nWHERE " + expression(condition) }
        return sql + returning(update.returning)
    }

    func print(_ delete: SQLiteDelete) -> String {
        var sql = delete.with.map { print($0) + "\n" } ?? ""
        sql += "DELETE FROM \(Self.quoteIdentifier(delete.table))"
        if let alias = delete.alias { sql += " AS \(Self.quoteIdentifier(alias))" }
        if let condition = delete.whereClause { sql += "\nWHERE " + expression(condition) }
        return sql + returning(delete.returning)
    }

    func print(_ table: SQLiteCreateTable) -> String {
        var lines: [String] = table.columns.map { column in
            var line = Self.quoteIdentifier(column.name)
            if let type = column.declaredType { line += " " + type }
            if column.primaryKey { line += " PRIMARY KEY" }
            if column.notNull { line += " NOT NULL" }
            if let value = column.defaultValue { line += " DEFAULT (" + expression(value) + ")" }
            if let collation = column.collation { line += " COLLATE " + collation }
            for check in column.checks { line += " CHECK (" + expression(check) + ")" }
            return line
        }
        for constraint in table.constraints {
            lines.append(print(constraint))
        }
        // Comments go after the comma so that the column list stays valid SQL.
        var body: [String] = []
        for (index, line) in lines.enumerated() {
            let comma = index < lines.count - 1 ? "," : ""
            if index < table.columns.count, let comment = table.columns[index].comment {
                body.append("    \(line)\(comma) -- \(comment)")
            } else {
                body.append("    \(line)\(comma)")
            }
        }
        return "CREATE TABLE \(Self.quoteIdentifier(table.name)) (\n" + body.joined(separator: "\n") + "\n)"
            + (table.strict ? " STRICT" : "")
    }

    private func print(_ constraint: SQLiteTableConstraint) -> String {
        func named(_ name: String?) -> String { name.map { "CONSTRAINT \(Self.quoteIdentifier($0)) " } ?? "" }
        switch constraint {
        case let .primaryKey(name, columns): return named(name) + "PRIMARY KEY (\(identifiers(columns)))"
        case let .unique(name, columns): return named(name) + "UNIQUE (\(identifiers(columns)))"
        case let .check(name, condition): return named(name) + "CHECK (\(expression(condition)))"
        case let .foreignKey(name, columns, table, referenced, onDelete, onUpdate, deferrable):
            var sql = named(name) + "FOREIGN KEY (\(identifiers(columns))) REFERENCES \(Self.quoteIdentifier(table))"
            if !referenced.isEmpty { sql += " (\(identifiers(referenced)))" }
            if let onDelete { sql += " ON DELETE \(onDelete)" }
            if let onUpdate { sql += " ON UPDATE \(onUpdate)" }
            if deferrable { sql += " DEFERRABLE INITIALLY DEFERRED" }
            return sql
        }
    }

    func print(_ index: SQLiteCreateIndex) -> String {
        var sql = "CREATE \(index.unique ? "UNIQUE " : "")INDEX \(Self.quoteIdentifier(index.name)) ON "
            + "\(Self.quoteIdentifier(index.table)) (" + index.terms.map(ordering).joined(separator: ", ") + ")"
        if let condition = index.whereClause { sql += " WHERE " + expression(condition) }
        return sql
    }

    func print(_ trigger: SQLiteCreateTrigger) -> String {
        var sql = "CREATE TRIGGER \(Self.quoteIdentifier(trigger.name)) \(trigger.timing.rawValue) "
        switch trigger.event {
        case .insert: sql += "INSERT"
        case .delete: sql += "DELETE"
        case let .update(columns):
            sql += "UPDATE" + (columns.isEmpty ? "" : " OF " + identifiers(columns))
        }
        sql += " ON \(Self.quoteIdentifier(trigger.table)) FOR EACH ROW"
        if let condition = trigger.when { sql += " WHEN " + expression(condition) }
        sql += "\nBEGIN\n"
        for statement in trigger.body {
            sql += "    " + print(statement).replacingOccurrences(of: "\n", with: "\n    ") + ";\n"
        }
        return sql + "END"
    }

    // MARK: SELECT

    public func print(_ select: SQLiteSelect) -> String {
        var sql = select.with.map { print($0) + "\n" } ?? ""
        sql += body(select.body)
        if !select.orderBy.isEmpty {
            sql += "\nORDER BY " + select.orderBy.map(ordering).joined(separator: ", ")
        }
        if let limit = select.limit {
            sql += "\nLIMIT " + expression(limit)
        } else if select.offset != nil {
            sql += "\nLIMIT -1"
        }
        if let offset = select.offset { sql += " OFFSET " + expression(offset) }
        return sql
    }

    func print(_ with: SQLiteWith) -> String {
        "WITH " + (with.recursive ? "RECURSIVE " : "") + with.tables.map { table in
            let columns = table.columns.isEmpty ? "" : " (" + identifiers(table.columns) + ")"
            let materialized = table.materialized.map { $0 ? " MATERIALIZED" : " NOT MATERIALIZED" } ?? ""
            return Self.quoteIdentifier(table.name) + columns + " AS" + materialized + " (\n" + print(table.select) + "\n)"
        }.joined(separator: ",\n")
    }

    private func body(_ body: SQLiteSelectBody) -> String {
        switch body {
        case let .core(core): return print(core)
        case let .values(rows):
            return "VALUES " + rows.map { "(" + $0.map(expression).joined(separator: ", ") + ")" }
                .joined(separator: ", ")
        case let .compound(left, op, right):
            return self.body(left) + "\n" + op.rawValue + "\n" + self.body(right)
        case let .nested(select):
            return "SELECT * FROM (\n" + print(select) + "\n)"
        }
    }

    private func print(_ core: SQLiteSelectCore) -> String {
        var sql = "SELECT " + (core.distinct ? "DISTINCT " : "")
        sql += core.columns.map(resultColumn).joined(separator: ", ")
        if let from = core.from { sql += "\nFROM " + print(from) }
        if let condition = core.whereClause { sql += "\nWHERE " + expression(condition) }
        if !core.groupBy.isEmpty { sql += "\nGROUP BY " + core.groupBy.map(expression).joined(separator: ", ") }
        if let having = core.having { sql += "\nHAVING " + expression(having) }
        if !core.namedWindows.isEmpty {
            sql += "\nWINDOW " + core.namedWindows.map {
                Self.quoteIdentifier($0.name) + " AS (" + windowBody($0.window) + ")"
            }.joined(separator: ", ")
        }
        return sql
    }

    private func resultColumn(_ column: SQLiteResultColumn) -> String {
        switch column {
        case .all: return "*"
        case let .allOf(table): return Self.quoteIdentifier(table) + ".*"
        case let .expression(value, alias):
            return expression(value) + (alias.map { " AS " + Self.quoteIdentifier($0) } ?? "")
        }
    }

    func print(_ from: SQLiteFrom) -> String {
        switch from {
        case let .table(name, alias):
            return Self.quoteIdentifier(name) + (alias.map { " AS " + Self.quoteIdentifier($0) } ?? "")
        case let .subquery(select, alias):
            return "(\n" + print(select) + "\n) AS " + Self.quoteIdentifier(alias)
        case let .tableFunction(name, arguments, alias):
            return name + "(" + arguments.map(expression).joined(separator: ", ") + ") AS " + Self.quoteIdentifier(alias)
        case let .join(left, kind, right, condition, using):
            var sql = print(left) + "\n" + kind.rawValue + " "
            if case .join = right { sql += "(" + print(right) + ")" } else { sql += print(right) }
            if let condition { sql += " ON " + expression(condition) }
            if !using.isEmpty { sql += " USING (" + identifiers(using) + ")" }
            return sql
        }
    }

    private func returning(_ columns: [SQLiteResultColumn]) -> String {
        columns.isEmpty ? "" : "\nRETURNING " + columns.map(resultColumn).joined(separator: ", ")
    }

    private func assignments(_ list: [SQLiteAssignment]) -> String {
        list.map { assignment in
            let target = assignment.columns.count == 1
                ? Self.quoteIdentifier(assignment.columns[0]) : "(" + identifiers(assignment.columns) + ")"
            return target + " = " + expression(assignment.value)
        }.joined(separator: ", ")
    }

    private func identifiers(_ names: [String]) -> String {
        names.map(Self.quoteIdentifier).joined(separator: ", ")
    }

    func ordering(_ term: SQLiteOrderingTerm) -> String {
        var sql = expression(term.expression)
        if term.descending { sql += " DESC" }
        if let nulls = term.nulls { sql += " " + nulls.rawValue }
        return sql
    }

    // MARK: Expressions

    public func expression(_ node: SQLiteExpression) -> String {
        switch node {
        case let .literal(literal): return self.literal(literal)
        case let .parameter(number): return "?\(number)"
        case let .column(table, name):
            return (table.map { Self.quoteIdentifier($0) + "." } ?? "") + Self.quoteIdentifier(name)
        case let .prefix(op, value):
            return op + (op.last!.isLetter ? " " : "") + operand(value)
        case let .binary(left, op, right):
            return operand(left) + " " + op + " " + operand(right)
        case let .postfix(value, op):
            return operand(value) + " " + op
        case let .function(call): return function(call)
        case let .cast(value, type): return "CAST(" + expression(value) + " AS " + type + ")"
        case let .caseWhen(caseNode):
            var sql = "CASE"
            if let operand = caseNode.operand { sql += " " + self.operand(operand) }
            for branch in caseNode.branches {
                sql += " WHEN " + expression(branch.condition) + " THEN " + expression(branch.result)
            }
            if let otherwise = caseNode.otherwise { sql += " ELSE " + expression(otherwise) }
            return sql + " END"
        case let .inList(value, list, negated):
            return operand(value) + (negated ? " NOT IN (" : " IN (") + list.map(expression).joined(separator: ", ") + ")"
        case let .inSelect(value, select, negated):
            return operand(value) + (negated ? " NOT IN (" : " IN (") + print(select) + ")"
        case let .between(value, low, high, negated):
            return operand(value) + (negated ? " NOT BETWEEN " : " BETWEEN ") + operand(low) + " AND " + operand(high)
        case let .exists(select): return "EXISTS (" + print(select) + ")"
        case let .subquery(select): return "(" + print(select) + ")"
        case let .collate(value, collation): return operand(value) + " COLLATE " + collation
        case let .pattern(value, op, pattern, escape, negated):
            var sql = operand(value) + (negated ? " NOT " : " ") + op.rawValue + " " + operand(pattern)
            if let escape { sql += " ESCAPE " + operand(escape) }
            return sql
        case let .raise(message): return "RAISE(ABORT, " + Self.quoteText(message) + ")"
        case let .row(values): return "(" + values.map(expression).joined(separator: ", ") + ")"
        }
    }

    /// An operand of an operator: parenthesised unless it is atomic.
    private func operand(_ node: SQLiteExpression) -> String {
        switch node {
        case .literal(.integer(let value)) where value < 0: return "(" + expression(node) + ")"
        case .literal(.real(let value)) where value < 0 || value.sign == .minus: return "(" + expression(node) + ")"
        case .literal, .parameter, .column, .function, .cast, .caseWhen, .exists, .subquery, .raise, .row:
            return expression(node)
        default:
            return "(" + expression(node) + ")"
        }
    }

    private func function(_ call: SQLiteFunctionCall) -> String {
        var sql = call.name + "("
        if call.star {
            sql += "*"
        } else {
            sql += (call.distinct ? "DISTINCT " : "") + call.arguments.map(expression).joined(separator: ", ")
        }
        sql += ")"
        if let filter = call.filter { sql += " FILTER (WHERE " + expression(filter) + ")" }
        if let window = call.window {
            if let name = window.name, window.partitionBy.isEmpty, window.orderBy.isEmpty, window.frame == nil {
                sql += " OVER " + Self.quoteIdentifier(name)
            } else {
                sql += " OVER (" + windowBody(window) + ")"
            }
        }
        return sql
    }

    private func windowBody(_ window: SQLiteWindow) -> String {
        var parts: [String] = []
        if let base = window.base ?? window.name { parts.append(Self.quoteIdentifier(base)) }
        if !window.partitionBy.isEmpty {
            parts.append("PARTITION BY " + window.partitionBy.map(expression).joined(separator: ", "))
        }
        if !window.orderBy.isEmpty { parts.append("ORDER BY " + window.orderBy.map(ordering).joined(separator: ", ")) }
        if let frame = window.frame { parts.append(self.frame(frame)) }
        return parts.joined(separator: " ")
    }

    private func frame(_ frame: SQLiteFrame) -> String {
        func bound(_ bound: SQLiteFrame.Bound) -> String {
            switch bound {
            case .unboundedPreceding: return "UNBOUNDED PRECEDING"
            case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
            case .currentRow: return "CURRENT ROW"
            case let .preceding(offset): return operand(offset) + " PRECEDING"
            case let .following(offset): return operand(offset) + " FOLLOWING"
            }
        }
        var sql = frame.unit.rawValue + " "
        if let end = frame.end {
            sql += "BETWEEN " + bound(frame.start) + " AND " + bound(end)
        } else {
            sql += bound(frame.start)
        }
        if let exclude = frame.exclude { sql += " EXCLUDE " + exclude }
        return sql
    }

    private func literal(_ literal: SQLiteLiteral) -> String {
        switch literal {
        case .null: return "NULL"
        case let .integer(value): return String(value)
        case let .real(value):
            if value.isNaN { return "NULL" }
            if value.isInfinite { return value < 0 ? "-9e999" : "9e999" }
            let text = String(value)
            return text.contains(".") || text.contains("e") ? text : text + ".0"
        case let .text(value): return Self.quoteText(value)
        case let .blob(bytes):
            let hex = "0123456789ABCDEF".map { $0 }
            return "X'" + String(bytes.flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] }) + "'"
        case let .keyword(word): return word
        }
    }
}
