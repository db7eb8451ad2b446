/// Aggregates and window functions SQLite has under the same or another name.
enum AggregateFunctions {
    /// Functions that may carry an OVER clause.
    static func handlesWindow(_ name: String) -> Bool {
        windowOnly.contains(name) || ["count", "sum", "avg", "min", "max", "bool_and", "bool_or", "every"].contains(name)
            || ArrayAggregates.windowCapable.contains(name)
    }

    private static let windowOnly: Set<String> = [
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile",
        "lag", "lead", "first_value", "last_value", "nth_value",
    ]

    static let handlers: [String: FunctionHandler] = {
        var handlers: [String: FunctionHandler] = [
            "count": { translator, call in
                if call.star { return Typed(try translator.aggregate("count", [], call, star: true), .integer("bigint")) }
                try translator.expectArguments(call, 1...1)
                let value = try translator.translate(call.arguments[0])
                return Typed(try translator.aggregate("count", [value.sql], call), .integer("bigint"))
            },
            "sum": { translator, call in
                try translator.expectArguments(call, 1...1)
                let argument = try translator.translate(call.arguments[0])
                if argument.type == .interval { return try DateTimeFunctions.intervalAggregate(translator, "sum", argument, call) }
                let value = try translator.number(argument, at: call.arguments[0])
                let type: SQLType
                switch value.type {
                case .integer("bigint"): type = .numeric(scale: 0)
                case .integer: type = .integer("bigint")
                default: type = value.type
                }
                var sum = try translator.aggregate("sum", [value.sql], call)
                if case let .numeric(scale?) = type, scale > 0 { sum = .call("round", sum, .integer(Int64(scale))) }
                return Typed(sum, type)
            },
            "avg": { translator, call in
                try translator.expectArguments(call, 1...1)
                let argument = try translator.translate(call.arguments[0])
                if argument.type == .interval { return try DateTimeFunctions.intervalAggregate(translator, "avg", argument, call) }
                let value = try translator.number(argument, at: call.arguments[0])
                if !value.type.isFloat {
                    translator.context.warnOnce("numeric-precision", "avg() is computed in double precision in SQLite (about 15 significant digits)", at: call.location)
                }
                return Typed(try translator.aggregate("avg", [value.sql], call),
                             value.type.isFloat ? .float("double precision") : .numeric(scale: nil))
            },
            "min": { translator, call in try extreme(translator, call, "min") },
            "max": { translator, call in try extreme(translator, call, "max") },
            "bool_and": { translator, call in try boolean(translator, call, "min") },
            "every": { translator, call in try boolean(translator, call, "min") },
            "bool_or": { translator, call in try boolean(translator, call, "max") },
        ]
        for name in windowOnly {
            handlers[name] = { translator, call in try windowFunction(translator, call) }
        }
        return handlers
    }()

    private static func extreme(_ translator: ExpressionTranslator, _ call: FunctionCall, _ name: String) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let value = try translator.translate(call.arguments[0])
        if value.type == .interval { return try DateTimeFunctions.intervalAggregate(translator, name, value, call) }
        try translator.context.checkTextOrdering(value.type, construct: "\(name)()", at: call.location)
        let key = try translator.sortKey(value, at: call.node)
        guard key == value.sql else {
            throw translator.refusal("unsupported-function", "\(name)() of \(value.type.postgresName ?? "?") values", at: call.node)
        }
        return Typed(try translator.aggregate(name, [value.sql], call), value.type == .unknownLiteral ? .text("text") : value.type)
    }

    private static func boolean(_ translator: ExpressionTranslator, _ call: FunctionCall, _ name: String) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let value = try translator.condition(call.arguments[0])
        return Typed(try translator.aggregate(name, [value], call), .boolean)
    }

    private static func windowFunction(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        guard let window = call.window else {
            throw translator.refusal("unsupported-syntax", "\(call.name)() requires an OVER clause", at: call.node)
        }
        let arguments = try translator.translate(call.arguments)
        var sqliteCall = SQLiteFunctionCall(name: call.name, arguments: arguments.map(\.sql))
        sqliteCall.window = try translator.window(window)
        let type: SQLType
        switch call.name {
        case "row_number", "rank", "dense_rank", "ntile": type = .integer("bigint")
        case "percent_rank", "cume_dist": type = .float("double precision")
        default: type = arguments.first?.type ?? .any
        }
        return Typed(.function(sqliteCall), type)
    }
}
