/// Array functions that return one value: sizes, positions, text conversion, editing.
enum ArrayScalarFunctions {
    static let handlers: [String: FunctionHandler] = [
        "array_length": { translator, call in try bound(translator, call, upper: true) },
        "array_upper": { translator, call in try bound(translator, call, upper: true) },
        "array_lower": { translator, call in try bound(translator, call, upper: false) },
        "cardinality": { translator, call in
            try translator.expectArguments(call, 1...1)
            let array = try argument(translator, call, 0)
            let atoms = ArraySQL.Atoms(array.sql, context: translator.context)
            let count = SQLiteExpression.subquery(SQLiteSelect(SQLiteSelectCore(
                columns: [.expression(.function(SQLiteFunctionCall(name: "count", star: true)), alias: nil)],
                from: atoms.from, whereClause: atoms.condition)))
            return Typed(.when(ArraySQL.isMultiDimensional(array.sql), then: count, else: .call("json_array_length", array.sql)),
                         .integer("integer"))
        },
        "array_ndims": { translator, call in
            try translator.expectArguments(call, 1...1)
            return Typed(ArraySQL.dimensions(try argument(translator, call, 0).sql), .integer("integer"))
        },
        "array_position": { translator, call in try position(translator, call) },
        "array_to_string": { translator, call in try toText(translator, call) },
        "string_to_array": { translator, call in try StringToArray.translate(translator, call) },
        "array_append": { translator, call in
            try translator.expectArguments(call, 2...2)
            return try ArrayConstruction.appended(translator, try argument(translator, call, 0),
                                                  try translator.translate(call.arguments[1]), node: call.node)
        },
        "array_prepend": { translator, call in
            try translator.expectArguments(call, 2...2)
            return try ArrayConstruction.prepended(translator, try translator.translate(call.arguments[0]),
                                                   try argument(translator, call, 1), node: call.node)
        },
        "array_cat": { translator, call in
            try translator.expectArguments(call, 2...2)
            return try ArrayConstruction.concatenate(translator, try argument(translator, call, 0),
                                                     try argument(translator, call, 1), node: call.node)
        },
        "array_remove": { translator, call in try edit(translator, call, replacing: false) },
        "array_replace": { translator, call in try edit(translator, call, replacing: true) },
    ]

    /// An argument that must be an array (or of unknown type without a schema).
    static func argument(_ translator: ExpressionTranslator, _ call: FunctionCall, _ index: Int) throws -> Typed {
        let value = try translator.translate(call.arguments[index])
        guard value.type.isArray || value.type == .any || value.type == .null else {
            throw translator.refusal("unsupported-function", "\(call.name)() needs an array, not \(value.type == .unknownLiteral ? "an untyped literal (add a cast such as ::text[])" : value.type.postgresName ?? "?")", at: call.arguments[index])
        }
        return value.type == .null ? Typed(.null, .array(.null)) : value
    }

    /// The element type of an array argument, with an element argument coerced to it.
    static func element(_ translator: ExpressionTranslator, _ array: Typed, _ node: ParseNode,
                        _ construct: String) throws -> Typed {
        let storage = try ArrayElement.require(translator, array.type, construct, at: node)
        _ = storage
        let elementType = array.type.arrayElement ?? .any
        return try translator.translate(node, as: elementType == .null ? .text("text") : elementType)
    }

    /// array_length / array_upper (the same with lower bounds of 1) and array_lower, for a
    /// constant dimension: NULL for an empty array or a dimension it does not have.
    private static func bound(_ translator: ExpressionTranslator, _ call: FunctionCall, upper: Bool) throws -> Typed {
        try translator.expectArguments(call, 2...2)
        let array = try argument(translator, call, 0)
        let dimension = try translator.translate(call.arguments[1], as: .integer("integer"))
        guard let number = dimension.sql.integerValue else {
            throw translator.refusal("unsupported-function", "\(call.name)() with a dimension that is not a constant", at: call.arguments[1])
        }
        guard number >= 1, number <= 6 else { return Typed(.null, .integer("integer")) }
        let path = SQLiteExpression.text("$" + String(repeating: "[0]", count: Int(number) - 1))
        let length = SQLiteExpression.call("json_array_length", array.sql, path)
        let exists = SQLiteExpression.and([.binary(.call("json_type", array.sql, path), "=", .text("array")),
                                          .binary(length, ">", .integer(0))])
        return Typed(.when(exists, then: upper ? length : .integer(1), else: .null), .integer("integer"))
    }

