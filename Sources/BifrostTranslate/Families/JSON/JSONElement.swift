/// A SQL value as a JSON element (to_jsonb / to_json semantics), as text in Bifrost's JSON
/// storage form: never NULL (SQL NULL becomes `null`). Reusable by other families (array and
/// JSON aggregates).
enum JSONElement {
    /// `value` rendered as JSON text. `jsonb`: the element goes into a jsonb (a json value
    /// would need re-normalizing there, so it is refused).
    static func render(_ translator: ExpressionTranslator, _ value: Typed, jsonb: Bool, at node: ParseNode) throws -> SQLiteExpression {
        try renderNullable(translator, value, jsonb: jsonb, at: node).map { .call("coalesce", $0, .text("null")) } ?? .text("null")
    }

    /// As `render`, but NULL for SQL NULL (nil when the value is the NULL literal).
    static func renderNullable(_ translator: ExpressionTranslator, _ value: Typed, jsonb: Bool, at node: ParseNode) throws -> SQLiteExpression? {
        var value = value
        if value.type == .unknownLiteral { value = try translator.coerce(value, to: .text("text"), at: node) }
        let sql = value.sql
        let quoted = { (text: SQLiteExpression) in JSONSQL.nullIfNull([sql], .call("json_quote", text)) }
        func refuse(_ what: String) -> TranslationRefusal {
            translator.refusal("unsupported-json", "\(what) as a JSON value", at: node)
        }
        switch value.type {
        case .null:
            return nil
        case .text, .uuid, .enumeration, .unknownLiteral, .date, .time:
            // infinity dates are strings in JSON too.
            return quoted(sql)
        case .integer:
            return .cast(sql, as: "TEXT")
        case .boolean:
            return .caseWhen(SQLiteCase(operand: nil, branches: [
                .init(condition: sql.isNull(), result: .null),
                .init(condition: sql, result: .text("true")),
            ], otherwise: .text("false")))
        case let .numeric(scale):
            guard scale != nil else {
                throw translator.refusal("numeric-precision", "numeric without a declared scale as a JSON value: its exact digits are not known in SQLite", at: node)
            }
            let text = try translator.textValue(value, at: node)
            return JSONSQL.nullIfNull([sql], .when(.binary(sql, "=", .text("NaN")), then: .text("\"NaN\""), else: text))
        case .jsonb:
            return sql
        case .json:
            guard !jsonb else { throw refuse("json (it would be re-normalized into jsonb)") }
            return sql
        case .timestamp, .timestamptz:
            // PostgreSQL writes ISO 8601 with a T (and +00:00 under TimeZone UTC).
            let iso = SQLiteExpression.call("replace", sql, .text(" "), .text("T"))
            let zoned = value.type == .timestamptz ? JSONSQL.concat([iso, .text("+00:00")]) : iso
            translator.context.warnOnce("json-timezone", "timestamptz values in JSON are written with +00:00, as PostgreSQL does under TimeZone UTC", at: node.location)
            return quoted(.when(.call("instr", sql, .text("infinity")), then: sql, else: zoned))
        case .bytea:
            return quoted(try translator.textValue(value, at: node))
        case let .array(element):
            return try array(translator, sql, element: element, at: node)
        case .any:
            throw refuse("a value of unknown type")
        case .record:
            throw refuse("a whole row (use to_jsonb(t) or to_json(t))")
        case .float:
            throw refuse("a float (PostgreSQL prints the shortest exact digits, SQLite does not)")
        case .interval, .textForm:
            throw refuse("\(value.type.postgresName ?? "this type") (its text form depends on server settings)")
        }
    }

    /// Arrays are stored as JSON arrays of their elements' storage form: integer arrays are
    /// already their JSON; text-like arrays are re-quoted (PostgreSQL escapes \b and \f).
    private static func array(_ translator: ExpressionTranslator, _ sql: SQLiteExpression, element: SQLType,
                              at node: ParseNode) throws -> SQLiteExpression {
        switch element {
        case .integer:
            return sql
        case .text, .uuid, .enumeration:
            let row = translator.context.freshAlias("jr")
            let column = { (name: String) in SQLiteExpression.column(table: row, name: name) }
            let item = SQLiteExpression.caseWhen(SQLiteCase(operand: column("type"), branches: [
                .init(condition: .text("text"), result: .call("json_quote", column("value"))),
                .init(condition: .text("null"), result: .text("null")),
            ], otherwise: RuntimeFailure.raise("multi-dimensional text arrays as JSON are not translated")))
            let joined = JSONSQL.container(item, open: "[", close: "]", order: [SQLiteOrderingTerm(column("id"))],
                                           from: .tableFunction(name: "json_each", arguments: [sql], alias: row))
            return JSONSQL.nullIfNull([sql], joined)
        default:
            throw translator.refusal("unsupported-json", "\(element.postgresName ?? "this")[] as a JSON value", at: node)
        }
    }

    /// A whole row as a JSON object: `to_jsonb(t)` (keys in jsonb order) or `to_json(t)`
    /// (column order).
    static func row(_ translator: ExpressionTranslator, _ value: Typed, jsonb: Bool, at node: ParseNode) throws -> SQLiteExpression {
        guard case let .column(nil, name) = value.sql, let relation = translator.scope.relation(named: name), relation.columnsKnown else {
            throw translator.refusal("unsupported-json", "a row value other than a table's whole row as JSON", at: node)
        }
        var members = relation.columns.map { (key: $0.name, value: Typed(.column(table: relation.name, name: $0.name), $0.type)) }
        if jsonb { members.sort { JSONDocument.jsonbKeyOrder($0.key, $1.key) } }
        return try object(translator, members.map { (.text($0.key), $0.value) }, jsonb: jsonb, at: node)
    }

    /// `{"k":v,…}` from keys (text expressions) and values, in the given order.
    static func object(_ translator: ExpressionTranslator, _ members: [(key: SQLiteExpression, value: Typed)], jsonb: Bool,
                       at node: ParseNode) throws -> SQLiteExpression {
        var parts: [SQLiteExpression] = [.text("{")]
        for (offset, member) in members.enumerated() {
            if offset > 0 { parts.append(.text(",")) }
            if case let .literal(.text(key)) = member.key {
                parts.append(.text(JSONDocument.quoted(key) + ":"))
            } else {
                parts += [.call("json_quote", member.key), .text(":")]
            }
            parts.append(try render(translator, member.value, jsonb: jsonb, at: node))
        }
        parts.append(.text("}"))
        return JSONSQL.concat(parts)
    }
}
