/// concat, concat_ws, format, quote_literal, quote_nullable: values rendered as PostgreSQL's
/// text output (`textValue`), NULL handling as PostgreSQL's (SQLite's `||` yields NULL).
enum TextJoinFunctions {
    static let handlers: [String: FunctionHandler] = [
        "concat": { translator, call in
            guard !call.arguments.isEmpty else {
                throw translator.refusal("unsupported-function", "concat() needs at least one argument", at: call.node)
            }
            // NULL arguments are ignored.
            let parts = try renderedArguments(translator, call.arguments).map { SQLiteExpression.call("coalesce", $0, .text("")) }
            return Typed(joined(parts), TextSQL.type)
        },
        "concat_ws": { translator, call in
            guard call.arguments.count >= 2 else {
                throw translator.refusal("unsupported-function", "concat_ws() needs a separator and at least one value", at: call.node)
            }
            let separator = try translator.textArgument(call.arguments[0], of: call).sql
            // Each non-NULL value gets the separator in front; the first separator is cut off.
            let parts = try renderedArguments(translator, Array(call.arguments.dropFirst())).map {
                SQLiteExpression.call("coalesce", .binary(separator, "||", $0), .text(""))
            }
            let text = SQLiteExpression.call("substr", joined(parts), .binary(.call("length", separator), "+", .integer(1)))
            return Typed(TextSQL.strict(text, on: [separator]), TextSQL.type)
        },
        "format": { translator, call in try format(translator, call) },
        "quote_literal": { translator, call in
            try translator.expectArguments(call, 1...1)
            return Typed(quoteLiteral(try renderedArguments(translator, call.arguments)[0]), TextSQL.type)
        },
        "quote_nullable": { translator, call in
            try translator.expectArguments(call, 1...1)
            let value = try renderedArguments(translator, call.arguments)[0]
            return Typed(.call("coalesce", quoteLiteral(value), .text("NULL")), TextSQL.type)
        },
        "quote_ident": { translator, call in
            throw translator.refusal("unsupported-function", "quote_ident() depends on PostgreSQL's keyword list", at: call.node)
        },
    ]

    /// Arguments as PostgreSQL's output functions print them (booleans as t/f, unlike a cast
    /// to text); untyped literals are text.
    static func renderedArguments(_ translator: ExpressionTranslator, _ nodes: [ParseNode]) throws -> [SQLiteExpression] {
        try nodes.map { node in
            let value = try translator.translate(node)
            if value.type == .boolean {
                return .caseWhen(SQLiteCase(operand: nil, branches: [.init(condition: value.sql, result: .text("t")),
                                                                     .init(condition: .prefix("NOT", value.sql), result: .text("f"))],
                                            otherwise: nil))
            }
            return try translator.textValue(value.type.isOpen ? translator.coerce(value, to: .text("text"), at: node) : value, at: node)
        }
    }

    private static func joined(_ parts: [SQLiteExpression]) -> SQLiteExpression {
        parts.dropFirst().reduce(parts[0]) { .binary($0, "||", $1) }
    }

    /// quote_literal(): `'…'` with quotes doubled; with a backslash, `E'…'` with backslashes
    /// doubled too. NULL stays NULL.
    static func quoteLiteral(_ text: SQLiteExpression) -> SQLiteExpression {
        let quotesDoubled = SQLiteExpression.call("replace", text, .text("'"), .text("''"))
        let plain = SQLiteExpression.binary(.binary(.text("'"), "||", quotesDoubled), "||", .text("'"))
        let escaped = SQLiteExpression.binary(
            .binary(.text("E'"), "||", .call("replace", quotesDoubled, .text("\\"), .text("\\\\"))), "||", .text("'"))
        return .when(.binary(.call("instr", text, .text("\\")), ">", .integer(0)), then: escaped, else: plain)
    }

    /// format() with a constant format string using `%s`, `%L` and `%%` (arguments in order).
    private static func format(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        guard let formatNode = call.arguments.first else {
            throw translator.refusal("unsupported-function", "format() needs a format string", at: call.node)
        }
        let formatValue = try translator.textArgument(formatNode, of: call)
        guard let formatText = formatValue.literalText else {
            throw translator.refusal("unsupported-function", "format() with a format string known only at run time", at: call.node)
        }
        let arguments = try renderedArguments(translator, Array(call.arguments.dropFirst()))
        var parts: [SQLiteExpression] = []
        var literal = ""
        var next = 0
        var scalars = formatText.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "%" else { literal.unicodeScalars.append(scalar); continue }
            let conversion = scalars.next()
            if conversion == "%" { literal += "%"; continue }
            guard conversion == "s" || conversion == "L" else {
                throw translator.refusal("unsupported-function", "format() conversion %\(conversion.map(String.init) ?? "") (only %s, %L and %% are translated)", at: call.node)
            }
            guard next < arguments.count else {
                throw translator.refusal("invalid-argument", "format() has too few arguments (an error in PostgreSQL)", at: call.node)
            }
            if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
            let argument = arguments[next]
            next += 1
            // %s prints NULL as ''; %L as NULL.
            parts.append(conversion == "s" ? .call("coalesce", argument, .text(""))
                                           : .call("coalesce", quoteLiteral(argument), .text("NULL")))
        }
        if !literal.isEmpty || parts.isEmpty { parts.append(.text(literal)) }
        return Typed(joined(parts), TextSQL.type)
    }
}
