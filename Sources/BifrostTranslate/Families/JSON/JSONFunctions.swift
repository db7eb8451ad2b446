/// jsonb/json functions.
enum JSONFunctions {
    static let handlers: [String: FunctionHandler] = [
        "jsonb_build_object": { translator, call in try buildObject(translator, call, jsonb: true) },
        "json_build_object": { translator, call in try buildObject(translator, call, jsonb: false) },
        "jsonb_build_array": { translator, call in try buildArray(translator, call, jsonb: true) },
        "json_build_array": { translator, call in try buildArray(translator, call, jsonb: false) },
        "to_jsonb": { translator, call in try toJSON(translator, call, jsonb: true) },
        "to_json": { translator, call in try toJSON(translator, call, jsonb: false) },
        "jsonb_typeof": { translator, call in try typeOf(translator, call, .jsonb) },
        "json_typeof": { translator, call in try typeOf(translator, call, .json) },
        "jsonb_array_length": { translator, call in try arrayLength(translator, call, .jsonb) },
        "json_array_length": { translator, call in try arrayLength(translator, call, .json) },
        "jsonb_extract_path": { translator, call in try extractPath(translator, call, .jsonb, text: false) },
        "json_extract_path": { translator, call in try extractPath(translator, call, .json, text: false) },
        "jsonb_extract_path_text": { translator, call in try extractPath(translator, call, .jsonb, text: true) },
        "json_extract_path_text": { translator, call in try extractPath(translator, call, .json, text: true) },
        "jsonb_set": { translator, call in try JSONSet.translate(translator, call) },
        "jsonb_strip_nulls": { translator, call in try JSONSet.stripNulls(translator, call) },
        "jsonb_object_agg": { translator, call in try JSONObjectAggregate.translate(translator, call, jsonb: true) },
        "json_object_agg": { translator, call in try JSONObjectAggregate.translate(translator, call, jsonb: false) },
        "jsonb_pretty": { translator, call in
            throw translator.refusal("unsupported-function", "jsonb_pretty(): its indented layout is not reproduced in SQLite", at: call.node)
        },
    ]

    /// The single JSON argument of a function, a literal taking `type`.
    private static func document(_ translator: ExpressionTranslator, _ call: FunctionCall, _ type: SQLType, index: Int = 0) throws -> Typed {
        let value = try translator.translate(call.arguments[index], as: type)
        guard value.type == type else {
            throw translator.refusal("unsupported-function", "\(call.name)() expects \(type.postgresName!), not \(value.type.postgresName ?? "unknown")", at: call.node)
        }
        return value
    }

    private static func buildObject(_ translator: ExpressionTranslator, _ call: FunctionCall, jsonb: Bool) throws -> Typed {
        guard call.arguments.count % 2 == 0 else {
            throw translator.refusal("unsupported-function", "\(call.name)() needs an even number of arguments", at: call.node)
        }
        var members: [(key: SQLiteExpression, value: Typed)] = []
        for pair in stride(from: 0, to: call.arguments.count, by: 2) {
            let keyNode = call.arguments[pair]
            let key = try translator.translate(keyNode)
            let keyText: SQLiteExpression
            if key.type == .unknownLiteral, let text = key.literalText {
                keyText = .text(text)
            } else if key.type == .null {
                throw translator.refusal("invalid-argument", "\(call.name)(): argument \(pair + 1) (a key) must not be null", at: keyNode)
            } else if case let .literal(.integer(number)) = key.sql {
                keyText = .text(String(number))
            } else if jsonb {
                throw translator.refusal("unsupported-function", "\(call.name)() with keys known only at run time (jsonb orders and de-duplicates keys)", at: keyNode)
            } else {
                let text = try translator.textValue(key, at: keyNode)
                keyText = .call("coalesce", text, RuntimeFailure.raise("argument \(pair + 1): key must not be null"))
            }
            members.append((keyText, try translator.translate(call.arguments[pair + 1])))
        }
        if jsonb {
            // jsonb: the last of duplicate keys wins, keys in jsonb order.
            var latest: [String: Typed] = [:]
            for member in members { if case let .literal(.text(key)) = member.key { latest[key] = member.value } }
            members = latest.keys.sorted(by: JSONDocument.jsonbKeyOrder).map { (.text($0), latest[$0]!) }
        }
        if !jsonb { warnCompact(translator, call) }
        return Typed(try JSONElement.object(translator, members, jsonb: jsonb, at: call.node), jsonb ? .jsonb : .json)
    }

