/// Timestamps, dates, times and intervals in Bifrost's storage format.
enum DateTimeOperators {
    static let operators: [String: OperatorHandler] = [:]

    static func arithmetic(_ translator: ExpressionTranslator, _ symbol: String, _ left: Typed, _ right: Typed,
                           node: ParseNode) throws -> Typed {
        throw translator.refusal("unsupported-syntax", "date/time arithmetic is not translated yet", at: node)
    }

    static func negateInterval(_ translator: ExpressionTranslator, _ value: Typed, node: ParseNode) throws -> Typed {
        throw translator.refusal("unsupported-syntax", "interval negation is not translated yet", at: node)
    }

    /// Two date/time operands of different types brought to one comparable type.
    static func commonTimestamps(_ translator: ExpressionTranslator, _ left: Typed, _ right: Typed,
                                 at node: ParseNode) throws -> (Typed, Typed) {
        throw translator.refusal("unsupported-syntax", "comparing \(left.type.postgresName ?? "?") with \(right.type.postgresName ?? "?") is not translated yet", at: node)
    }

    static func cast(_ translator: ExpressionTranslator, _ value: Typed, to target: SQLType, at node: ParseNode) throws -> Typed {
        throw translator.refusal("unsupported-cast", "cast to \(target.postgresName ?? "?") is not translated yet", at: node)
    }

    static func literal(_ translator: ExpressionTranslator, _ text: String, as type: SQLType, at node: ParseNode) throws -> SQLiteExpression {
        throw translator.refusal("unsupported-cast", "\(type.postgresName ?? "?") literals are not translated yet", at: node)
    }

    static func timestamptzText(_ translator: ExpressionTranslator, _ value: Typed, at node: ParseNode) throws -> SQLiteExpression {
        throw translator.refusal("unsupported-cast", "text of timestamptz is not translated yet", at: node)
    }

    static func intervalSortKey(_ translator: ExpressionTranslator, _ value: Typed, at node: ParseNode) throws -> SQLiteExpression {
        throw translator.refusal("runtime-interval", "ordering by an interval is not translated yet", at: node)
    }
}

/// Date/time functions and SQL value functions (CURRENT_TIMESTAMP …).
enum DateTimeFunctions {
    static let handlers: [String: FunctionHandler] = [:]

    static func sqlValueFunction(_ translator: ExpressionTranslator, _ node: ParseNode) throws -> Typed {
        throw translator.refusal("unsupported-function", "\(node.string("op") ?? "SQL value function") is not translated yet", at: node)
    }
}
