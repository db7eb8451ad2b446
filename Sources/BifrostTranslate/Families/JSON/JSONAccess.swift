/// One step of `->`, `#>` and friends.
enum JSONStep {
    case key(String)
    case index(Int)
    case dynamicKey(SQLiteExpression)
    case dynamicIndex(SQLiteExpression)
    /// An element of a text[] path: an array index when the value there is an array and the
    /// text is an integer (PostgreSQL parses it with strtol), an object key otherwise.
    case pathElement(String)

    /// The integer a path element stands for when applied to an array.
    static func pathIndex(_ text: String) -> Int? {
        let trimmed = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
        let body = trimmed.hasPrefix("+") ? trimmed.dropFirst() : trimmed
        guard let value = Int32(body) else { return nil }
        return Int(value)
    }
}

/// Element lookups (`->`, `#>`, `->>`, `#>>`) on json and jsonb.
///
/// jsonb keys are unique, so a path lookup finds them. json keeps duplicate keys (PostgreSQL's
/// `->` takes the last) and keys written with escapes (matched after unescaping), so json keys
/// are looked up with json_each, which unescapes keys.
struct JSONAccess {
    let translator: ExpressionTranslator
    let jsonb: Bool
    let node: ParseNode

    var context: TranslationContext { translator.context }

    /// The element at `steps` below `document` (JSON text, NULL when absent).
    func element(_ document: SQLiteExpression, _ steps: [JSONStep]) throws -> SQLiteExpression {
        try steps.reduce(document) { try self.step($0, $1) }
    }

    /// The text PostgreSQL's `->>`/`#>>` give for the element at `steps`.
    func text(_ document: SQLiteExpression, _ steps: [JSONStep]) throws -> SQLiteExpression {
        if !jsonb, let last = steps.last, let key = keyExpression(last) {
            let parent = try element(document, steps.dropLast())
            return jsonKeyLookup(parent, key, asText: true)
        }
        return JSONSQL.text(of: try element(document, steps), jsonb: jsonb, context, at: node.location)
    }

    private func keyExpression(_ step: JSONStep) -> SQLiteExpression? {
        switch step {
        case let .key(key): return .text(key)
        case let .dynamicKey(key): return key
        case let .pathElement(text) where JSONStep.pathIndex(text) == nil: return .text(text)
        default: return nil
        }
    }

    private func step(_ current: SQLiteExpression, _ step: JSONStep) throws -> SQLiteExpression {
        switch step {
        case let .index(index):
            return JSONSQL.lookup(current, .text(JSONSQL.indexSegment(index)))
        case let .dynamicIndex(index):
            return JSONSQL.lookup(current, JSONSQL.dynamicIndexSegment(index))
        case let .key(key):
            return try keyStep(current, key)
        case let .dynamicKey(key):
            return jsonb ? JSONSQL.lookup(current, JSONSQL.dynamicKeySegment(key)) : jsonKeyLookup(current, key, asText: false)
        case let .pathElement(text):
            guard let index = JSONStep.pathIndex(text) else { return try keyStep(current, text) }
            // An array index or an object key, depending on what is there at run time.
            let keyed = try keyStep(current, text)
            return JSONSQL.bind(current, context) { value in
                let rebased = try? keyStep(value, text)
                return .caseWhen(SQLiteCase(operand: JSONSQL.type(value), branches: [
                    .init(condition: .text("array"), result: JSONSQL.lookup(value, .text(JSONSQL.indexSegment(index)))),
                    .init(condition: .text("object"), result: rebased ?? keyed),
                ], otherwise: nil))
            }
        }
    }

    private func keyStep(_ current: SQLiteExpression, _ key: String) throws -> SQLiteExpression {
        guard jsonb else { return jsonKeyLookup(current, .text(key), asText: false) }
        guard let segment = JSONSQL.keySegment(key) else {
            throw translator.refusal("unsupported-json", "JSON key \"\(key)\" contains a double quote, which SQLite's JSON paths cannot address", at: node)
        }
        return JSONSQL.lookup(current, .text(segment))
    }

    /// A json (not jsonb) object member by unescaped key, the last of duplicates winning.
    /// As an element, its exact text comes from a path lookup when that finds this very member
    /// (the first of its spelling); a later duplicate string or number fails at run time, since
    /// its written form is not available. As text, strings come straight from json_each.
    func jsonKeyLookup(_ object: SQLiteExpression, _ key: SQLiteExpression, asText: Bool) -> SQLiteExpression {
        let alias = context.freshAlias("je")
        let earlier = context.freshAlias("je")
        func column(_ name: String, _ table: String = alias) -> SQLiteExpression { .column(table: table, name: name) }
        let isFirstSpelling = SQLiteExpression.prefix("NOT", .exists(SQLiteSelect(SQLiteSelectCore(
            columns: [.expression(.integer(1), alias: nil)],
            from: .tableFunction(name: "json_each", arguments: [column("json")], alias: earlier),
            whereClause: .and([.binary(column("fullkey", earlier), "=", column("fullkey")),
                               .binary(column("id", earlier), "<", column("id"))])))))
        let fallback = SQLiteExpression.caseWhen(SQLiteCase(operand: column("type"), branches: [
            .init(condition: .text("object"), result: column("value")),
            .init(condition: .text("array"), result: column("value")),
            .init(condition: .text("true"), result: .text("true")),
            .init(condition: .text("false"), result: .text("false")),
            .init(condition: .text("null"), result: .text("null")),
        ], otherwise: RuntimeFailure.raise("the written form of a json value under a duplicated or quoted key is not available")))
        let exact = SQLiteExpression.call("coalesce", .when(isFirstSpelling, then: .binary(column("json"), "->", column("fullkey")), else: .null), fallback)
        var result = exact
        if asText {
            context.warnOnce("json-whitespace", "json (not jsonb) values are stored without their insignificant whitespace; text of a json object or array is printed compact", at: node.location)
            result = .caseWhen(SQLiteCase(operand: column("type"), branches: [
                .init(condition: .text("text"), result: column("value")),
                .init(condition: .text("null"), result: .null),
                .init(condition: .text("object"), result: column("value")),
                .init(condition: .text("array"), result: column("value")),
            ], otherwise: exact))
        }
        return .subquery(SQLiteSelect(
            body: .core(SQLiteSelectCore(columns: [.expression(result, alias: nil)],
                                         from: .tableFunction(name: "json_each", arguments: [JSONSQL.isolated(object)], alias: alias),
                                         whereClause: .binary(column("key"), "=", key))),
            orderBy: [SQLiteOrderingTerm(column("id"), descending: true)], limit: .integer(1)))
    }
}
