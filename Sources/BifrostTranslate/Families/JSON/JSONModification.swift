/// jsonb `-`, `#-`, `||` and jsonb_set, keeping the stored text canonical: SQLite's
/// json_remove/json_set copy untouched values byte for byte; new object keys are placed in
/// jsonb's key order by rebuilding the object.
enum JSONModification {
    static func delete(_ translator: ExpressionTranslator, _ call: OperatorCall) throws -> Typed? {
        guard let left = call.left, left.type == .jsonb else {
            if call.left?.type == .json { throw translator.refusal("unsupported-json", "operator - does not exist for json", at: call.node) }
            return nil
        }
        let document = left.sql
        let failure = RuntimeFailure.raise("cannot delete from a scalar, or from an object by index")
        if call.right.type.isInteger {
            let segment: SQLiteExpression = call.right.sql.integerValue.map { .text(JSONSQL.indexSegment(Int($0))) }
                ?? JSONSQL.dynamicIndexSegment(call.right.sql)
            let removed = SQLiteExpression.call("json_remove", document, JSONSQL.concat([.text("$"), segment]))
            return Typed(guarded(document, [call.right.sql], .when(.binary(.call("json_type", document), "=", .text("array")), then: removed, else: failure)), .jsonb)
        }
        if call.right.type.isArray || (call.right.type == .unknownLiteral && call.right.literalText?.hasPrefix("{") == true) {
            let keys = try JSONOperators.constantTextArray(translator, call.right, node: call.node, what: "the keys to delete").compactMap { $0 }
            let result = try keys.reduce(document) { try deleteKey(translator, $0, .text($1), node: call.node) }
            return Typed(result, .jsonb)
        }
        let key = try translator.coerce(call.right, to: .text("text"), at: call.node)
        return Typed(try deleteKey(translator, document, key.sql, node: call.node), .jsonb)
    }

    /// `jsonb - text`: the key from an object, every equal string from an array.
    private static func deleteKey(_ translator: ExpressionTranslator, _ document: SQLiteExpression, _ key: SQLiteExpression,
                                  node: ParseNode) throws -> SQLiteExpression {
        let segment: SQLiteExpression
        if case let .literal(.text(constant)) = key {
            guard let static_ = JSONSQL.keySegment(constant) else {
                throw translator.refusal("unsupported-json", "JSON key \"\(constant)\" contains a double quote, which SQLite's JSON paths cannot address", at: node)
            }
            segment = .text(static_)
        } else {
            segment = JSONSQL.dynamicKeySegment(key)
        }
        let row = translator.context.freshAlias("jd")
        let column = { (name: String) in SQLiteExpression.column(table: row, name: name) }
        let keptElements = arrayOf(translator, from: document, row: row,
                                   where: .prefix("NOT", .and([.binary(column("type"), "=", .text("text")), .binary(column("value"), "=", key)])))
        return JSONSQL.bind(document, translator.context) { value in
            guarded(value, [key], .caseWhen(SQLiteCase(operand: .call("json_type", value), branches: [
                .init(condition: .text("object"), result: .call("json_remove", value, JSONSQL.concat([.text("$"), segment]))),
                .init(condition: .text("array"), result: keptElements(value)),
            ], otherwise: RuntimeFailure.raise("cannot delete from scalar"))))
        }
    }

    /// The elements of `array` meeting `condition`, copied as stored, in order.
    private static func arrayOf(_ translator: ExpressionTranslator, from document: SQLiteExpression, row: String,
                                where condition: SQLiteExpression) -> (SQLiteExpression) -> SQLiteExpression {
        { array in
            let column = { (name: String) in SQLiteExpression.column(table: row, name: name) }
            return JSONSQL.container(.binary(column("json"), "->", column("fullkey")), open: "[", close: "]",
                                     order: [SQLiteOrderingTerm(column("id"))],
                                     from: .tableFunction(name: "json_each", arguments: [array], alias: row), where: condition)
        }
    }

    /// NULL when any operand is NULL (checked before a branch that would fail on NULL).
    static func guarded(_ document: SQLiteExpression, _ others: [SQLiteExpression], _ expression: SQLiteExpression) -> SQLiteExpression {
        JSONSQL.nullIfNull([document] + others, expression)
    }

    /// `jsonb #- text[]`: json_remove at the resolved path.
    static func deletePath(_ translator: ExpressionTranslator, _ call: OperatorCall) throws -> Typed? {
        guard let left = call.left, left.type == .jsonb else { return nil }
        let elements = try JSONOperators.constantTextArray(translator, call.right, node: call.node, what: "a JSON path").map {
            try $0 ?? { throw translator.refusal("unsupported-json", "a JSON path with a NULL element", at: call.node) }()
        }
        guard !elements.isEmpty else { return left }
        let result = JSONSQL.bind(left.sql, translator.context) { document in
            let path = resolvedPath(document, elements, translator)
            return guarded(document, [], .when(.inList(.call("json_type", document), [.text("object"), .text("array")], negated: false),
                                               then: .call("json_remove", document, path),
                                               else: RuntimeFailure.raise("cannot delete path in scalar")))
        }
        return Typed(result, .jsonb)
    }

