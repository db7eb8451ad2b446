/// The JSON document and value columns of jsonb_array_elements / jsonb_each / … in FROM.
enum JSONSets {
    /// The json/jsonb argument, checked at run time to be an array or object as PostgreSQL
    /// requires (it raises an error for the other kinds; so does the translation).
    static func document(_ translator: ExpressionTranslator, _ node: ParseNode, _ name: String,
                         expecting kind: String) throws -> Typed {
        var value = try translator.translate(node)
        if value.type.isOpen {
            value = try translator.coerce(value, to: name.hasPrefix("jsonb") ? .jsonb : .json, at: node)
        }
        guard value.type.isJSON || value.type == .any else {
            throw translator.refusal("unsupported-function", "\(name)() needs json or jsonb, not \(value.type.postgresName ?? "?")", at: node)
        }
        let checked = SQLiteExpression.caseWhen(SQLiteCase(operand: nil, branches: [
            .init(condition: value.sql.isNull(), result: .null),
            .init(condition: .binary(.call("json_type", value.sql), "=", .text(kind)), result: value.sql),
        ], otherwise: RuntimeFailure.raise("\(name)() needs a JSON \(kind)")))
        return Typed(checked, value.type)
    }

    static func valueType(_ name: String, _ documentType: SQLType) -> SQLType {
        name.hasSuffix("_text") ? .text("text") : (documentType == .any ? (name.hasPrefix("jsonb") ? .jsonb : .json) : documentType)
    }

    /// The value column of the `json_each` row named by the alias: the element's JSON text, or
    /// for the `_text` variants PostgreSQL's text of it (strings unescaped, JSON null as SQL
    /// NULL, nested jsonb objects and arrays printed with PostgreSQL's spaces).
    static func value(_ name: String, documentType: SQLType, _ translator: ExpressionTranslator,
                      at location: Int?) -> (String) -> SQLiteExpression {
        let jsonb = documentType == .jsonb || documentType == .any && name.hasPrefix("jsonb")
        let asText = name.hasSuffix("_text")
        let context = translator.context
        return { alias in
            let column = { (name: String) in SQLiteExpression.column(table: alias, name: name) }
            let json = element(alias, jsonb: jsonb, context)
            guard asText else { return json }
            return JSONSQL.text(of: json, type: column("type"), string: column("value"),
                                container: column("value"), jsonb: jsonb, context, at: location)
        }
    }

    /// The JSON text of the element in row `alias`. `json -> fullkey` copies it as stored (number
    /// spellings such as 1.50 included); it misses members whose key contains a double quote,
    /// and for a json document with duplicate keys it finds the first one, so there the text
    /// comes from the row itself where that is exact (containers are rendered from their own
    /// stored text; literals are fixed words), and a number or string fails at run time.
    private static func element(_ alias: String, jsonb: Bool, _ context: TranslationContext) -> SQLiteExpression {
        let column = { (name: String, table: String) in SQLiteExpression.column(table: table, name: name) }
        let lookup = SQLiteExpression.binary(column("json", alias), "->", column("fullkey", alias))
        var exact = lookup
        if !jsonb {
            let earlier = context.freshAlias("je")
            let isFirst = SQLiteExpression.prefix("NOT", .exists(SQLiteSelect(SQLiteSelectCore(
                columns: [.expression(.integer(1), alias: nil)],
                from: .tableFunction(name: "json_each", arguments: [column("json", alias)], alias: earlier),
                whereClause: .and([.binary(column("fullkey", earlier), "=", column("fullkey", alias)),
                                   .binary(column("id", earlier), "<", column("id", alias))])))))
            exact = .when(isFirst, then: lookup, else: .null)
        }
        let fallback = SQLiteExpression.caseWhen(SQLiteCase(operand: column("type", alias), branches: [
            .init(condition: .text("object"), result: column("value", alias)),
            .init(condition: .text("array"), result: column("value", alias)),
            .init(condition: .text("true"), result: .text("true")),
            .init(condition: .text("false"), result: .text("false")),
            .init(condition: .text("null"), result: .text("null")),
        ], otherwise: RuntimeFailure.raise("the stored form of a JSON number or string under a duplicated key or a key containing a double quote is not addressable in SQLite")))
        return .call("coalesce", exact, fallback)
    }
}