    private static func buildArray(_ translator: ExpressionTranslator, _ call: FunctionCall, jsonb: Bool) throws -> Typed {
        var parts: [SQLiteExpression] = [.text("[")]
        for (offset, argument) in call.arguments.enumerated() {
            if offset > 0 { parts.append(.text(",")) }
            parts.append(try JSONElement.render(translator, try translator.translate(argument), jsonb: jsonb, at: argument))
        }
        parts.append(.text("]"))
        if !jsonb { warnCompact(translator, call) }
        return Typed(JSONSQL.concat(parts), jsonb ? .jsonb : .json)
    }

    /// json_build_object/array print `"k" : v, …` in PostgreSQL; json values are stored compact.
    private static func warnCompact(_ translator: ExpressionTranslator, _ call: FunctionCall) {
        translator.context.warnOnce("json-whitespace", "json (not jsonb) values are stored without insignificant whitespace: \(call.name)() gives the compact text", at: call.location)
    }

    private static func toJSON(_ translator: ExpressionTranslator, _ call: FunctionCall, jsonb: Bool) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let value = try translator.translate(call.arguments[0])
        let type: SQLType = jsonb ? .jsonb : .json
        if value.type == .record {
            return Typed(try JSONElement.row(translator, value, jsonb: jsonb, at: call.node), type)
        }
        if value.type == .unknownLiteral {
            throw translator.refusal("unsupported-function", "\(call.name)() of an untyped literal (could not determine polymorphic type)", at: call.node)
        }
        return Typed(try JSONElement.renderNullable(translator, value, jsonb: jsonb, at: call.node) ?? .null, type)
    }

    private static func typeOf(_ translator: ExpressionTranslator, _ call: FunctionCall, _ type: SQLType) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let value = try document(translator, call, type)
        return Typed(JSONSQL.bind(value.sql, translator.context) { JSONSQL.typeName($0) }, .text("text"))
    }

    private static func arrayLength(_ translator: ExpressionTranslator, _ call: FunctionCall, _ type: SQLType) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let value = try document(translator, call, type)
        let length = JSONSQL.bind(value.sql, translator.context) { element in
            let (document, path) = JSONSQL.documentAndPath(element)
            return JSONSQL.nullIfNull([element], .when(.binary(JSONSQL.type(element), "=", .text("array")),
                                                       then: .call("json_array_length", document, path),
                                                       else: RuntimeFailure.raise("cannot get array length of a non-array")))
        }
        return Typed(length, .integer("integer"))
    }

    /// jsonb_extract_path(doc, VARIADIC text[]): `#>` with the path as arguments.
    private static func extractPath(_ translator: ExpressionTranslator, _ call: FunctionCall, _ type: SQLType, text: Bool) throws -> Typed {
        guard !call.arguments.isEmpty else { try translator.expectArguments(call, 1...1); fatalError() }
        let value = try document(translator, call, type)
        var steps: [JSONStep] = []
        for argument in call.arguments.dropFirst() {
            let element = try translator.translate(argument, as: .text("text"))
            guard case let .literal(.text(constant)) = element.sql else {
                throw translator.refusal("unsupported-function", "\(call.name)() with path elements known only at run time", at: argument)
            }
            steps.append(.pathElement(constant))
        }
        let access = JSONAccess(translator: translator, jsonb: type == .jsonb, node: call.node)
        if text { return Typed(try access.text(value.sql, steps), .text("text")) }
        return Typed(try access.element(value.sql, steps), type)
    }
}
