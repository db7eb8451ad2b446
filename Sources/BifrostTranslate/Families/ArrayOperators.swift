/// Arrays stored as JSON text: operators, constructors, subscripts, casts and literals.
enum ArrayOperators {
    static let operators: [String: OperatorHandler] = [:]

    /// `x op ANY (array)` / `x op ALL (array)`.
    static func quantified(_ translator: ExpressionTranslator, symbol: String, all: Bool, left: ParseNode,
                           right: ParseNode, node: ParseNode) throws -> Typed {
        throw translator.refusal("unsupported-syntax", "\(symbol) \(all ? "ALL" : "ANY") is not translated yet", at: node)
    }

    static func concatenate(_ translator: ExpressionTranslator, _ left: Typed, _ right: Typed, node: ParseNode) throws -> Typed {
        throw translator.refusal("unsupported-syntax", "array || is not translated yet", at: node)
    }

    static func cast(_ translator: ExpressionTranslator, _ value: Typed, to target: SQLType, at node: ParseNode) throws -> Typed? {
        nil
    }

    static func literal(_ translator: ExpressionTranslator, _ text: String, as type: SQLType, at node: ParseNode) throws -> SQLiteExpression? {
        nil
    }

    static func constructor(_ translator: ExpressionTranslator, _ node: ParseNode) throws -> Typed {
        throw translator.refusal("unsupported-syntax", "ARRAY[…] is not translated yet", at: node)
    }

    static func indirection(_ translator: ExpressionTranslator, _ node: ParseNode) throws -> Typed {
        throw translator.refusal("unsupported-syntax", "subscripts are not translated yet", at: node)
    }

    static func arrayOfSubquery(_ translator: ExpressionTranslator, _ select: SQLiteSelect, elementType: SQLType,
                                node: ParseNode) throws -> Typed {
        throw translator.refusal("unsupported-syntax", "ARRAY(subquery) is not translated yet", at: node)
    }
}

/// Array functions.
enum ArrayFunctions {
    static let handlers: [String: FunctionHandler] = [:]
}
