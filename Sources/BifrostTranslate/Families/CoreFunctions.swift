/// Numeric functions whose SQLite spelling or rounding differs from PostgreSQL's.
enum CoreFunctions {
    static let handlers: [String: FunctionHandler] = [
        "abs": { translator, call in
            try translator.expectArguments(call, 1...1)
            let value = try translator.number(call.arguments[0])
            return Typed(.call("abs", value.sql), value.type)
        },
        "round": { translator, call in
            try translator.expectArguments(call, 1...2)
            let value = try translator.number(call.arguments[0])
            if call.arguments.count == 2 {
                let places = try translator.translate(call.arguments[1], as: .integer("integer"))
                guard !value.type.isFloat else {
                    throw translator.refusal("unsupported-function", "round(double precision, integer) does not exist in PostgreSQL", at: call.node)
                }
                return Typed(.call("round", value.sql, places.sql), .numeric(scale: places.sql.integerValue.map(Int.init)))
            }
            if value.type.isFloat {
                // round(double precision) rounds half to even in PostgreSQL.
                return Typed(.cast(ExpressionTranslator.roundHalfEven(value.sql), as: "REAL"), value.type)
            }
            return Typed(value.type.isInteger ? value.sql : .call("round", value.sql), value.type.isInteger ? value.type : .numeric(scale: 0))
        },
        "trunc": { translator, call in
            try translator.expectArguments(call, 1...1)
            let value = try translator.number(call.arguments[0])
            let truncated = SQLiteExpression.cast(value.sql, as: "INTEGER")
            return Typed(value.type.isFloat ? .cast(truncated, as: "REAL") : truncated,
                         value.type.isFloat ? value.type : (value.type.isInteger ? value.type : .numeric(scale: 0)))
        },
        "floor": { translator, call in try roundTowards(translator, call, up: false) },
        "ceil": { translator, call in try roundTowards(translator, call, up: true) },
        "ceiling": { translator, call in try roundTowards(translator, call, up: true) },
        "sign": { translator, call in
            try translator.expectArguments(call, 1...1)
            let value = try translator.number(call.arguments[0])
            let sign = SQLiteExpression.binary(.binary(value.sql, ">", .integer(0)), "-", .binary(value.sql, "<", .integer(0)))
            return Typed(value.type.isFloat ? .cast(sign, as: "REAL") : sign, value.type.isInteger ? .numeric(scale: 0) : value.type)
        },
        "mod": { translator, call in
            try translator.expectArguments(call, 2...2)
            let left = try translator.number(call.arguments[0])
            let right = try translator.number(call.arguments[1])
            guard left.type.isInteger && right.type.isInteger else {
                throw translator.refusal("unsupported-function", "mod() on non-integer numbers", at: call.node)
            }
            return Typed(.binary(left.sql, "%", right.sql), ExpressionTranslator.arithmeticType("%", left.type, right.type))
        },
    ]

    /// floor()/ceil() without SQLite's optional math functions, so the SQL runs in any build.
    private static func roundTowards(_ translator: ExpressionTranslator, _ call: FunctionCall, up: Bool) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let value = try translator.number(call.arguments[0])
        if value.type.isInteger { return value }
        let truncated = SQLiteExpression.cast(value.sql, as: "INTEGER")
        let adjusted = SQLiteExpression.binary(truncated, up ? "+" : "-",
                                               .binary(value.sql, up ? ">" : "<", truncated))
        return Typed(value.type.isFloat ? .cast(adjusted, as: "REAL") : adjusted,
                     value.type.isFloat ? value.type : .numeric(scale: 0))
    }
}

extension ExpressionTranslator {
    /// An argument that must be a number; an untyped literal becomes numeric.
    func number(_ node: ParseNode) throws -> Typed {
        let value = try translate(node)
        if value.type.isOpen { return try coerce(value, to: .numeric(scale: nil), at: node) }
        guard value.type.isNumber else {
            throw refusal("unsupported-function", "a number is required here, not \(value.type.postgresName ?? "unknown")", at: node)
        }
        return value
    }
}

extension SQLiteExpression {
    /// The value of an integer literal.
    var integerValue: Int64? {
        if case let .literal(.integer(value)) = self { return value }
        return nil
    }
}
