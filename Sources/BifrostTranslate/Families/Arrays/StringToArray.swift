/// string_to_array(text, separator [, null_string]) with PostgreSQL's special cases: NULL text →
/// NULL, '' → empty array, NULL separator → one element per character, '' separator → the
/// whole text as one element; elements equal to null_string become NULL.
enum StringToArray {
    static func translate(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 2...3)
        let text = try translator.translate(call.arguments[0], as: .text("text"))
        let separator = try translator.translate(call.arguments[1], as: .text("text"))
        for value in [text, separator] where !(value.type.isTextual || value.type.isOpen) {
            throw translator.refusal("unsupported-function", "string_to_array() of \(value.type.postgresName ?? "?")", at: call.node)
        }
        let nullText = try call.arguments.count == 3 ? translator.translate(call.arguments[2], as: .text("text")).sql : nil
        let context = translator.context
        func element(_ part: SQLiteExpression) -> SQLiteExpression {
            guard let nullText else { return part }
            return .when(.binary(part, "=", nullText), then: .null, else: part)
        }
        var branches: [SQLiteCase.Branch] = [
            .init(condition: text.sql.isNull(), result: .null),
            .init(condition: .binary(text.sql, "=", .text("")), result: .text("[]")),
        ]
        let constantSeparator: String? = if case let .literal(.text(value)) = separator.sql { value } else { nil }
        if constantSeparator == nil || separator.sql == .null {
            branches.append(.init(condition: separator.sql.isNull(), result: characters(text.sql, element, context)))
        }
        if constantSeparator == nil || constantSeparator == "" {
            branches.append(.init(condition: .binary(separator.sql, "=", .text("")), result: .call("json_array", element(text.sql))))
        }
        let split = separator.sql == .null ? SQLiteExpression.null : pieces(text.sql, separator.sql, element, context)
        context.rewrote("string_to_array", as: "recursive split into json_group_array", at: call.location)
        return Typed(.caseWhen(SQLiteCase(operand: nil, branches: branches, otherwise: split)), .array(.text("text")))
    }

    /// The pieces between separators: `WITH RECURSIVE parts(part, rest, n)` consuming
    /// `text || separator` one separator at a time.
    private static func pieces(_ text: SQLiteExpression, _ separator: SQLiteExpression,
                               _ element: (SQLiteExpression) -> SQLiteExpression, _ context: TranslationContext) -> SQLiteExpression {
        let name = context.freshAlias("parts")
        let rest = SQLiteExpression.column(table: name, name: "_rest")
        let at = SQLiteExpression.call("instr", rest, separator)
        let seed = SQLiteSelectCore(columns: [.expression(.null, alias: nil), .expression(.binary(text, "||", separator), alias: nil),
                                              .expression(.integer(0), alias: nil)])
        let step = SQLiteSelectCore(columns: [
            .expression(.call("substr", rest, .integer(1), .binary(at, "-", .integer(1))), alias: nil),
            .expression(.call("substr", rest, .binary(at, "+", .call("length", separator))), alias: nil),
            .expression(.binary(.column(table: name, name: "_n"), "+", .integer(1)), alias: nil),
        ], from: .table(name: name, alias: nil), whereClause: .binary(rest, "<>", .text("")))
        return collect(name, seed: seed, step: step, element: element)
    }

    /// One element per character.
    private static func characters(_ text: SQLiteExpression, _ element: (SQLiteExpression) -> SQLiteExpression,
                                   _ context: TranslationContext) -> SQLiteExpression {
        let name = context.freshAlias("parts")
        let n = SQLiteExpression.column(table: name, name: "_n")
        let seed = SQLiteSelectCore(columns: [.expression(.null, alias: nil), .expression(.null, alias: nil),
                                              .expression(.integer(0), alias: nil)])
        let step = SQLiteSelectCore(columns: [
            .expression(.call("substr", text, .binary(n, "+", .integer(1)), .integer(1)), alias: nil),
            .expression(.null, alias: nil),
            .expression(.binary(n, "+", .integer(1)), alias: nil),
        ], from: .table(name: name, alias: nil), whereClause: .binary(n, "<", .call("length", text)))
        return collect(name, seed: seed, step: step, element: element)
    }

    /// The parts numbered n ≥ 1, as a JSON array in order.
    private static func collect(_ name: String, seed: SQLiteSelectCore, step: SQLiteSelectCore,
                                element: (SQLiteExpression) -> SQLiteExpression) -> SQLiteExpression {
        let n = SQLiteExpression.column(table: name, name: "_n")
        let part = SQLiteExpression.column(table: name, name: "_part")
        guard case let .subquery(select) = ArraySQL.orderedAggregate(
            "json_group_array", [element(part)], order: [SQLiteOrderingTerm(n)],
            from: .table(name: name, alias: nil), where: .binary(n, ">", .integer(0))) else { return .null }
        var withParts = select
        withParts.with = SQLiteWith(recursive: true, tables: [
            .init(name: name, columns: ["_part", "_rest", "_n"],
                  select: SQLiteSelect(body: .compound(.core(seed), .unionAll, .core(step)))),
        ])
        return .subquery(withParts)
    }
}
