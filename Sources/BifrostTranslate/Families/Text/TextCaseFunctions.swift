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
    /// lowercases the rest. Letters and digits are ASCII ones or cased letters (`CaseMapping`);
    /// a value holding any other non-ASCII character stops with an error, since whether
    /// PostgreSQL counts it as alphanumeric depends on the C library.
    private static func initcap(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let text = try translator.textArgument(call.arguments[0], of: call).sql
        let alphanumerics = ScalarSet([48...57, 65...90, 97...122] + CaseMapping.casedLetters.ranges)
        let walk = CharacterWalk.subquery(
            over: text, alias: translator.context.freshAlias("initcap"), initialState: .integer(0),
            next: { .pattern($0.character, .glob, .text(GlobPattern.render(alphanumerics)), escape: nil, negated: false) },
            emit: { .when($0.state!, then: CaseFolding.foldCharacter($0.character, lowering: true),
                          else: CaseFolding.foldCharacter($0.character, lowering: false)) })
        let unknown = ScalarSet([1...127] + CaseMapping.casedLetters.ranges, negated: true)
        let hasUnknown = SQLiteExpression.pattern(text, .glob, .text("*" + GlobPattern.render(unknown) + "*"), escape: nil, negated: false)
        translator.context.rewrote("initcap()", as: "a walk over the characters", at: call.location)
        return Typed(RuntimeError.guarded(walk, failingWhen: hasUnknown,
                                          "initcap() of a non-ASCII character that is not a cased letter"),
                     TextSQL.type)
    }
}
