/// jsonb/json operators, casts and literals. Values are the stored JSON text (jsonb canonical,
/// json as written minus insignificant whitespace); see `JSONSQL` for the building blocks.
enum JSONOperators {
    static let operators: [String: OperatorHandler] = [
        "->": { translator, call in try access(translator, call, path: false, text: false) },
        "->>": { translator, call in try access(translator, call, path: false, text: true) },
        "#>": { translator, call in try access(translator, call, path: true, text: false) },
        "#>>": { translator, call in try access(translator, call, path: true, text: true) },
        "?": { translator, call in try JSONKeyTests.exists(translator, call) },
        "?|": { translator, call in try JSONKeyTests.existsAny(translator, call, all: false) },
        "?&": { translator, call in try JSONKeyTests.existsAny(translator, call, all: true) },
        "@>": { translator, call in try JSONContainment.operator(translator, call, leftContains: true) },
        "<@": { translator, call in try JSONContainment.operator(translator, call, leftContains: false) },
        "=": { translator, call in try JSONContainment.equality(translator, call, negated: false) },
        "<>": { translator, call in try JSONContainment.equality(translator, call, negated: true) },
        "!=": { translator, call in try JSONContainment.equality(translator, call, negated: true) },
        "-": { translator, call in try JSONModification.delete(translator, call) },
        "#-": { translator, call in try JSONModification.deletePath(translator, call) },
    ]

    static func concatenate(_ translator: ExpressionTranslator, _ left: Typed, _ right: Typed, node: ParseNode) throws -> Typed {
        try JSONModification.concatenate(translator, left, right, node: node)
    }

    /// A cast to json/jsonb; nil when `target` is not a JSON type.
    static func cast(_ translator: ExpressionTranslator, _ value: Typed, to target: SQLType, at node: ParseNode) throws -> Typed? {
        guard target.isJSON else { return nil }
        switch (value.type, target) {
        case (.jsonb, .json):
            // json_in of jsonb's output: the same text, which the storage form stores compact.
            return Typed(value.sql, .json)
        case (.any, _):
            return Typed(value.sql, target)
        default:
            throw translator.refusal("unsupported-cast", "cast from \(value.type.postgresName ?? "unknown") to \(target.postgresName!) at run time: PostgreSQL normalizes the JSON (key order, duplicate keys, numbers), which SQLite's json() does not", at: node)
        }
    }

    /// A json/jsonb literal in storage form; nil when `type` is not a JSON type.
    static func literal(_ translator: ExpressionTranslator, _ text: String, as type: SQLType, at node: ParseNode) throws -> SQLiteExpression? {
        guard type.isJSON else { return nil }
        return .text(try document(text, jsonb: type == .jsonb, translator, at: node).compactText)
    }

    /// The literal parsed as PostgreSQL parses it: jsonb canonical, json as written.
    static func document(_ text: String, jsonb: Bool, _ translator: ExpressionTranslator, at node: ParseNode) throws -> JSONDocument {
        do {
            let parsed = try JSONDocumentParser.parse(text, rejectNUL: jsonb)
            if jsonb { return try parsed.canonical() }
            return parsed
        } catch let error as JSONDocumentError {
            throw translator.refusal("invalid-literal", "invalid input syntax for type \(jsonb ? "jsonb" : "json"): \(error)", at: node)
        }
    }

    /// A constant jsonb operand (a literal, or a `'…'::jsonb` already in storage form), parsed.
    static func constant(_ value: Typed, _ translator: ExpressionTranslator, at node: ParseNode) throws -> JSONDocument? {
        if value.type == .unknownLiteral, let text = value.literalText {
            return try document(text, jsonb: true, translator, at: node)
        }
        if value.type == .jsonb, case let .literal(.text(stored)) = value.sql {
            return try document(stored, jsonb: true, translator, at: node)
        }
        return nil
    }

    // MARK: Element access

    private static func access(_ translator: ExpressionTranslator, _ call: OperatorCall, path: Bool, text: Bool) throws -> Typed? {
        guard let left = call.left, left.type.isJSON else { return nil }
        let steps = path ? try pathSteps(translator, call.right, node: call.node) : [try step(translator, call.right, node: call.node)]
        let access = JSONAccess(translator: translator, jsonb: left.type == .jsonb, node: call.node)
        if text { return Typed(try access.text(left.sql, steps), .text("text")) }
        return Typed(try access.element(left.sql, steps), left.type)
    }

