/// substr/substring, left, right, position/strpos, starts_with, split_part, reverse.
/// Positions are characters, as in PostgreSQL; SQLite's substr() counts negative starts from
/// the end, so starts below 1 are rewritten.
enum TextSliceFunctions {
    static let handlers: [String: FunctionHandler] = [
        "substr": { translator, call in try substring(translator, call) },
        "substring": { translator, call in try substring(translator, call) },
        "left": { translator, call in
            let (text, count) = try textAndCount(translator, call)
            // A negative count drops that many characters from the end.
            let all = SQLiteExpression.call("substr", text, .integer(1), count)
            let dropping = SQLiteExpression.call("substr", text, .integer(1),
                                                 TextSQL.greatest(.binary(.call("length", text), "+", count), .integer(0)))
            return Typed(choose(count, nonNegative: all, negative: dropping), TextSQL.type)
        },
        "right": { translator, call in
            let (text, count) = try textAndCount(translator, call)
            // substr(x, -0) would be all of x; substr(x, 1, 0) is '' (and NULL for NULL).
            let last = SQLiteExpression.when(.binary(count, "=", .integer(0)), then: .call("substr", text, .integer(1), .integer(0)),
                                             else: .call("substr", text, .prefix("-", count)))
            let dropping = SQLiteExpression.call("substr", text, .binary(.integer(1), "-", count))
            return Typed(choose(count, nonNegative: last, negative: dropping), TextSQL.type)
        },
        "strpos": { translator, call in
            try translator.expectArguments(call, 2...2)
            let arguments = try translator.textArguments(call)
            return Typed(.call("instr", arguments[0].sql, arguments[1].sql), .integer("integer"))
        },
        "position": { translator, call in
            // POSITION(a IN b) arrives as position(b, a).
            try translator.expectArguments(call, 2...2)
            let arguments = try translator.textArguments(call)
            return Typed(.call("instr", arguments[0].sql, arguments[1].sql), .integer("integer"))
        },
        "starts_with": { translator, call in
            try translator.expectArguments(call, 2...2)
            let arguments = try translator.textArguments(call)
            let prefix = arguments[1].sql
            return Typed(.binary(.call("substr", arguments[0].sql, .integer(1), .call("length", prefix)), "=", prefix), .boolean)
        },
        "split_part": { translator, call in try splitPart(translator, call) },
        "reverse": { translator, call in try reverse(translator, call) },
    ]

    private static func textAndCount(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> (SQLiteExpression, SQLiteExpression) {
        try translator.expectArguments(call, 2...2)
        return (try translator.textArgument(call.arguments[0], of: call).sql,
                try translator.integerArgument(call.arguments[1], of: call).sql)
    }

    /// Picks a branch by the sign of `count`, at translation time when it is a constant.
    private static func choose(_ count: SQLiteExpression, nonNegative: SQLiteExpression, negative: SQLiteExpression) -> SQLiteExpression {
        if let value = count.integerValue { return value >= 0 ? nonNegative : negative }
        return .when(.binary(count, ">=", .integer(0)), then: nonNegative, else: negative)
    }

    /// substr(x, start [, count]) / SUBSTRING(x FROM start FOR count) on text or bytea.
    private static func substring(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 2...3)
        let subject = try translator.translate(call.arguments[0])
        let value = subject.type == .bytea ? subject : try translator.textArgument(subject, at: call.arguments[0], of: call)
        let startValue = try translator.translate(call.arguments[1])
        if startValue.type.isTextual && startValue.literalText != nil || startValue.type.isTextual && startValue.type != .unknownLiteral {
            throw translator.refusal("unsupported-regex", "substring() with a regular expression or a quoted position", at: call.node)
        }
        let start = try translator.integerArgument(startValue, at: call.arguments[1], of: call).sql
        let text = value.sql
        guard call.arguments.count == 3 else {
            if let first = start.integerValue, first >= 1 { return Typed(.call("substr", text, start), value.type) }
            return Typed(.call("substr", text, TextSQL.greatest(start, .integer(1))), value.type)
        }
        let count = try translator.integerArgument(call.arguments[2], of: call).sql
        if let length = count.integerValue, length < 0 {
            throw translator.refusal("invalid-argument", "negative substring length (an error in PostgreSQL)", at: call.node)
        }
        // PostgreSQL takes the characters at positions start … start+count-1 that exist.
        let direct = SQLiteExpression.call("substr", text, start, count)
        let clipped = SQLiteExpression.call("substr", text, .integer(1),
                                            TextSQL.greatest(.binary(.binary(start, "+", count), "-", .integer(1)), .integer(0)))
        var result: SQLiteExpression
        if let first = start.integerValue {
            result = first >= 1 ? direct : clipped
        } else {
            result = .when(.binary(start, ">=", .integer(1)), then: direct, else: clipped)
        }
        if count.integerValue == nil {
            result = RuntimeFailure.guarded(result, failingWhen: .binary(count, "<", .integer(0)), "negative substring length not allowed")
        }
        return Typed(result, value.type)
    }

