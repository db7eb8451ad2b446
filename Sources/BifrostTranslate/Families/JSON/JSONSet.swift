/// jsonb_set and jsonb_strip_nulls.
enum JSONSet {
    /// jsonb_set(target, path, new [, create_missing]): an existing value is replaced in place;
    /// a missing last key is added to its object in jsonb key order, a missing array index
    /// appends (or, when negative, prepends) the value.
    static func translate(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 3...4)
        let target = try translator.translate(call.arguments[0], as: .jsonb)
        let pathValue = try translator.translate(call.arguments[1])
        let replacement = try translator.translate(call.arguments[2], as: .jsonb)
        guard target.type == .jsonb, replacement.type == .jsonb || replacement.type == .null else {
            throw translator.refusal("unsupported-function", "jsonb_set() expects jsonb arguments", at: call.node)
        }
        var create = true
        if call.arguments.count == 4 {
            let flag = try translator.translate(call.arguments[3], as: .boolean)
            guard let value = flag.sql.integerValue else {
                throw translator.refusal("unsupported-function", "jsonb_set() with create_missing known only at run time", at: call.arguments[3])
            }
            create = value != 0
        }
        let elements = try JSONOperators.constantTextArray(translator, pathValue, node: call.node, operandNode: call.arguments[1], what: "the jsonb_set() path").map {
            try $0 ?? { throw translator.refusal("unsupported-function", "jsonb_set() path with a NULL element", at: call.node) }()
        }
        guard let last = elements.last else { return target }
        let context = translator.context
        let result = JSONSQL.bind(target.sql, context) { document in
            let full = JSONModification.resolvedPath(document, elements, translator)
            let parent = JSONModification.resolvedPath(document, Array(elements.dropLast()), translator)
            let parentType: SQLiteExpression = parent == .text("$") ? .call("json_type", document) : .call("json_type", document, parent)
            let new = replacement.sql
            let replaceAt = { (path: SQLiteExpression, value: SQLiteExpression) -> SQLiteExpression in
                path == .text("$") ? value : .call("json_set", document, path, .call("json", value))
            }
            let parentValue = parent == .text("$") ? document : SQLiteExpression.binary(document, "->", parent)
            let addedMember = JSONSQL.concat([.text("{" + JSONDocument.quoted(last) + ":"), new, .text("}")])
            let prepended = JSONSQL.concat([.text("["), new,
                                            .when(.binary(parentValue, "=", .text("[]")), then: .text("]"),
                                                  else: JSONSQL.concat([.text(","), .call("substr", parentValue, .integer(2))]))])
            let negative = (JSONStep.pathIndex(last) ?? 0) < 0
            var branches: [SQLiteCase.Branch] = [
                .init(condition: .prefix("NOT", .inList(.call("json_type", document), [.text("object"), .text("array")], negated: false)),
                      result: RuntimeFailure.raise("cannot set path in scalar")),
                .init(condition: .postfix(.call("json_type", document, full), "IS NOT NULL"),
                      result: .call("json_set", document, full, .call("json", new))),
            ]
            if create {
                branches.append(.init(condition: .binary(parentType, "=", .text("object")),
                                      result: replaceAt(parent, JSONModification.merge(translator, parentValue, addedMember))))
                branches.append(.init(condition: .binary(parentType, "=", .text("array")),
                                      result: negative ? replaceAt(parent, prepended)
                                        : .call("json_insert", document, JSONSQL.concat([parent, .text("[#]")]), .call("json", new))))
            }
            return JSONSQL.nullIfNull([document, new], .caseWhen(SQLiteCase(operand: nil, branches: branches, otherwise: document)))
        }
        return Typed(result, .jsonb)
    }

    /// jsonb_strip_nulls: removes every object member whose value is null, at any depth
    /// (array elements stay), one json_remove per member in a recursive CTE.
    static func stripNulls(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let value = try translator.translate(call.arguments[0], as: .jsonb)
        guard value.type == .jsonb else {
            throw translator.refusal("unsupported-function", "jsonb_strip_nulls() expects jsonb", at: call.node)
        }
        let context = translator.context
        // Bound first: the CTE below may not hold an aggregate of the outer query.
        let result = JSONSQL.bind(value.sql, context) { document in
            let (nulls, steps, tree) = (context.freshAlias("jn"), context.freshAlias("jn"), context.freshAlias("jn"))
            let column = { (table: String, name: String) in SQLiteExpression.column(table: table, name: name) }
            let numbered = SQLiteExpression.function(SQLiteFunctionCall(name: "row_number", window: SQLiteWindow(orderBy: [SQLiteOrderingTerm(column(tree, "id"))])))
            let nullMembers = SQLiteSelect(SQLiteSelectCore(
                columns: [.expression(numbered, alias: nil), .expression(column(tree, "fullkey"), alias: nil)],
                from: .tableFunction(name: "json_tree", arguments: [document], alias: tree),
                whereClause: .and([.binary(column(tree, "type"), "=", .text("null")),
                                   .binary(.call("typeof", column(tree, "key")), "=", .text("text"))])))
            let removed = SQLiteExpression.when(.binary(.call("json_type", column(steps, "d"), column(nulls, "path")), "=", .text("null")),
                                                then: .call("json_remove", column(steps, "d"), column(nulls, "path")),
                                                else: RuntimeFailure.raise("a JSON key containing a double quote cannot be addressed in SQLite"))
            let anchor = SQLiteSelectCore(columns: [.expression(.integer(0), alias: nil), .expression(document, alias: nil)])
            let step = SQLiteSelectCore(
                columns: [.expression(.binary(column(steps, "n"), "+", .integer(1)), alias: nil), .expression(removed, alias: nil)],
                from: .join(.table(name: steps, alias: nil), .inner, .table(name: nulls, alias: nil),
                            on: .binary(column(nulls, "n"), "=", .binary(column(steps, "n"), "+", .integer(1))), using: []))
            let with = SQLiteWith(recursive: true, tables: [
                .init(name: nulls, columns: ["n", "path"], select: nullMembers),
                .init(name: steps, columns: ["n", "d"], select: SQLiteSelect(body: .compound(.core(anchor), .unionAll, .core(step)))),
            ])
            return SQLiteExpression.subquery(SQLiteSelect(
                with: with,
                body: .core(SQLiteSelectCore(columns: [.expression(column(steps, "d"), alias: nil)], from: .table(name: steps, alias: nil))),
                orderBy: [SQLiteOrderingTerm(column(steps, "n"), descending: true)], limit: .integer(1)))
        }
        return Typed(result, .jsonb)
    }
}
