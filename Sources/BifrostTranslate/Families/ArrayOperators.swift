/// Arrays stored as JSON text: operators, constructors, subscripts, casts and literals.
/// The work is done in `Families/Arrays/`; these are the entry points the core calls.
enum ArrayOperators {
    static let operators: [String: OperatorHandler] = ArrayContainment.operators

    /// `x op ANY (array)` / `x op ALL (array)`.
    static func quantified(_ translator: ExpressionTranslator, symbol: String, all: Bool, left: ParseNode,
                           right: ParseNode, node: ParseNode) throws -> Typed {
        try QuantifiedComparison.translate(translator, symbol: symbol, all: all, left: left, right: right, node: node)
    }

    static func concatenate(_ translator: ExpressionTranslator, _ left: Typed, _ right: Typed, node: ParseNode) throws -> Typed {
        try ArrayConstruction.concatenate(translator, left, right, node: node)
    }

    static func cast(_ translator: ExpressionTranslator, _ value: Typed, to target: SQLType, at node: ParseNode) throws -> Typed? {
        try ArrayConstruction.cast(translator, value, to: target, at: node)
    }

    static func literal(_ translator: ExpressionTranslator, _ text: String, as type: SQLType, at node: ParseNode) throws -> SQLiteExpression? {
        try ArrayLiteral.storage(translator, text, as: type, at: node)
    }

    static func constructor(_ translator: ExpressionTranslator, _ node: ParseNode) throws -> Typed {
        try ArrayConstruction.constructor(translator, node)
    }

    static func indirection(_ translator: ExpressionTranslator, _ node: ParseNode) throws -> Typed {
        try ArraySubscripts.translate(translator, node)
    }

    static func arrayOfSubquery(_ translator: ExpressionTranslator, _ select: SQLiteSelect, elementType: SQLType,
                                node: ParseNode) throws -> Typed {
        try ArrayConstruction.ofSubquery(translator, select, elementType: elementType, node: node)
    }
}

/// Array functions and the aggregates that build arrays and strings.
enum ArrayFunctions {
    static let handlers: [String: FunctionHandler] = ArrayScalarFunctions.handlers
        .merging(ArrayAggregates.handlers) { first, _ in first }
}
