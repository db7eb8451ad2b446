import BifrostPGQuery
import BifrostSchema

/// What a PL/pgSQL row-trigger function of the common shapes does to the row, as SQLite
/// expressions over the row as it arrives (`new`, `old`): the final value of every column it
/// assigns, and the conditions under which it raises an exception. Anything else is refused.
///
/// The function is executed symbolically: `NEW.col := expr` replaces the column's value,
/// later statements see the replaced value, `IF` merges its branches with CASE.
struct TriggerProgram {
    struct Raise {
        var condition: SQLiteExpression
        var message: String
    }

    /// Assigned columns in first-assignment order, with their final values.
    var assignments: [(column: String, value: SQLiteExpression)] = []
    var raises: [Raise] = []
}

struct TriggerProgramTranslator {
    let context: TranslationContext
    let table: Table
    let event: Trigger.Event

    /// The values of NEW's columns so far, by column name (unassigned: `new.col`).
    private struct State {
        var values: [String: SQLiteExpression] = [:]
        var order: [String] = []
        var returned = false

        mutating func set(_ column: String, _ value: SQLiteExpression) {
            if values[column] == nil { order.append(column) }
            values[column] = value
        }
    }

    func translate(_ function: Function) throws -> TriggerProgram {
        guard function.language == "plpgsql" else {
            throw refusal("trigger function \(function.name.name) is written in \(function.language), not PL/pgSQL")
        }
        let json = try PGQuery.parsePlpgsqlToJSON(function.definition)
        guard case let .array(functions) = try JSONValue.parse(json), let first = functions.first,
              let root = ParseNode(first) else {
            throw refusal("trigger function \(function.name.name) could not be read")
        }
        let datums = root.list("datums")
        let newNumber = root.int("new_varno") ?? -1
        for (index, datum) in datums.enumerated() where datum.tag == "PLpgSQL_var" && index > 0 {
            throw refusal("trigger function \(function.name.name) declares variable \(datum.string("refname") ?? "?")")
        }
        guard let block = root.node("action"), block.tag == "PLpgSQL_stmt_block" else {
            throw refusal("trigger function \(function.name.name) has no body")
        }
        if block.has("exceptions") {
            throw refusal("trigger function \(function.name.name) has an EXCEPTION block")
        }
        var state = State()
        var program = TriggerProgram()
        try run(block.list("body"), state: &state, path: nil, program: &program,
                datums: datums, newNumber: newNumber, function: function)
        guard state.returned else {
            throw refusal("trigger function \(function.name.name) does not end with RETURN NEW")
        }
        program.assignments = state.order.map { ($0, state.values[$0]!) }
        return program
    }

    private func refusal(_ message: String) -> TranslationRefusal {
        context.refusal("unsupported-trigger", message, at: nil)
    }

    // MARK: Statements

    private func run(_ statements: [ParseNode], state: inout State, path: SQLiteExpression?,
                     program: inout TriggerProgram, datums: [ParseNode], newNumber: Int, function: Function) throws {
        for statement in statements {
            if state.returned {
                throw refusal("statements after RETURN in \(function.name.name)")
            }
            switch statement.tag {
            case "PLpgSQL_stmt_assign":
                let number = statement.int("varno") ?? 0
                guard number < datums.count, datums[number].tag == "PLpgSQL_recfield",
                      (datums[number].int("recparentno") ?? 0) == newNumber,
                      let column = datums[number].string("fieldname") else {
                    throw refusal("\(function.name.name) assigns to something other than a column of NEW (line \(statement.int("lineno") ?? 0))")
                }
                guard let columnModel = table.column(column) else {
                    throw refusal("\(function.name.name) assigns NEW.\(column), which \(table.name.name) does not have")
                }
                let query = try self.query(statement)
                let value = try expression(assignedValue(query, function: function), state: state)
                let translator = ExpressionTranslator(context: context, scope: rowScope())
                let converted = try translator.assign(value, to: SQLType(column: columnModel),
                                                      at: ParseNode(tag: "PLpgSQL_stmt_assign", fields: [:]))
                state.set(column, path.map { .when($0, then: converted.sql, else: state.values[column] ?? .column(table: "new", name: column)) } ?? converted.sql)
            case "PLpgSQL_stmt_if":
                try conditional(statement, state: &state, path: path, program: &program,
                                datums: datums, newNumber: newNumber, function: function)
            case "PLpgSQL_stmt_raise":
                let level = statement.int("elog_level") ?? 21
                guard level >= 21 else {
                    context.rewrote("RAISE below EXCEPTION level", as: "nothing (it does not change data)", at: nil)
                    continue
                }
                if !statement.list("params").isEmpty || statement.has("options") || statement.string("message") == nil {
                    throw refusal("RAISE EXCEPTION with parameters or options in \(function.name.name): SQLite's RAISE takes a fixed message")
                }
                program.raises.append(.init(condition: path ?? .integer(1), message: statement.string("message") ?? ""))
            case "PLpgSQL_stmt_return":
                let query = statement.embedded("expr", as: "PLpgSQL_expr")?.node("PLpgSQL_expr")?.string("query")
                    ?? statement.node("expr")?.string("query")
                guard query?.lowercased() == "new" || (statement.int("retvarno") ?? -1) == newNumber, path == nil else {
                    throw refusal("\(function.name.name) returns something other than NEW at its end (line \(statement.int("lineno") ?? 0))")
                }
                state.returned = true
            default:
                throw refusal("\(statement.tag.replacingOccurrences(of: "PLpgSQL_stmt_", with: "").uppercased()) statement in \(function.name.name) (line \(statement.int("lineno") ?? 0))")
            }
        }
    }

