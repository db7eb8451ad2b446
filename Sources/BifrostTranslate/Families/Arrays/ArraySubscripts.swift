/// `a[i]`, `a[i][j]` and `a[l:u]` on arrays stored as JSON (1-based in PostgreSQL).
enum ArraySubscripts {
    static func translate(_ translator: ExpressionTranslator, _ node: ParseNode) throws -> Typed {
        let steps = node.list("indirection")
        if let field = steps.first(where: { $0.tag != "A_Indices" }) {
            throw translator.refusal("unsupported-syntax", field.tag == "A_Star" ? "(…).* expansion" : "field selection (…).\(field.stringValue ?? "?")",
                                     at: node.node("arg") ?? node)
        }
        let array = try translator.translate(node.node("arg")!)
        guard let elementType = array.type.arrayElement ?? (array.type == .any ? .any : nil) else {
            throw translator.refusal("unsupported-syntax", "subscripting a \(array.type.postgresName ?? "?") value", at: node)
        }
        if steps.contains(where: { $0.bool("is_slice") }) {
            guard steps.count == 1 else {
                throw translator.refusal("unsupported-syntax", "slices of more than one dimension", at: node)
            }
            return try slice(translator, array, steps[0], node)
        }
        let subscripts = try steps.map { try index($0.node("uidx")!, translator) }
        guard ArrayElement.storage(of: elementType) != nil else {
            throw translator.refusal("unsupported-array", "subscripting \(array.type.postgresName ?? "?"): elements of that type are stored differently inside arrays", at: node)
        }
        let path = ArraySQL.path(subscripts)
        // Fewer subscripts than dimensions give NULL in PostgreSQL, not a sub-array.
        let element = SQLiteExpression.when(.binary(.call("json_type", array.sql, path), "=", .text("array")),
                                            then: .null, else: .call("json_extract", array.sql, path))
        let inRange = subscripts.filter { $0.integerValue.map { $0 < 1 } ?? true }
            .map { SQLiteExpression.binary($0, ">=", .integer(1)) }
        if subscripts.contains(where: { ($0.integerValue ?? 1) < 1 }) { return Typed(.null, elementType) }
        translator.context.rewrote("array subscript", as: "json_extract (0-based path)", at: node.location)
        return Typed(inRange.isEmpty ? element : .when(.and(inRange), then: element, else: .null), elementType)
    }

    /// `a[l:u]` (either bound may be omitted): the items from l to u, clamped to the array;
    /// `'[]'` when none, NULL for a NULL array or bound.
    private static func slice(_ translator: ExpressionTranslator, _ array: Typed, _ step: ParseNode,
                              _ node: ParseNode) throws -> Typed {
        let lower = try step.node("lidx").map { try index($0, translator) }
        let upper = try step.node("uidx").map { try index($0, translator) }
        let items = ArraySQL.Items(array.sql, context: translator.context)
        var conditions: [SQLiteExpression] = []
        if let lower { conditions.append(.binary(items.key, ">=", .binary(lower, "-", .integer(1)))) }
        if let upper { conditions.append(.binary(items.key, "<=", .binary(upper, "-", .integer(1)))) }
        let collected = ArraySQL.orderedAggregate("json_group_array", [items.json], order: [SQLiteOrderingTerm(items.key)],
                                                  from: items.from, where: conditions.isEmpty ? nil : .and(conditions))
        translator.context.rewrote("array slice", as: "json_group_array over json_each", at: node.location)
        let value = ArraySQL.nullIfAnyNull([array.sql] + [lower, upper].compactMap { $0 },
                                           .call("coalesce", collected, .text("[]")))
        return Typed(value, array.type)
    }

    private static func index(_ node: ParseNode, _ translator: ExpressionTranslator) throws -> SQLiteExpression {
        let value = try translator.translate(node, as: .integer("integer"))
        guard value.type.isInteger || value.type == .any || value.type == .null else {
            throw translator.refusal("unsupported-syntax", "array subscript of type \(value.type.postgresName ?? "?")", at: node)
        }
        return value.sql
    }
}
