/// array_agg, string_agg, jsonb_agg and json_agg, with ORDER BY and DISTINCT inside the call.
///
/// SQLite 3.40 has no ORDER BY inside aggregate calls and does not promise the order in which
/// an aggregate sees its rows. Ordered forms therefore collect, per group, a JSON array of
/// `[sortkey…, value…]` tuples (FILTER and DISTINCT apply there), then aggregate the tuples
/// again in a scalar subquery over `json_each` with a window ordered by the keys — an order
/// SQLite guarantees. DISTINCT without ORDER BY is ordered by the value, as PostgreSQL's
/// DISTINCT aggregates (which sort their input) give.
enum ArrayAggregates {
    /// The aggregates here that may carry OVER (only without ORDER BY / DISTINCT inside).
    static let windowCapable: Set<String> = ["array_agg", "string_agg", "jsonb_agg", "json_agg"]

    static let handlers: [String: FunctionHandler] = [
        "array_agg": { translator, call in
            try translator.expectArguments(call, 1...1)
            let value = try translator.translate(call.arguments[0])
            let type = value.type == .unknownLiteral ? SQLType.text("text") : value.type
            guard !type.isArray, let storage = ArrayElement.storage(of: type) else {
                throw translator.refusal("unsupported-function", "array_agg() of \(type.postgresName ?? "?") values", at: call.node)
            }
            let element = ArrayElement.json(value.sql, storage)
            return Typed(try collect(translator, call, value, [element], plain: "json_group_array", [element]) { items in
                ("json_group_array", [items[0].json])
            }, .array(type))
        },
        "string_agg": { translator, call in
            try translator.expectArguments(call, 2...2)
            let value = try translator.translate(call.arguments[0], as: .text("text"))
            guard value.type.isTextual || value.type == .any || value.type == .null else {
                throw translator.refusal("unsupported-function", "string_agg() of \(value.type.postgresName ?? "?") values", at: call.node)
            }
            let separatorNode = call.arguments[1]
            guard separatorNode.tag == "A_Const" || separatorNode.tag == "ParamRef" else {
                throw translator.refusal("unsupported-function", "string_agg() with a separator that is not a constant or parameter", at: separatorNode)
            }
            let separator = try translator.translate(separatorNode, as: .text("text")).sql
            return Typed(try collect(translator, call, value, [value.sql], plain: "group_concat", [value.sql, separator]) { items in
                ("group_concat", [items[0].sql, separator])
            }, .text("text"))
        },
        "jsonb_agg": { translator, call in try jsonAggregate(translator, call, .jsonb) },
        "json_agg": { translator, call in try jsonAggregate(translator, call, .json) },
    ]

    private static func jsonAggregate(_ translator: ExpressionTranslator, _ call: FunctionCall, _ type: SQLType) throws -> Typed {
        try translator.expectArguments(call, 1...1)
        let value = try translator.translate(call.arguments[0])
        if call.distinct && type == .json {
            throw translator.refusal("unsupported-function", "json_agg(DISTINCT …): json has no equality operator", at: call.node)
        }
        let element = try JSONElementValue.of(translator, value, at: call.arguments[0])
        return Typed(try collect(translator, call, value, [element], plain: "json_group_array", [element]) { items in
            ("json_group_array", [items[0].json])
        }, type)
    }

    /// A carried value read back from a collected tuple: as SQL value or as embeddable JSON.
    struct Carried {
        let sql: SQLiteExpression
        let json: SQLiteExpression
    }

