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

    /// Functions SQLite has only when built with its math functions (the default build since
    /// 3.35): translated with a warning naming the requirement. Both databases call the C
    /// library, so the double results agree.
    static let mathFunctions: [String: FunctionHandler] = {
        var handlers: [String: FunctionHandler] = [:]
        let names: [String: (sqlite: String, arguments: ClosedRange<Int>)] = [
            "power": ("pow", 2...2), "pow": ("pow", 2...2), "sqrt": ("sqrt", 1...1), "exp": ("exp", 1...1),
            "ln": ("ln", 1...1), "log": ("log", 1...2), "log10": ("log10", 1...1), "pi": ("pi", 0...0),
            "degrees": ("degrees", 1...1), "radians": ("radians", 1...1),
        ]
        for (name, spec) in names {
            handlers[name] = { translator, call in
                try translator.expectArguments(call, spec.arguments)
                let arguments = try call.arguments.map { try translator.number($0) }
                if arguments.contains(where: { $0.type.isNumeric }) {
                    translator.context.warnOnce("numeric-precision", "\(name)() on numeric runs in double precision in SQLite", at: call.location)
                }
                translator.context.warnOnce("math-functions", "\(name)() needs SQLite's math functions (SQLITE_ENABLE_MATH_FUNCTIONS, on in the default build since 3.35)", at: call.location)
                let type: SQLType = arguments.contains(where: { $0.type.isNumeric }) ? .numeric(scale: nil) : .float("double precision")
                return Typed(.call(spec.sqlite, arguments.map(\.sql)), type)
            }
        }
        return handlers
    }()

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
        try number(try translate(node), at: node)
    }

    /// `number(_:)` for an argument already translated.
    func number(_ value: Typed, at node: ParseNode) throws -> Typed {
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

extension SQLiteExpression {
    /// A literal (possibly negated): its value is known at translation time.
    var isConstant: Bool {
        switch self {
        case .literal: return true
        case let .prefix(_, operand): return operand.isConstant
        default: return false
        }
    }
}
