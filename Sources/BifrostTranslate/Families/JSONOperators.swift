/// jsonb/json operators, casts and literals.
enum JSONOperators {
    static let operators: [String: OperatorHandler] = [:]

    static func concatenate(_ translator: ExpressionTranslator, _ left: Typed, _ right: Typed, node: ParseNode) throws -> Typed {
        throw translator.refusal("unsupported-syntax", "jsonb || is not translated yet", at: node)
    }

    /// A cast to json/jsonb; nil when `target` is not a JSON type.
    static func cast(_ translator: ExpressionTranslator, _ value: Typed, to target: SQLType, at node: ParseNode) throws -> Typed? {
        nil
    }

    /// A json/jsonb literal in storage form; nil when `type` is not a JSON type.
    static func literal(_ translator: ExpressionTranslator, _ text: String, as type: SQLType, at node: ParseNode) throws -> SQLiteExpression? {
        nil
    }
}

/// jsonb/json functions.
enum JSONFunctions {
    static let handlers: [String: FunctionHandler] = [:]
}
