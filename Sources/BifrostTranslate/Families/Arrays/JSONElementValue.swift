/// The JSON value PostgreSQL's to_jsonb() gives a scalar, in the form SQLite's JSON functions
/// embed it (for jsonb_agg / json_agg elements).
enum JSONElementValue {
    static func of(_ translator: ExpressionTranslator, _ value: Typed, at node: ParseNode) throws -> SQLiteExpression {
        switch value.type {
        case .text, .unknownLiteral, .enumeration, .uuid, .integer, .any, .null:
            return value.sql
        case .boolean:
            return ArrayElement.json(value.sql, .boolean)
        case .json, .jsonb:
            return .call("json", value.sql)
        case let .array(element) where isEmbeddable(element):
            return .call("json", value.sql)
        default:
            throw translator.refusal("unsupported-function", "JSON value of \(value.type.postgresName ?? "a row") (to_jsonb) is not translated", at: node)
        }
    }

    /// Array elements whose stored JSON is also their to_jsonb form (timestamps are not: to_jsonb
    /// prints them in ISO 8601 with a `T`).
    private static func isEmbeddable(_ element: SQLType) -> Bool {
        guard ArrayElement.storage(of: element) != nil else { return false }
        return !element.isDateTime && element != .time
    }
}
