/// What a `CREATE TABLE` statement says beyond the pragmas: constraint names, CHECK
/// expressions, collations, generated column expressions, deferrable foreign keys,
/// AUTOINCREMENT and ON CONFLICT clauses. Names are as written, unquoted.
struct SQLiteCreateTable: Sendable {
    struct ColumnDefinition: Sendable {
        var name: String
        var collation: String?
        /// The expression of `[GENERATED ALWAYS] AS (…)`, without the parentheses.
        var generated: String?
    }

    /// A PRIMARY KEY or UNIQUE constraint.
    struct Key: Sendable {
        var name: String
        var columns: [String]
    }

    struct ForeignKeyClause: Sendable {
        var name: String
        var columns: [String]
        var table: String
        var isDeferrable = false
        var isInitiallyDeferred = false
    }

    struct Check: Sendable {
        var name: String
        /// The text inside `CHECK (…)`.
        var expression: String
    }

    /// A constraint whose `ON CONFLICT` is not the default ABORT, e.g. `UNIQUE (email)`, `REPLACE`.
    struct ConflictClause: Sendable {
        var constraint: String
        var resolution: String
    }

    var columns: [ColumnDefinition] = []
    var primaryKey: Key?
    /// In the order written; column-level ones where their column is.
    var uniques: [Key] = []
    var foreignKeys: [ForeignKeyClause] = []
    var checks: [Check] = []
    var conflictClauses: [ConflictClause] = []
    var isAutoincrement = false

    init(parsing sql: String) {
        var parser = SQLiteDDLParser(sql)
        self = parser.parseCreateTable()
    }

    fileprivate init() {}
}