    /// split_part(text, delimiter, n): fields are walked by a recursive CTE; n < 0 counts from
    /// the end (PostgreSQL 14+); an empty delimiter makes the whole text field 1; n = 0 is an error.
    private static func splitPart(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 3...3)
        let text = try translator.textArgument(call.arguments[0], of: call).sql
        let delimiter = try translator.textArgument(call.arguments[1], of: call).sql
        let field = try translator.integerArgument(call.arguments[2], of: call).sql
        if field.integerValue == 0 {
            throw translator.refusal("invalid-argument", "split_part() field position 0 (an error in PostgreSQL)", at: call.node)
        }
        let walk = translator.context.freshAlias("split")
        let (indexName, fieldName, restName) = (walk + "_i", walk + "_field", walk + "_rest")
        let index = SQLiteExpression.column(table: nil, name: indexName)
        let rest = SQLiteExpression.column(table: nil, name: restName)
        let cut = SQLiteExpression.call("instr", rest, delimiter)
        let start = SQLiteSelectCore(columns: [.expression(.integer(0), alias: nil), .expression(.null, alias: nil),
                                               .expression(.binary(text, "||", delimiter), alias: nil)])
        let step = SQLiteSelectCore(
            columns: [.expression(.binary(index, "+", .integer(1)), alias: nil),
                      .expression(.call("substr", rest, .integer(1), .binary(cut, "-", .integer(1))), alias: nil),
                      .expression(.call("substr", rest, .binary(cut, "+", .call("length", delimiter))), alias: nil)],
            from: .table(name: walk, alias: nil),
            whereClause: .binary(rest, "<>", .text("")))
        let count = SQLiteSelect(SQLiteSelectCore(columns: [.expression(.call("max", index), alias: nil)],
                                                  from: .table(name: walk, alias: nil)))
        let wanted: SQLiteExpression = {
            let fromEnd = SQLiteExpression.binary(.binary(.subquery(count), "+", field), "+", .integer(1))
            if let value = field.integerValue { return value > 0 ? field : fromEnd }
            return .when(.binary(field, ">", .integer(0)), then: field, else: fromEnd)
        }()
        let select = SQLiteSelect(
            with: SQLiteWith(recursive: true, tables: [.init(name: walk, columns: [indexName, fieldName, restName],
                                                             select: SQLiteSelect(body: .compound(.core(start), .unionAll, .core(step))))]),
            body: .core(SQLiteSelectCore(columns: [.expression(.column(table: nil, name: fieldName), alias: nil)],
                                         from: .table(name: walk, alias: nil),
                                         whereClause: .binary(index, "=", wanted))))
        let wholeField = SQLiteExpression.when(.inList(field, [.integer(1), .integer(-1)], negated: false), then: text, else: .text(""))
        let split = SQLiteExpression.when(.binary(delimiter, "=", .text("")), then: wholeField,
                                          else: .call("coalesce", .subquery(select), .text("")))
        var result = TextSQL.strict(split, on: [text, delimiter, field])
        if field.integerValue == nil {
            result = RuntimeFailure.guarded(result, failingWhen: .binary(field, "=", .integer(0)), "split_part() field position must not be zero")
        }
        translator.context.rewrote("split_part()", as: "a recursive walk over the fields", at: call.location)
        return Typed(result, TextSQL.type)
    }

    /// reverse(text): each character of a walk is put in front of the previous ones.
    private static func reverse(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let text = try translator.textArgument(call.arguments[0], of: call).sql
        translator.context.rewrote("reverse()", as: "a walk over the characters", at: call.location)
        return Typed(CharacterWalk.subquery(over: text, alias: translator.context.freshAlias("reverse"), prepend: true) { $0.character },
                     TextSQL.type)
    }
}
