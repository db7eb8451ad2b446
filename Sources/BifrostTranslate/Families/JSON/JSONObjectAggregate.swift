/// jsonb_object_agg / json_object_agg(key, value) [ORDER BY …] [FILTER (…)].
///
/// The pairs are collected per group as JSON tuples (`ArrayAggregates.Tuples`) and the object
/// is printed from them in a guaranteed order: json keeps every pair in input order; jsonb
/// keeps the last pair of each key (in input order: the ORDER BY inside the call, else the
/// order the rows were aggregated in) and orders keys as jsonb does. A NULL key is an error,
/// as in PostgreSQL; no rows give NULL.
enum JSONObjectAggregate {
    static func translate(_ translator: ExpressionTranslator, _ call: FunctionCall, jsonb: Bool) throws -> Typed {
        try translator.expectArguments(call, 2...2)
        if call.distinct {
            throw translator.refusal("unsupported-function", "\(call.name)(DISTINCT …)", at: call.node)
        }
        if call.window != nil {
            throw translator.refusal("unsupported-syntax", "\(call.name)() OVER (…)", at: call.node)
        }
        let key = try keyText(translator, try translator.translate(call.arguments[0]), call)
        let value = try JSONElement.render(translator, try translator.translate(call.arguments[1]), jsonb: jsonb, at: call.arguments[1])
        let checkedKey = SQLiteExpression.call("coalesce", .cast(key, as: "TEXT"), RuntimeFailure.raise("field name must not be null"))
        // `|| ''` drops the JSON subtype (json_quote sets it), so the tuple carries the text.
        let tuples = try ArrayAggregates.Tuples(translator, call, [checkedKey, .binary(value, "||", .text(""))],
                                                orderedBy: try ArrayAggregates.orderTerms(translator, call))
        let context = translator.context
        let object: SQLiteExpression
        if jsonb {
            object = latestPairs(tuples, context)
        } else {
            context.warnOnce("json-whitespace", "json (not jsonb) values are stored without insignificant whitespace: \(call.name)() gives the compact text", at: call.location)
            object = ArraySQL.orderedAggregate("group_concat", [member(tuples.values[0].sql, tuples.values[1].sql), .text(",")],
                                               order: tuples.order, from: tuples.items.from)
        }
        context.rewrote("\(call.name)()", as: "pairs collected with json_group_array, printed by an ordered window group_concat", at: call.location)
        // `'{' || NULL` is NULL: no pairs, no object.
        return Typed(JSONSQL.concat([.text("{"), object, .text("}")]), jsonb ? .jsonb : .json)
    }

    private static func member(_ key: SQLiteExpression, _ value: SQLiteExpression) -> SQLiteExpression {
        JSONSQL.concat([.call("json_quote", key), .text(":"), value])
    }

    /// The last pair of each key (numbered backwards per key), joined in jsonb key order.
    /// SQLite accepts the collecting aggregate only in the FROM of the subquery reading it, so
    /// that subquery just picks a row, and the work is done in a subquery of it re-reading the
    /// tuples from its `json` column.
    private static func latestPairs(_ collected: ArrayAggregates.Tuples, _ context: TranslationContext) -> SQLiteExpression {
        let tuples = collected.reread(context)
        let (key, value) = (tuples.values[0].sql, tuples.values[1].sql)
        let backwards = tuples.order.map { term in
            SQLiteOrderingTerm(term.expression, descending: !term.descending,
                               nulls: term.nulls.map { $0 == .first ? .last : .first })
        }
        let numbering = SQLiteExpression.function(SQLiteFunctionCall(
            name: "row_number", window: SQLiteWindow(partitionBy: [key], orderBy: backwards)))
        let pairs = SQLiteSelect(SQLiteSelectCore(
            columns: [.expression(key, alias: "k"), .expression(value, alias: "v"), .expression(numbering, alias: "r")],
            from: tuples.items.from))
        let alias = context.freshAlias("pairs")
        let column = { (name: String) in SQLiteExpression.column(table: alias, name: name) }
        let object = ArraySQL.orderedAggregate("group_concat", [member(column("k"), column("v")), .text(",")],
                                               order: JSONSQL.jsonbKeyOrder(column("k")), from: .subquery(pairs, alias: alias),
                                               where: .binary(column("r"), "=", .integer(1)))
        return .subquery(SQLiteSelect(body: .core(SQLiteSelectCore(columns: [.expression(object, alias: nil)],
                                                                   from: collected.items.from)),
                                      limit: .integer(1)))
    }

    /// The key as PostgreSQL's to_jsonb/to_json writes a scalar used as a key.
    private static func keyText(_ translator: ExpressionTranslator, _ key: Typed, _ call: FunctionCall) throws -> SQLiteExpression {
        switch key.type {
        case .text, .unknownLiteral, .enumeration, .uuid, .integer, .boolean, .date, .null, .any:
            return try translator.textValue(key.type == .unknownLiteral ? translator.coerce(key, to: .text("text"), at: call.arguments[0]) : key,
                                            at: call.arguments[0])
        case .numeric(scale: .some):
            return try translator.textValue(key, at: call.arguments[0])
        default:
            throw translator.refusal("unsupported-function", "\(call.name)() with \(key.type.postgresName ?? "row") keys (their JSON key text is not reproduced)", at: call.arguments[0])
        }
    }
}