    /// array_position(array, value [, start]): the first 1-based position whose element IS NOT
    /// DISTINCT FROM value (so NULL finds a NULL element).
    private static func position(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 2...3)
        let array = try argument(translator, call, 0)
        let value = try element(translator, array, call.arguments[1], "array_position()")
        let items = ArraySQL.Items(array.sql, context: translator.context)
        var conditions = [SQLiteExpression.binary(items.value, "IS", value.sql)]
        var start: SQLiteExpression?
        if call.arguments.count == 3 {
            let from = try translator.translate(call.arguments[2], as: .integer("integer")).sql
            conditions.append(.binary(items.key, ">=", .binary(from, "-", .integer(1))))
            start = from
        }
        let first = SQLiteExpression.subquery(SQLiteSelect(SQLiteSelectCore(
            columns: [.expression(.binary(.call("min", items.key), "+", .integer(1)), alias: nil)],
            from: items.from, whereClause: .and(conditions))))
        return Typed(ArraySQL.nullIfAnyNull(start.map { [$0] } ?? [], first), .integer("integer"))
    }

    /// array_to_string(array, separator [, null_string]): elements as PostgreSQL prints them
    /// (booleans `t`/`f`), NULL elements skipped unless null_string is given; '' for an empty array.
    private static func toText(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 2...3)
        let array = try argument(translator, call, 0)
        let storage = try ArrayElement.require(translator, array.type, "array_to_string()", at: call.node)
        let separator = try translator.translate(call.arguments[1], as: .text("text")).sql
        let atoms = ArraySQL.Atoms(array.sql, context: translator.context)
        let elementType = array.type.arrayElement ?? .any
        var text: SQLiteExpression
        if storage == .boolean {
            text = .when(atoms.value, then: .text("t"), else: .when(atoms.value.isNull(), then: .null, else: .text("f")))
        } else {
            text = try translator.textValue(Typed(atoms.value, elementType == .null ? .text("text") : elementType), at: call.node)
        }
        if call.arguments.count == 3 {
            let nullText = try translator.translate(call.arguments[2], as: .text("text")).sql
            text = .call("coalesce", text, nullText)
        }
        let joined = ArraySQL.orderedAggregate("group_concat", [text, separator], order: [SQLiteOrderingTerm(atoms.order)],
                                               from: atoms.from, where: atoms.condition)
        translator.context.rewrote("array_to_string", as: "group_concat over json_tree in array order", at: call.location)
        return Typed(ArraySQL.nullIfAnyNull([array.sql, separator], .call("coalesce", joined, .text(""))), .text("text"))
    }

    /// array_remove(array, value) drops the elements NOT DISTINCT FROM value; array_replace
    /// (array, old, new) replaces them. One-dimensional arrays (PostgreSQL refuses others).
    private static func edit(_ translator: ExpressionTranslator, _ call: FunctionCall, replacing: Bool) throws -> Typed {
        try translator.expectArguments(call, replacing ? 3...3 : 2...2)
        let array = try argument(translator, call, 0)
        let storage = try ArrayElement.require(translator, array.type, "\(call.name)()", at: call.node)
        let target = try element(translator, array, call.arguments[1], "\(call.name)()")
        let items = ArraySQL.Items(array.sql, context: translator.context)
        let matches = SQLiteExpression.binary(items.value, "IS", target.sql)
        let value: SQLiteExpression
        var condition: SQLiteExpression?
        if replacing {
            let replacement = try element(translator, array, call.arguments[2], "\(call.name)()")
            value = .when(matches, then: ArrayElement.json(replacement.sql, storage), else: items.json)
        } else {
            value = items.json
            condition = .prefix("NOT", matches)
        }
        let rebuilt = ArraySQL.orderedAggregate("json_group_array", [value], order: [SQLiteOrderingTerm(items.key)],
                                                from: items.from, where: condition)
        return Typed(ArraySQL.nullIfAnyNull([array.sql], .call("coalesce", rebuilt, .text("[]"))), array.type)
    }
}
