/// generate_series(start, stop [, step]) over integers in FROM: a recursive CTE in a scalar
/// subquery builds the JSON array of the values (so the arguments may refer to earlier FROM
/// items), which `json_each` then reads.
enum GenerateSeries {
    static func source(_ translator: ExpressionTranslator, _ arguments: [ParseNode], _ call: ParseNode) throws -> TableFunctions.Source {
        var values = try arguments.map { try translator.translate($0) }
        if values.contains(where: { $0.type.isDateTime }) {
            throw translator.refusal("unsupported-function", "generate_series() over timestamps (use a recursive CTE with date arithmetic)", at: call)
        }
        values = try zip(values, arguments).map { value, node in
            let typed = try translator.coerce(value, to: value.type.isOpen ? .integer("integer") : value.type, at: node)
            guard typed.type.isInteger else {
                throw translator.refusal("unsupported-function", "generate_series() over \(typed.type.postgresName ?? "?") values", at: node)
            }
            return typed
        }
        let type: SQLType = values.contains { $0.type == .integer("bigint") } ? .integer("bigint") : .integer("integer")
        let start = values[0].sql, stop = values[1].sql
        let step = values.count == 3 ? values[2].sql : .integer(1)
        let name = translator.context.freshAlias("series")
        let current = SQLiteExpression.column(table: name, name: "_v")
        let counter = SQLiteExpression.column(table: name, name: "_n")
        // Whether `value` has not passed `stop` in the direction of the step.
        func within(_ value: SQLiteExpression) -> SQLiteExpression {
            switch step.integerValue {
            case let constant? where constant > 0: return .binary(value, "<=", stop)
            case let constant? where constant < 0: return .binary(value, ">=", stop)
            default:
                return .when(.binary(step, ">", .integer(0)), then: .binary(value, "<=", stop), else: .binary(value, ">=", stop))
            }
        }
        var seed = SQLiteSelectCore(columns: [.expression(start, alias: nil), .expression(.integer(1), alias: nil)])
        seed.whereClause = within(start)
        let next = SQLiteExpression.binary(current, "+", step)
        let recursive = SQLiteSelectCore(columns: [.expression(next, alias: nil), .expression(.binary(counter, "+", .integer(1)), alias: nil)],
                                         from: .table(name: name, alias: nil), whereClause: within(next))
        guard case var .subquery(collect) = ArraySQL.orderedAggregate(
            "json_group_array", [current], order: [SQLiteOrderingTerm(counter)], from: .table(name: name, alias: nil)) else {
            return TableFunctions.Source(argument: .null, columns: [], ordered: true)
        }
        collect.with = SQLiteWith(recursive: true, tables: [
            .init(name: name, columns: ["_v", "_n"], select: SQLiteSelect(body: .compound(.core(seed), .unionAll, .core(recursive)))),
        ])
        var series = SQLiteExpression.subquery(collect)
        if step.integerValue == nil {
            series = RuntimeError.guarded(series, failingWhen: .binary(step, "=", .integer(0)), "step size cannot equal zero")
        } else if step.integerValue == 0 {
            throw translator.refusal("invalid-literal", "generate_series() step size cannot equal zero", at: call)
        }
        translator.context.rewrote("generate_series()", as: "recursive CTE collected into a JSON array", at: call.location)
        return TableFunctions.Source(argument: series, columns: [("generate_series", type, { .column(table: $0, name: "value") })],
                                     ordered: true)
    }
}
