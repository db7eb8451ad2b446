/// lpad, rpad, repeat, btrim/ltrim/rtrim/trim, replace, translate.
enum TextEditFunctions {
    static let handlers: [String: FunctionHandler] = [
        "lpad": { translator, call in try pad(translator, call, left: true) },
        "rpad": { translator, call in try pad(translator, call, left: false) },
        "repeat": { translator, call in
            try translator.expectArguments(call, 2...2)
            let text = try translator.textArgument(call.arguments[0], of: call).sql
            let count = try translator.integerArgument(call.arguments[1], of: call).sql
            // zeroblob(NULL) is empty, so a NULL count needs its own test.
            return Typed(TextSQL.strict(TextSQL.repeated(text, count), on: [count]), TextSQL.type)
        },
        // PostgreSQL trims spaces by default, as SQLite does; both trim sets of characters.
        "btrim": { translator, call in try trim(translator, call, "trim") },
        "trim": { translator, call in try trim(translator, call, "trim") },
        "ltrim": { translator, call in try trim(translator, call, "ltrim") },
        "rtrim": { translator, call in try trim(translator, call, "rtrim") },
        "replace": { translator, call in
            try translator.expectArguments(call, 3...3)
            // Both leave the text unchanged when the searched string is empty.
            let arguments = try translator.textArguments(call)
            return Typed(.call("replace", arguments.map(\.sql)), TextSQL.type)
        },
        "translate": { translator, call in try translate(translator, call) },
    ]

    private static func trim(_ translator: ExpressionTranslator, _ call: FunctionCall, _ name: String) throws -> Typed {
        try translator.expectArguments(call, 1...2)
        return Typed(.call(name, try translator.textArguments(call).map(\.sql)), TextSQL.type)
    }

    /// lpad/rpad(text, length [, fill]): a text longer than `length` is cut to its first
    /// `length` characters (also by rpad); an empty fill leaves a shorter text as it is.
    private static func pad(_ translator: ExpressionTranslator, _ call: FunctionCall, left: Bool) throws -> Typed {
        try translator.expectArguments(call, 2...3)
        let text = try translator.textArgument(call.arguments[0], of: call).sql
        let length = try translator.integerArgument(call.arguments[1], of: call).sql
        let fill = call.arguments.count == 3 ? try translator.textArgument(call.arguments[2], of: call).sql : .text(" ")
        let cut = SQLiteExpression.call("substr", text, .integer(1), length)
        let missing = SQLiteExpression.binary(length, "-", .call("length", text))
        let padding = SQLiteExpression.call("substr", TextSQL.repeated(fill, missing), .integer(1), missing)
        let padded = left ? SQLiteExpression.binary(padding, "||", text) : .binary(text, "||", padding)
        return Typed(.caseWhen(SQLiteCase(operand: nil, branches: [
            .init(condition: .binary(.call("length", text), ">=", length), result: cut),
            .init(condition: .binary(fill, "=", .text("")), result: cut),
        ], otherwise: padded)), TextSQL.type)
    }

    /// translate(text, from, to): each character found in `from` becomes the character at the
    /// same position in `to` (the first occurrence in `from` wins), or is deleted when `to` is
    /// shorter — a walk over the characters with one lookup each.
    private static func translate(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 3...3)
        let arguments = try translator.textArguments(call).map(\.sql)
        let walk = CharacterWalk.subquery(over: arguments[0], alias: translator.context.freshAlias("translate")) {
            CharacterWalk.lookup($0.character, from: arguments[1], to: arguments[2], otherwise: $0.character)
        }
        translator.context.rewrote("translate()", as: "a walk over the characters", at: call.location)
        return Typed(TextSQL.strict(walk, on: [arguments[1], arguments[2]]), TextSQL.type)
    }
}