extension SQLiteDDLParser {
    /// Words that end a column's declared type and start a column constraint.
    private static let columnConstraintKeywords = [
        "CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES",
        "GENERATED", "AS", "DEFERRABLE",
    ]
    private static let tableConstraintKeywords = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]

    /// `CREATE TABLE name (column-def, …, table-constraint, …) [options]`. SQLite stores
    /// `CREATE TABLE … AS SELECT` as a column list too.
    fileprivate mutating func parseCreateTable() -> SQLiteCreateTable {
        var table = SQLiteCreateTable()
        guard createPrefix("TABLE"), qualifiedName() != nil, acceptSymbol("(") else { return table }
        while let token = current, !token.isSymbol(")") {
            if acceptSymbol(",") { continue }
            // Columns added by ALTER TABLE land before the table constraints, so look at each item.
            if Self.tableConstraintKeywords.contains(where: token.isKeyword) {
                parseTableConstraints(into: &table)
            } else {
                parseColumn(into: &table)
            }
        }
        return table
    }

    /// `name [type] [constraint …]`. As in SQLite, `CONSTRAINT name` names every constraint
    /// after it up to the end of the column.
    private mutating func parseColumn(into table: inout SQLiteCreateTable) {
        guard let name = name() else {
            skipTerm()
            return
        }
        var column = SQLiteCreateTable.ColumnDefinition(name: name)
        // The declared type, which pragma_table_xinfo reports: names and an optional (size).
        while let token = current, token.isName, !Self.columnConstraintKeywords.contains(where: token.isKeyword) {
            position += 1
        }
        _ = parenthesized()
        var constraintName = ""
        while let token = current, !token.isSymbol(","), !token.isSymbol(")") {
            if accept("CONSTRAINT") {
                constraintName = self.name() ?? ""
            } else if accept("PRIMARY", "KEY") {
                _ = accept("ASC") || accept("DESC")
                table.primaryKey = .init(name: constraintName, columns: [name])
                conflictClause(of: "PRIMARY KEY (\(name))", into: &table)
                if accept("AUTOINCREMENT") { table.isAutoincrement = true }
            } else if accept("NOT", "NULL") {
                conflictClause(of: "NOT NULL on \(name)", into: &table)
            } else if accept("NULL") {
                conflictClause(of: nil, into: &table)
            } else if accept("UNIQUE") {
                table.uniques.append(.init(name: constraintName, columns: [name]))
                conflictClause(of: "UNIQUE (\(name))", into: &table)
            } else if accept("CHECK") {
                check(named: constraintName, into: &table)
            } else if accept("DEFAULT") {
                skipDefault()
            } else if accept("COLLATE") {
                column.collation = self.name()
            } else if accept("REFERENCES") {
                references(from: [name], named: constraintName, into: &table)
            } else if deferrable(into: &table) {
                continue
            } else if accept("GENERATED", "ALWAYS", "AS") || accept("AS") {
                column.generated = parenthesized().map(text)
                _ = accept("STORED") || accept("VIRTUAL")
            } else {
                skipTerm()
            }
        }
        table.columns.append(column)
    }

    /// One or more table constraints up to the next comma (SQLite lets them follow each
    /// other without one); `CONSTRAINT name` names every constraint after it up to the comma.
    private mutating func parseTableConstraints(into table: inout SQLiteCreateTable) {
        var constraintName = ""
        while let token = current, !token.isSymbol(","), !token.isSymbol(")") {
            if accept("CONSTRAINT") {
                constraintName = name() ?? ""
            } else if accept("PRIMARY", "KEY") {
                let items = listItems() ?? []
                let columns = items.compactMap(columnName)
                table.primaryKey = .init(name: constraintName, columns: columns)
                if items.contains(where: { $0.contains { tokens[$0].isKeyword("AUTOINCREMENT") } }) {
                    table.isAutoincrement = true
                }
                conflictClause(of: "PRIMARY KEY (\(columns.joined(separator: ", ")))", into: &table)
            } else if accept("UNIQUE") {
                let columns = (listItems() ?? []).compactMap(columnName)
                table.uniques.append(.init(name: constraintName, columns: columns))
                conflictClause(of: "UNIQUE (\(columns.joined(separator: ", ")))", into: &table)
            } else if accept("CHECK") {
                check(named: constraintName, into: &table)
                conflictClause(of: nil, into: &table)
            } else if accept("FOREIGN", "KEY") {
                let columns = (listItems() ?? []).compactMap(columnName)
                if accept("REFERENCES") { references(from: columns, named: constraintName, into: &table) }
            } else if !deferrable(into: &table) {
                skipTerm()
            }
        }
    }

    /// The column an item of a key's column list names (`"a" COLLATE nocase DESC` → `a`).
    private func columnName(_ item: Range<Int>) -> String? {
        guard let first = item.first, tokens[first].isName else { return nil }
        return tokens[first].value
    }

    private mutating func check(named name: String, into table: inout SQLiteCreateTable) {
        guard let inner = parenthesized() else { return }
        table.checks.append(.init(name: name, expression: text(inner)))
    }

    /// `DEFAULT (expr)`, `DEFAULT [+|-]literal` or `DEFAULT word`: pragma_table_xinfo has its text.
    private mutating func skipDefault() {
        guard parenthesized() == nil else { return }
        if current?.isSymbol("+") == true || current?.isSymbol("-") == true { position += 1 }
        if current != nil { position += 1 }
    }

    /// `REFERENCES table [(columns)] [ON DELETE|UPDATE|INSERT action] [MATCH name]`; the
    /// referenced columns and actions come from pragma_foreign_key_list.
    private mutating func references(from columns: [String], named name: String, into table: inout SQLiteCreateTable) {
        guard let target = self.name() else { return }
        _ = parenthesized()
        while true {
            if accept("ON", "DELETE") || accept("ON", "UPDATE") || accept("ON", "INSERT") {
                _ = accept("SET", "NULL") || accept("SET", "DEFAULT") || accept("CASCADE") || accept("RESTRICT")
                    || accept("NO", "ACTION")
            } else if accept("MATCH") {
                _ = self.name()
            } else {
                break
            }
        }
        table.foreignKeys.append(.init(name: name, columns: columns, table: target))
    }

    /// `[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]`, which SQLite applies to the foreign
    /// key declared last. Only `DEFERRABLE INITIALLY DEFERRED` defers the check.
    private mutating func deferrable(into table: inout SQLiteCreateTable) -> Bool {
        let isDeferrable: Bool
        if accept("NOT", "DEFERRABLE") {
            isDeferrable = false
        } else if accept("DEFERRABLE") {
            isDeferrable = true
        } else {
            return false
        }
        let isDeferred = accept("INITIALLY", "DEFERRED")
        if !isDeferred { _ = accept("INITIALLY", "IMMEDIATE") }
        if let last = table.foreignKeys.indices.last {
            table.foreignKeys[last].isDeferrable = isDeferrable
            table.foreignKeys[last].isInitiallyDeferred = isDeferrable && isDeferred
        }
        return true
    }

    /// `ON CONFLICT resolution` after a constraint; kept when it is not ABORT, the default.
    /// `constraint` is nil where SQLite ignores the clause.
    private mutating func conflictClause(of constraint: String?, into table: inout SQLiteCreateTable) {
        guard accept("ON", "CONFLICT"), let resolution = current, resolution.kind == .word else { return }
        position += 1
        if let constraint, !resolution.isKeyword("ABORT") {
            table.conflictClauses.append(.init(constraint: constraint, resolution: resolution.text.uppercased()))
        }
    }
}
