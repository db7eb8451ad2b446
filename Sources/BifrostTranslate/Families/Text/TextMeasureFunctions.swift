/// length, octet_length, bit_length, ascii, chr, to_hex, md5.
enum TextMeasureFunctions {
    static let handlers: [String: FunctionHandler] = [
        "length": { translator, call in try characters(translator, call) },
        "char_length": { translator, call in try characters(translator, call) },
        "character_length": { translator, call in try characters(translator, call) },
        "octet_length": { translator, call in Typed(try bytes(translator, call), .integer("integer")) },
        "bit_length": { translator, call in
            Typed(.binary(try bytes(translator, call), "*", .integer(8)), .integer("integer"))
        },
        "ascii": { translator, call in
            try translator.expectArguments(call, 1...1)
            let text = try translator.textArgument(call.arguments[0], of: call).sql
            // unicode('') is NULL; PostgreSQL answers 0.
            return Typed(.when(.binary(text, "=", .text("")), then: .integer(0), else: .call("unicode", text)), .integer("integer"))
        },
        "chr": { translator, call in
            try translator.expectArguments(call, 1...1)
            let code = try translator.integerArgument(call.arguments[0], of: call).sql
            if let value = code.integerValue, value <= 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) {
                throw translator.refusal("invalid-argument", "chr(\(value)) is an error in PostgreSQL", at: call.node)
            }
            let invalid = SQLiteExpression.or([.binary(code, "<=", .integer(0)), .binary(code, ">", .integer(0x10FFFF)),
                                               .between(code, low: .integer(0xD800), high: .integer(0xDFFF), negated: false)])
            let character = RuntimeFailure.guarded(.call("char", code), failingWhen: invalid, "chr() of an invalid code point")
            return Typed(TextSQL.strict(character, on: [code]), TextSQL.type)
        },
        "to_hex": { translator, call in
            try translator.expectArguments(call, 1...1)
            let value = try translator.integerArgument(call.arguments[0], of: call)
            // Negative numbers print as two's complement of the argument's width (int or bigint).
            let bits: SQLiteExpression = value.type == .integer("bigint") ? value.sql
                : .binary(value.sql, "&", .integer(0xFFFF_FFFF))
            return Typed(TextSQL.strict(.call("printf", .text("%x"), bits), on: [value.sql]), TextSQL.type)
        },
        "md5": { translator, call in
            throw translator.refusal("unsupported-function", "md5() has no equivalent in SQLite without extensions", at: call.node)
        },
    ]

    /// Characters of text (PostgreSQL ignores char(n)'s padding), bytes of bytea.
    private static func characters(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let value = try translator.translate(call.arguments[0])
        if value.type == .bytea { return Typed(.call("length", value.sql), .integer("integer")) }
        let text = try translator.textArgument(value, at: call.arguments[0], of: call)
        let counted = text.type.isBlankPadded ? SQLiteExpression.call("rtrim", text.sql, .text(" ")) : text.sql
        return Typed(.call("length", counted), .integer("integer"))
    }

    /// UTF-8 bytes of text, bytes of bytea.
    private static func bytes(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> SQLiteExpression {
        try translator.expectArguments(call, 1...1)
        let value = try translator.translate(call.arguments[0])
        if value.type == .bytea { return .call("length", value.sql) }
        let text = try translator.textArgument(value, at: call.arguments[0], of: call)
        return .call("length", .cast(text.sql, as: "BLOB"))
    }
}