    /// The right operand of `->`/`->>`: an integer indexes arrays, text names a key.
    static func step(_ translator: ExpressionTranslator, _ operand: Typed, node: ParseNode) throws -> JSONStep {
        if operand.type.isInteger {
            if let index = operand.sql.integerValue { return .index(Int(index)) }
            return .dynamicIndex(operand.sql)
        }
        let key = try translator.coerce(operand, to: .text("text"), at: node)
        guard key.type.isTextual || key.type.isOpen else {
            throw translator.refusal("unsupported-json", "a JSON key or index must be text or an integer, not \(operand.type.postgresName ?? "unknown")", at: node)
        }
        if case let .literal(.text(constant)) = key.sql { return .key(constant) }
        return .dynamicKey(key.sql)
    }

    /// A text[] path (`'{a,b,0}'`, `ARRAY['a','b']`), known at translation time.
    static func pathSteps(_ translator: ExpressionTranslator, _ operand: Typed, node: ParseNode) throws -> [JSONStep] {
        try constantTextArray(translator, operand, node: node, what: "a JSON path").map { element in
            guard let element else {
                throw translator.refusal("unsupported-json", "a JSON path with a NULL element", at: node)
            }
            return .pathElement(element)
        }
    }

    /// The elements of a text[] operand written as a literal or ARRAY[…] of string constants.
    /// `operandNode` is the operand's own parse node (the right side of an operator when nil).
    static func constantTextArray(_ translator: ExpressionTranslator, _ operand: Typed, node: ParseNode,
                                  operandNode: ParseNode? = nil, what: String) throws -> [String?] {
        if operand.type == .unknownLiteral, let text = operand.literalText {
            guard let elements = TextArrayLiteral.parse(text) else {
                throw translator.refusal("invalid-literal", "malformed array literal: \"\(text)\"", at: node)
            }
            return elements
        }
        if case let .array(element) = operand.type, element.isTextual, case let .literal(.text(stored)) = operand.sql,
           case let .array(items)? = try? JSONDocumentParser.parse(stored, rejectNUL: false) {
            // A text[] constant already in storage form (a JSON array of strings).
            let elements = items.map { item -> String?? in
                switch item {
                case let .string(text): return .some(text)
                case .null: return .some(nil)
                default: return nil
                }
            }
            if elements.allSatisfy({ $0 != nil }) { return elements.map { $0! } }
        }
        if let right = operandNode ?? node.node("rexpr"), right.tag == "A_ArrayExpr" {
            let elements = right.list("elements").map { element -> String?? in
                guard element.tag == "A_Const" else { return nil }
                if element.bool("isnull") { return .some(nil) }
                return element.embedded("sval", as: "String")?.string("sval").map { .some($0) }
            }
            if elements.allSatisfy({ $0 != nil }) { return elements.map { $0! } }
        }
        throw translator.refusal("unsupported-json", "\(what) must be a constant text array here", at: node)
    }
}

/// PostgreSQL's text form of a one-dimensional array: `{a,"b c",NULL}`.
enum TextArrayLiteral {
    static func parse(_ text: String) -> [String?]? {
        var characters = Substring(text.trimmingCharacters(in: .whitespaces))
        guard characters.hasPrefix("{"), characters.hasSuffix("}") else { return nil }
        characters = characters.dropFirst().dropLast()
        var elements: [String?] = []
        var current = ""
        var quoted = false
        var wasQuoted = false
        var escaped = false
        var sawAny = false
        for character in characters {
            sawAny = true
            if escaped { current.append(character); escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle(); wasQuoted = true
            case "," where !quoted:
                elements.append(finish(current, wasQuoted))
                current = ""
                wasQuoted = false
            case "{" where !quoted, "}" where !quoted: return nil
            default:
                // Whitespace around an element (or after its closing quote) is not part of it.
                if quoted || !character.isWhitespace || (!current.isEmpty && !wasQuoted) { current.append(character) }
            }
        }
        guard !quoted, !escaped else { return nil }
        if sawAny { elements.append(finish(current, wasQuoted)) }
        return elements
    }

    private static func finish(_ element: String, _ quoted: Bool) -> String? {
        if quoted { return element }
        let trimmed = element.trimmingCharacters(in: .whitespaces)
        return trimmed.uppercased() == "NULL" ? nil : trimmed
    }
}

extension JSONOperators {
    /// `::text` of a json/jsonb value: jsonb as PostgreSQL prints it (spaces after `:` and `,`),
    /// json as stored (its original insignificant whitespace is not kept).
    static func text(_ translator: ExpressionTranslator, _ value: Typed, at node: ParseNode) -> SQLiteExpression {
        if value.type == .jsonb {
            return JSONSQL.bind(value.sql, translator.context) { JSONSQL.spaced($0, translator.context) }
        }
        translator.context.warnOnce("json-whitespace", "json (not jsonb) values are stored without their insignificant whitespace; text of a json object or array is printed compact", at: node.location)
        return value.sql
    }
}
