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
        ], otherwise: RuntimeError.raise("\(name)() needs a JSON \(kind)")))
        return Typed(checked, value.type)
    }

    static func valueType(_ name: String, _ documentType: SQLType) -> SQLType {
        name.hasSuffix("_text") ? .text("text") : (documentType == .any ? (name.hasPrefix("jsonb") ? .jsonb : .json) : documentType)
    }

    /// The value column: the element's JSON text as stored (`json -> fullkey` keeps number
    /// spellings such as 1.50), or for the `_text` variants PostgreSQL's text of it. Nested
    /// objects and arrays print with spaces in PostgreSQL's text, which the compact stored form
    /// lacks: those raise an error at run time rather than answer differently.
    static func value(_ name: String, _ translator: ExpressionTranslator) -> (String) -> SQLiteExpression {
        let asText = name.hasSuffix("_text")
        return { alias in
            let type = SQLiteExpression.column(table: alias, name: "type")
            let json = SQLiteExpression.binary(.column(table: alias, name: "json"), "->", .column(table: alias, name: "fullkey"))
            guard asText else { return json }
            return .caseWhen(SQLiteCase(operand: type, branches: [
                .init(condition: .text("null"), result: .null),
                .init(condition: .text("text"), result: .column(table: alias, name: "value")),
                .init(condition: .text("integer"), result: json),
                .init(condition: .text("real"), result: json),
                .init(condition: .text("true"), result: .text("true")),
                .init(condition: .text("false"), result: .text("false")),
            ], otherwise: RuntimeError.raise("\(name)() of a nested object or array: its PostgreSQL text has spaces the stored JSON lacks")))
        }
    }
}
