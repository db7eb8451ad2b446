/// LIKE, ILIKE, SIMILAR TO and regular expressions.
enum PatternMatching {
    static let operators: [String: OperatorHandler] = [:]

    static func translate(_ translator: ExpressionTranslator, node: ParseNode) throws -> Typed {
        throw translator.refusal("unsupported-syntax", "pattern matching is not translated yet", at: node)
    }
}
