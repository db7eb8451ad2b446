/// generate_series(start, stop [, step]) in FROM, over integers or over timestamps with an
/// interval step: a recursive CTE in a scalar subquery builds the JSON array of the values (so
/// the arguments may refer to earlier FROM items), which `json_each` then reads.
enum GenerateSeries {
    static func source(_ translator: ExpressionTranslator, _ arguments: [ParseNode], _ call: ParseNode) throws -> TableFunctions.Source {
        let values = try arguments.map { try translator.translate($0) }
        if values.contains(where: { $0.type.isDateTime || $0.type == .interval }) {
            return try timestamps(translator, values, arguments, call)
        }
        let numbers = try zip(values, arguments).map { value, node in
            let typed = try translator.coerce(value, to: value.type.isOpen ? .integer("integer") : value.type, at: node)
            guard typed.type.isInteger else {
                throw translator.refusal("unsupported-function", "generate_series() over \(typed.type.postgresName ?? "?") values", at: node)
            }
            return typed
        }
        let type: SQLType = numbers.contains { $0.type == .integer("bigint") } ? .integer("bigint") : .integer("integer")
        let step = numbers.count == 3 ? numbers[2].sql : .integer(1)
        let direction: Direction
        switch step.integerValue {
        case 0?: throw translator.refusal("invalid-literal", "generate_series() step size cannot equal zero", at: call)
        case let constant?: direction = constant > 0 ? .up : .down
        default: direction = .decidedBy(.binary(step, ">", .integer(0)), .binary(step, "<", .integer(0)))
        }
        let series = try build(translator, start: numbers[0].sql, stop: numbers[1].sql, direction: direction,
                           zeroStep: .binary(step, "=", .integer(0)), call: call) { current in
            Typed(.binary(current, "+", step), type)
        }
        return TableFunctions.Source(argument: series, columns: [("generate_series", type, { .column(table: $0, name: "value") })],
                                     ordered: true)
    }

    /// Which way the series runs, and so which comparison with `stop` ends it.
    enum Direction {
        case up, down
        /// Up when the first condition holds, down when the second does; neither (a NULL step)
        /// gives no rows, as PostgreSQL's strict function does.
        case decidedBy(SQLiteExpression, SQLiteExpression)
    }

    /// The JSON array of `start`, `next(start)`, … while the values have not passed `stop`;
    /// failing at run time when `zeroStep` holds (a step only known then).
    static func build(_ translator: ExpressionTranslator, start: SQLiteExpression, stop: SQLiteExpression, direction: Direction,
                      zeroStep: SQLiteExpression?, call: ParseNode,
                      next: (SQLiteExpression) throws -> Typed) throws -> SQLiteExpression {
        let name = translator.context.freshAlias("series")
        let current = SQLiteExpression.column(table: name, name: "_v")
        let counter = SQLiteExpression.column(table: name, name: "_n")
        func within(_ value: SQLiteExpression) -> SQLiteExpression {
            switch direction {
            case .up: return .binary(value, "<=", stop)
            case .down: return .binary(value, ">=", stop)
            case let .decidedBy(up, down):
                return .cases([(up, .binary(value, "<=", stop)), (down, .binary(value, ">=", stop))], else: nil)
            }
        }
        var seed = SQLiteSelectCore(columns: [.expression(start, alias: nil), .expression(.integer(1), alias: nil)])
        seed.whereClause = within(start)
        let following = try next(current).sql
        let recursive = SQLiteSelectCore(columns: [.expression(following, alias: nil), .expression(.binary(counter, "+", .integer(1)), alias: nil)],
                                         from: .table(name: name, alias: nil), whereClause: within(following))
        guard case var .subquery(collect) = ArraySQL.orderedAggregate(
            "json_group_array", [current], order: [SQLiteOrderingTerm(counter)], from: .table(name: name, alias: nil)) else {
            throw translator.refusal("unsupported-function", "generate_series() in FROM", at: call)
        }
        collect.with = SQLiteWith(recursive: true, tables: [
            .init(name: name, columns: ["_v", "_n"], select: SQLiteSelect(body: .compound(.core(seed), .unionAll, .core(recursive)))),
        ])
        var series = SQLiteExpression.subquery(collect)
        if let zeroStep, case .decidedBy = direction {
            series = RuntimeFailure.guarded(series, failingWhen: zeroStep, "step size cannot equal zero")
        }
        translator.context.rewrote("generate_series()", as: "recursive CTE collected into a JSON array", at: call.location)
        return series
    }
}
