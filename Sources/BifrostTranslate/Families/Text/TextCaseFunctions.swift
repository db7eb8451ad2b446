/// lower, upper, initcap with PostgreSQL's Unicode case mapping (see `CaseFolding`).
enum TextCaseFunctions {
    static let handlers: [String: FunctionHandler] = [
        "lower": { translator, call in try fold(translator, call, lowering: true) },
        "upper": { translator, call in try fold(translator, call, lowering: false) },
        "initcap": { translator, call in try initcap(translator, call) },
    ]

    private static func fold(_ translator: ExpressionTranslator, _ call: FunctionCall, lowering: Bool) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let text = try translator.textArgument(call.arguments[0], of: call)
        if let literal = text.literalText, literal.unicodeScalars.allSatisfy(\.isASCII) {
            return Typed(.call(call.name, text.sql), TextSQL.type)
        }
        translator.context.rewrote("\(call.name)()", as: "SQLite's \(call.name)() for ASCII text, else a walk folding each character by Unicode's simple case mapping", at: call.location)
        let alias = translator.context.freshAlias(call.name)
        return Typed(lowering ? CaseFolding.lower(text.sql, alias: alias) : CaseFolding.upper(text.sql, alias: alias), TextSQL.type)
    }

    /// PostgreSQL uppercases the first letter or digit of each run of letters and digits and
    /// lowercases the rest, with the C library's `iswalnum` deciding what a letter or digit is
    /// (`RegexClasses.alphanumeric`: a combining mark is not one, so it ends a word).
    private static func initcap(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let text = try translator.textArgument(call.arguments[0], of: call).sql
        let alphanumeric = SQLiteExpression.text(GlobPattern.render(RegexClasses.alphanumeric))
        let walk = CharacterWalk.subquery(
            over: text, alias: translator.context.freshAlias("initcap"), initialState: .integer(0),
            next: { .pattern($0.character, .glob, alphanumeric, escape: nil, negated: false) },
            emit: { .when($0.state!, then: CaseFolding.foldCharacter($0.character, lowering: true),
                          else: CaseFolding.foldCharacter($0.character, lowering: false)) })
        translator.context.rewrote("initcap()", as: "a walk over the characters", at: call.location)
        return Typed(walk, TextSQL.type)
    }
}