    /// IF … THEN … ELSIF … ELSE … END IF: each branch runs under its condition; values merge
    /// with CASE so that a column keeps its earlier value where no branch assigned it.
    private func conditional(_ statement: ParseNode, state: inout State, path: SQLiteExpression?,
                             program: inout TriggerProgram, datums: [ParseNode], newNumber: Int,
                             function: Function) throws {
        var branches: [(ParseNode?, [ParseNode])] = [(statement.node("cond"), statement.list("then_body"))]
        for elsif in statement.list("elsif_list") {
            branches.append((elsif.node("cond"), elsif.list("stmts")))
        }
        branches.append((nil, statement.list("else_body")))
        var earlier: [SQLiteExpression] = []
        for (conditionNode, body) in branches {
            var condition: SQLiteExpression = .integer(1)
            if let conditionNode {
                let query = conditionNode.string("query") ?? ""
                let value = try expression(try parse(query), state: state, as: .boolean)
                // NULL conditions take the ELSE branch in PL/pgSQL.
                condition = .binary(value.sql, "IS", .integer(1))
            }
            let branchCondition = SQLiteExpression.and(earlier.map { .prefix("NOT", $0) } + [condition])
            let branchPath = path.map { SQLiteExpression.and([$0, branchCondition]) } ?? branchCondition
            try run(body, state: &state, path: branchPath, program: &program,
                    datums: datums, newNumber: newNumber, function: function)
            if state.returned {
                throw refusal("RETURN inside IF in \(function.name.name)")
            }
            earlier.append(condition)
        }
    }

    // MARK: Expressions

    private func query(_ statement: ParseNode) throws -> String {
        guard let expr = statement.node("expr") ?? statement.embedded("expr", as: "PLpgSQL_expr"),
              let query = expr.string("query") ?? expr.node("PLpgSQL_expr")?.string("query") else {
            throw refusal("an assignment without a value")
        }
        return query
    }

    /// The right-hand side of `target := value`, found with PostgreSQL's scanner.
    private func assignedValue(_ query: String, function: Function) throws -> ParseNode {
        let tokens = try PGQuery.scan(query)
        guard let assign = tokens.first(where: { $0.kind == PGQuery.ScanToken.colonEquals }) else {
            throw refusal("assignment \(query) in \(function.name.name)")
        }
        let bytes = Array(query.utf8)
        return try parse(String(decoding: bytes[assign.end...], as: UTF8.self))
    }

    private func parse(_ expression: String) throws -> ParseNode {
        try ColumnDefaults.expressionNode(SQLExpression(sql: expression))
    }

    /// Translates an expression of the function over `new`/`old`, with NEW's columns replaced by
    /// the values assigned so far.
    private func expression(_ node: ParseNode, state: State, as type: SQLType? = nil) throws -> Typed {
        let translator = ExpressionTranslator(context: context, scope: rowScope())
        if Self.mentionsTriggerVariable(node) {
            throw refusal("TG_ variables in trigger functions")
        }
        var value = try type.map { try translator.translate(node, as: $0) } ?? translator.translate(node)
        if !state.values.isEmpty && value.sql.containsSubquery {
            throw refusal("a subquery after NEW was assigned in a trigger function")
        }
        value.sql = value.sql.replacingColumns { table, name in
            table == "new" ? state.values[name] : nil
        }
        return value
    }

    private static func mentionsTriggerVariable(_ node: ParseNode) -> Bool {
        node.tag == "ColumnRef" && (node.names("fields").first?.lowercased().hasPrefix("tg_") ?? false)
    }

    /// `new` and `old` as relations with the table's columns.
    private func rowScope() -> Scope {
        let scope = Scope(parent: nil)
        let columns = table.columns.map { ScopeColumn(name: $0.name, type: SQLType(column: $0)) }
        scope.relations = [ScopeRelation(name: "new", columns: columns, table: table)]
        if event != .insert { scope.relations.append(ScopeRelation(name: "old", columns: columns, table: table)) }
        return scope
    }
}