    /// The aggregate with its modifiers. `plain` applies when the call has neither ORDER BY nor
    /// DISTINCT; otherwise `carried` values are collected with their sort keys and `finish`
    /// names the aggregate to run over them in order. JSON-array aggregates give NULL for no rows.
    private static func collect(_ translator: ExpressionTranslator, _ call: FunctionCall, _ value: Typed,
                                _ carried: [SQLiteExpression], plain name: String, _ arguments: [SQLiteExpression],
                                finish: ([Carried]) -> (String, [SQLiteExpression])) throws -> SQLiteExpression {
        let emptyIsNull: (SQLiteExpression) -> SQLiteExpression = { aggregate in
            name == "json_group_array" ? .call("nullif", aggregate, .text("[]")) : aggregate
        }
        if call.aggregateOrder.isEmpty && !call.distinct {
            return emptyIsNull(try translator.aggregate(name, arguments, call))
        }
        if call.window != nil {
            throw translator.refusal("unsupported-syntax", "\(call.name)() with ORDER BY or DISTINCT and OVER", at: call.node)
        }
        var terms: [SQLiteOrderingTerm] = []
        if call.aggregateOrder.isEmpty {
            try checkKey(translator, value, call.node)
            try translator.context.checkTextOrdering(value.type, construct: "\(call.name)(DISTINCT …)", at: call.location)
            terms = [SQLiteOrderingTerm(try translator.sortKey(value, at: call.node), nulls: .last)]
        } else {
            terms = try orderTerms(translator, call)
        }
        let tuples = try Tuples(translator, call, carried, orderedBy: terms)
        let (finalName, finalArguments) = finish(tuples.values)
        translator.context.rewrote("\(call.name)(\(call.distinct ? "DISTINCT " : "")… \(call.aggregateOrder.isEmpty ? "" : "ORDER BY …"))",
                                   as: "json_group_array of [keys, value] re-aggregated by a window ordered by the keys", at: call.location)
        return ArraySQL.orderedAggregate(finalName, finalArguments, order: tuples.order, from: tuples.items.from)
    }

    /// The ORDER BY inside an aggregate call, as ordering terms (keys that survive JSON only).
    static func orderTerms(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> [SQLiteOrderingTerm] {
        try call.aggregateOrder.map { sortBy in
            let key = try translator.translate(sortBy.node("node")!)
            try checkKey(translator, key, sortBy.node("node")!)
            return try translator.orderingTerm(key, sortBy: sortBy)
        }
    }

    /// An aggregate's input collected per group as a JSON array of `[sortkey…, carried…]`
    /// tuples (FILTER and DISTINCT apply there), read back row by row with `json_each`:
    /// `order` sorts the rows by the keys, then by collection order.
    struct Tuples {
        let items: ArraySQL.Items
        let order: [SQLiteOrderingTerm]
        let values: [Carried]
        /// The sort terms as given (directions, NULL placement) and the number of carried values.
        private let terms: [SQLiteOrderingTerm]
        private let carriedCount: Int

        init(_ translator: ExpressionTranslator, _ call: FunctionCall, _ carried: [SQLiteExpression],
             orderedBy terms: [SQLiteOrderingTerm]) throws {
            let tuple = SQLiteExpression.call("json_array", terms.map(\.expression) + carried)
            // Wrapped in a FROM-less subquery: SQLite accepts an aggregate of the outer query's
            // columns there (it belongs to the outer query), but not directly as json_each's
            // argument, nor deeper than the FROM of the subquery reading it.
            let collected = SQLiteExpression.subquery(SQLiteSelect(SQLiteSelectCore(
                columns: [.expression(try translator.aggregate("json_group_array", [tuple], call), alias: nil)])))
            self.init(reading: collected, terms: terms, carriedCount: carried.count, translator.context)
        }

        private init(reading array: SQLiteExpression, terms: [SQLiteOrderingTerm], carriedCount: Int,
                     _ context: TranslationContext) {
            let items = ArraySQL.Items(array, context: context)
            self.items = items
            self.terms = terms
            self.carriedCount = carriedCount
            order = terms.enumerated().map { index, term in
                SQLiteOrderingTerm(.call("json_extract", items.value, .text("$[\(index)]")), descending: term.descending, nulls: term.nulls)
            } + [SQLiteOrderingTerm(items.key)]
            values = (0..<carriedCount).map { index -> Carried in
                let path = SQLiteExpression.text("$[\(terms.count + index)]")
                return Carried(sql: .call("json_extract", items.value, path), json: .binary(items.value, "->", path))
            }
        }

        /// The same tuples read again by another `json_each`, from inside a subquery of the
        /// one reading `items` (which sees the collected array as `items`' `json` column).
        func reread(_ context: TranslationContext) -> Tuples {
            Tuples(reading: .column(table: items.alias, name: "json"), terms: terms, carriedCount: carriedCount, context)
        }
    }

    /// Sort keys travel through JSON, which keeps text, integers and NULL exactly but prints
    /// REAL with 15 significant digits and cannot hold BLOBs.
    private static func checkKey(_ translator: ExpressionTranslator, _ key: Typed, _ node: ParseNode) throws {
        switch key.type {
        case .float, .numeric, .bytea, .json, .jsonb, .array, .record, .interval, .textForm:
            throw translator.refusal("unsupported-function", "ordering an aggregate's input by a \(key.type.postgresName ?? "row") value", at: node)
        default: return
        }
    }
}