    /// A text[] path as a SQLite path, each element an index or a key depending on whether an
    /// array or an object is there (a non-integer element on an array fails, as in PostgreSQL).
    static func resolvedPath(_ document: SQLiteExpression, _ elements: [String], _ translator: ExpressionTranslator) -> SQLiteExpression {
        elements.reduce(SQLiteExpression.text("$")) { prefix, element in
            let keyed: SQLiteExpression = JSONSQL.keySegment(element).map { .text($0) }
                ?? RuntimeFailure.raise("a JSON key containing a double quote cannot be addressed in SQLite")
            let indexed: SQLiteExpression = JSONStep.pathIndex(element).map { .text(JSONSQL.indexSegment($0)) }
                ?? RuntimeFailure.raise("path element \"\(element)\" is not an integer")
            let type: SQLiteExpression = prefix == .text("$") ? .call("json_type", document) : .call("json_type", document, prefix)
            return JSONSQL.concat([prefix, .when(.binary(type, "=", .text("array")), then: indexed, else: keyed)])
        }
    }

    // MARK: ||

    /// `jsonb || jsonb`: two objects merge (right wins, keys in jsonb order); otherwise both
    /// sides become arrays (a non-array as a one-element array) and are concatenated.
    static func concatenate(_ translator: ExpressionTranslator, _ left: Typed, _ right: Typed, node: ParseNode) throws -> Typed {
        guard left.type != .json, right.type != .json else {
            throw translator.refusal("unsupported-json", "operator || does not exist for json", at: node)
        }
        let l = try translator.coerce(left, to: .jsonb, at: node)
        let r = try translator.coerce(right, to: .jsonb, at: node)
        guard l.type == .jsonb, r.type == .jsonb else {
            throw translator.refusal("unsupported-json", "|| between jsonb and \((l.type == .jsonb ? r : l).type.postgresName ?? "unknown")", at: node)
        }
        let context = translator.context
        let result = JSONSQL.bind(l.sql, context) { a in
            JSONSQL.bind(r.sql, context) { b in
                guarded(a, [b], .when(.and([.binary(.call("json_type", a), "=", .text("object")),
                                            .binary(.call("json_type", b), "=", .text("object"))]),
                                      then: merge(translator, a, b),
                                      else: concatenateArrays(asArray(a), asArray(b))))
            }
        }
        return Typed(result, .jsonb)
    }

    private static func asArray(_ value: SQLiteExpression) -> SQLiteExpression {
        .when(.binary(.call("json_type", value), "=", .text("array")), then: value, else: JSONSQL.concat([.text("["), value, .text("]")]))
    }

    private static func concatenateArrays(_ a: SQLiteExpression, _ b: SQLiteExpression) -> SQLiteExpression {
        .caseWhen(SQLiteCase(operand: nil, branches: [
            .init(condition: .binary(a, "=", .text("[]")), result: b),
            .init(condition: .binary(b, "=", .text("[]")), result: a),
        ], otherwise: JSONSQL.concat([.call("substr", a, .integer(1), .binary(.call("length", a), "-", .integer(1))),
                                      .text(","), .call("substr", b, .integer(2))])))
    }

    /// Members of `a` not in `b`, then all of `b`, ordered as jsonb orders keys (byte length,
    /// then bytes), printed as an object.
    static func merge(_ translator: ExpressionTranslator, _ a: SQLiteExpression, _ b: SQLiteExpression) -> SQLiteExpression {
        let context = translator.context
        let (left, right, probe, merged) = (context.freshAlias("jm"), context.freshAlias("jm"), context.freshAlias("jm"), context.freshAlias("jm"))
        func memberColumns(_ row: String) -> [SQLiteResultColumn] {
            let raw = SQLiteExpression.binary(.column(table: row, name: "json"), "->", .column(table: row, name: "fullkey"))
            return [.expression(.column(table: row, name: "key"), alias: "k"),
                    .expression(.call("coalesce", raw, RuntimeFailure.raise("a JSON key containing a double quote cannot be addressed in SQLite")), alias: "v")]
        }
        let notOverridden = SQLiteExpression.prefix("NOT", .exists(SQLiteSelect(SQLiteSelectCore(
            columns: [.expression(.integer(1), alias: nil)],
            from: .tableFunction(name: "json_each", arguments: [b], alias: probe),
            whereClause: .binary(.column(table: probe, name: "key"), "=", .column(table: left, name: "key"))))))
        let union = SQLiteSelectBody.compound(
            .core(SQLiteSelectCore(columns: memberColumns(left), from: .tableFunction(name: "json_each", arguments: [a], alias: left), whereClause: notOverridden)),
            .unionAll,
            .core(SQLiteSelectCore(columns: memberColumns(right), from: .tableFunction(name: "json_each", arguments: [b], alias: right))))
        let key = SQLiteExpression.column(table: merged, name: "k")
        let member = JSONSQL.concat([.call("json_quote", key), .text(":"), .column(table: merged, name: "v")])
        return JSONSQL.container(member, open: "{", close: "}", order: JSONSQL.jsonbKeyOrder(key),
                                 from: .subquery(SQLiteSelect(body: union), alias: merged))
    }
}
