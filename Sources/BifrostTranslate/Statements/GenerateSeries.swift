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
        if step.integerValue == 0 {
            throw translator.refusal("invalid-literal", "generate_series() step size cannot equal zero", at: call)
        }
        let series = try build(translator, start: numbers[0].sql, stop: numbers[1].sql, step: step,
                               zeroStep: .binary(step, "=", .integer(0)), call: call, direction: { step in
            switch step.integerValue {
            case let constant?: return constant > 0 ? .up : .down
            default: return .decidedBy(.binary(step, ">", .integer(0)), .binary(step, "<", .integer(0)))
            }
        }, next: { current, step in Typed(.binary(current, "+", step), type) })
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
    /// failing at run time when `zeroStep` holds (a step only known then). The CTE carries the
    /// step and stop as columns, so `direction` and `next` see them as plain references (a
    /// computed step is evaluated once, and the SQL stays shallow).
    static func build(_ translator: ExpressionTranslator, start: SQLiteExpression, stop: SQLiteExpression, step: SQLiteExpression,
                      zeroStep: SQLiteExpression, call: ParseNode, direction: (SQLiteExpression) -> Direction,
                      next: (SQLiteExpression, SQLiteExpression) throws -> Typed) throws -> SQLiteExpression {
        let name = translator.context.freshAlias("series")
        let column = { (field: String) in SQLiteExpression.column(table: name, name: field) }
        let (current, counter) = (column("_v"), column("_n"))
        let constantStep = step.isConstant
        let (stepValue, stopValue) = (constantStep ? step : column("_s"), stop.isConstant ? stop : column("_e"))
        /// Whether `value` has not passed the stop in the direction of the step.
        func within(_ value: SQLiteExpression, step: SQLiteExpression, stop: SQLiteExpression) -> SQLiteExpression {
            switch direction(step) {
            case .up: return .binary(value, "<=", stop)
            case .down: return .binary(value, ">=", stop)
            case let .decidedBy(up, down):
                return .cases([(up, .binary(value, "<=", stop)), (down, .binary(value, ">=", stop))], else: nil)
            }
        }
        var carried: [(String, SQLiteExpression)] = []
        if !constantStep { carried.append(("_s", step)) }
        if !stop.isConstant { carried.append(("_e", stop)) }
        let seed = SQLiteSelectCore(columns: ([start, .integer(1)] + carried.map(\.1)).map { .expression($0, alias: nil) },
                                    whereClause: within(start, step: step, stop: stop))
        let following = try next(current, stepValue).sql
        let recursive = SQLiteSelectCore(
            columns: ([following, .binary(counter, "+", .integer(1))] + carried.map { column($0.0) }).map { .expression($0, alias: nil) },
            from: .table(name: name, alias: nil), whereClause: within(following, step: stepValue, stop: stopValue))
        guard case var .subquery(collect) = ArraySQL.orderedAggregate(
            "json_group_array", [current], order: [SQLiteOrderingTerm(counter)], from: .table(name: name, alias: nil)) else {
            throw translator.refusal("unsupported-function", "generate_series() in FROM", at: call)
        }
        collect.with = SQLiteWith(recursive: true, tables: [
            .init(name: name, columns: ["_v", "_n"] + carried.map(\.0),
                  select: SQLiteSelect(body: .compound(.core(seed), .unionAll, .core(recursive)))),
        ])
        var series = SQLiteExpression.subquery(collect)
        if !constantStep {
            series = RuntimeFailure.guarded(series, failingWhen: zeroStep, "step size cannot equal zero")
        }
        translator.context.rewrote("generate_series()", as: "recursive CTE collected into a JSON array", at: call.location)
        return series
    }
}
