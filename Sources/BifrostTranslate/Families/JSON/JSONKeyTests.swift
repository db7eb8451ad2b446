/// jsonb `?`, `?|`, `?&`: a string is a top-level object key, a string element of a top-level
/// array, or (PostgreSQL treats scalars as one-element arrays) the scalar string itself.
enum JSONKeyTests {
    static func exists(_ translator: ExpressionTranslator, _ call: OperatorCall) throws -> Typed? {
        guard let document = try jsonbOperand(translator, call) else { return nil }
        let key = try translator.coerce(call.right, to: .text("text"), at: call.node)
        guard key.type.isTextual else { return nil }
        return Typed(JSONSQL.nullIfNull([document.sql, key.sql], existence(translator, document.sql, key.sql)), .boolean)
    }

    static func existsAny(_ translator: ExpressionTranslator, _ call: OperatorCall, all: Bool) throws -> Typed? {
        guard let document = try jsonbOperand(translator, call) else { return nil }
        if call.right.type.isArray {
            return Typed(JSONSQL.nullIfNull([document.sql, call.right.sql],
                                            dynamicList(translator, document.sql, call.right.sql, all: all)), .boolean)
        }
        let keys = try JSONOperators.constantTextArray(translator, call.right, node: call.node, what: "the right side of \(call.symbol)")
            .compactMap { $0 }
        let tests = Set(keys).sorted().map { existence(translator, document.sql, .text($0)) }
        let combined: SQLiteExpression = tests.isEmpty ? .integer(all ? 1 : 0) : (all ? .and(tests) : .or(tests))
        return Typed(JSONSQL.nullIfNull([document.sql], combined), .boolean)
    }

    private static func jsonbOperand(_ translator: ExpressionTranslator, _ call: OperatorCall) throws -> Typed? {
        guard var left = call.left, left.type.isJSON else { return nil }
        left.sql = JSONSQL.isolated(left.sql)
        guard left.type == .jsonb else {
            throw translator.refusal("unsupported-json", "operator \(call.symbol) does not exist for json (only jsonb)", at: call.node)
        }
        return left
    }

    /// Whether `key` exists in `document`, as a predicate on one row of json_each(document).
    private static func matches(_ row: String, _ key: SQLiteExpression) -> SQLiteExpression {
        let column = { (name: String) in SQLiteExpression.column(table: row, name: name) }
        return .or([
            .binary(column("key"), "=", key),
            .and([.binary(.call("typeof", column("key")), "<>", .text("text")),
                  .binary(column("type"), "=", .text("text")),
                  .binary(column("value"), "=", key)]),
        ])
    }

    private static func existence(_ translator: ExpressionTranslator, _ document: SQLiteExpression, _ key: SQLiteExpression) -> SQLiteExpression {
        let row = translator.context.freshAlias("jk")
        return .exists(SQLiteSelect(SQLiteSelectCore(
            columns: [.expression(.integer(1), alias: nil)],
            from: .tableFunction(name: "json_each", arguments: [document], alias: row),
            whereClause: matches(row, key))))
    }

    /// `?|` / `?&` with a text[] value (JSON array text); NULL elements are ignored.
    private static func dynamicList(_ translator: ExpressionTranslator, _ document: SQLiteExpression,
                                    _ array: SQLiteExpression, all: Bool) -> SQLiteExpression {
        let element = translator.context.freshAlias("ja")
        let value = SQLiteExpression.column(table: element, name: "value")
        let isString = SQLiteExpression.binary(.column(table: element, name: "type"), "=", .text("text"))
        let found = existence(translator, document, value)
        let condition: SQLiteExpression = all ? .and([isString, .prefix("NOT", found)]) : .and([isString, found])
        let probe = SQLiteExpression.exists(SQLiteSelect(SQLiteSelectCore(
            columns: [.expression(.integer(1), alias: nil)],
            from: .tableFunction(name: "json_each", arguments: [array], alias: element),
            whereClause: condition)))
        return all ? .prefix("NOT", probe) : probe
    }
}
