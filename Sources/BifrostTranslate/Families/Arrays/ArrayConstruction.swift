/// ARRAY[…], ARRAY(subquery), `||` on arrays and casts between array types.
enum ArrayConstruction {
    /// `ARRAY[a, b, …]` → `json_array(…)` of the elements' JSON form; `ARRAY[ARRAY[…], …]`
    /// nests. `ARRAY[]` (only valid with a cast) is `'[]'` of a yet unknown element type.
    static func constructor(_ translator: ExpressionTranslator, _ node: ParseNode) throws -> Typed {
        let elements = node.list("elements")
        guard !elements.isEmpty else { return Typed(.text("[]"), .array(.null)) }
        if elements.contains(where: { $0.tag == "A_ArrayExpr" }) {
            return try nested(translator, elements, node)
        }
        let values = try translator.unify(elements)
        var type = values[0].type
        if type == .unknownLiteral || type == .null { type = .text("text") }
        if type.isArray {
            throw translator.refusal("unsupported-array", "ARRAY[…] of array values (build the nested array with ARRAY[ARRAY[…], …])", at: node)
        }
        guard let storage = ArrayElement.storage(of: type) else {
            throw translator.refusal("unsupported-array", "ARRAY[…] of \(type.postgresName ?? "?") values: the translator cannot reproduce their JSON form exactly", at: node)
        }
        let typed = try values.map { try translator.coerce($0, to: type, at: node) }
        return Typed(.call("json_array", typed.map { ArrayElement.json($0.sql, storage) }), .array(type))
    }

    /// `ARRAY[ARRAY[1, 2], ARRAY[3, 4]]`: every item must be a sub-constructor of the same length.
    private static func nested(_ translator: ExpressionTranslator, _ elements: [ParseNode], _ node: ParseNode) throws -> Typed {
        guard elements.allSatisfy({ $0.tag == "A_ArrayExpr" }) else {
            throw translator.refusal("unsupported-array", "ARRAY[…] mixing sub-arrays and elements", at: node)
        }
        let lengths = Set(elements.map { $0.list("elements").count })
        guard lengths.count == 1, lengths.first != 0 else {
            throw translator.refusal("unsupported-array", "multidimensional ARRAY[…] whose sub-arrays differ in length or are empty", at: node)
        }
        let rows = try elements.map { try constructor(translator, $0) }
        let types = Set(rows.map(\.type))
        guard types.count == 1, let type = types.first else {
            throw translator.refusal("unsupported-array", "multidimensional ARRAY[…] whose sub-arrays have different types", at: node)
        }
        return Typed(.call("json_array", rows.map(\.sql)), type)
    }

    /// `ARRAY(SELECT x … ORDER BY …)`: the rows in the subquery's order (numbered by a window
    /// with the same ORDER BY), `'[]'` when there are none.
    static func ofSubquery(_ translator: ExpressionTranslator, _ select: SQLiteSelect, elementType: SQLType,
                           node: ParseNode) throws -> Typed {
        let type = elementType == .unknownLiteral || elementType == .null ? SQLType.text("text") : elementType
        guard let storage = ArrayElement.storage(of: type) else {
            throw translator.refusal("unsupported-array", "ARRAY(subquery) of \(type.postgresName ?? "?") values", at: node)
        }
        guard case var .core(core) = select.body, let first = core.columns.first, core.columns.count == 1 else {
            throw translator.refusal("unsupported-syntax", "ARRAY(subquery) over a subquery that is not a single-column SELECT", at: node)
        }
        let valueName = "_v"
        let orderName = "_n"
        switch first {
        case let .expression(value, _): core.columns = [.expression(value, alias: valueName)]
        default:
            throw translator.refusal("unsupported-syntax", "ARRAY(SELECT * …)", at: node)
        }
        if !select.orderBy.isEmpty {
            if core.distinct {
                throw translator.refusal("unsupported-syntax", "ARRAY(SELECT DISTINCT … ORDER BY …)", at: node)
            }
            var numbering = SQLiteFunctionCall(name: "row_number")
            numbering.window = SQLiteWindow(orderBy: select.orderBy)
            core.columns.append(.expression(.function(numbering), alias: orderName))
        }
        var inner = select
        inner.body = .core(core)
        let alias = translator.context.freshAlias("array")
        let value = ArrayElement.json(.column(table: alias, name: valueName), storage)
        let order = select.orderBy.isEmpty ? [] : [SQLiteOrderingTerm(.column(table: alias, name: orderName))]
        let collected = ArraySQL.orderedAggregate("json_group_array", [value], order: order, from: .subquery(inner, alias: alias))
        translator.context.rewrote("ARRAY(subquery)", as: "json_group_array over the subquery's rows in its order", at: node.location)
        return Typed(.call("coalesce", collected, .text("[]")), .array(type))
    }

    /// `array || array`, `array || element`, `element || array` (also array_cat, array_append,
    /// array_prepend). A NULL array counts as empty, as in PostgreSQL.
    static func concatenate(_ translator: ExpressionTranslator, _ left: Typed, _ right: Typed, node: ParseNode) throws -> Typed {
        var (left, right) = (left, right)
        if left.type.isOpen, right.type.isArray { left = try translator.coerce(left, to: right.type, at: node) }
        if right.type.isOpen, left.type.isArray { right = try translator.coerce(right, to: left.type, at: node) }
        switch (left.type.isArray, right.type.isArray) {
        case (true, true):
            let type = try commonArrayType(translator, left.type, right.type, node)
            return Typed(catenated(left.sql, right.sql), type)
        case (true, false):
            return try appended(translator, left, right, node: node)
        case (false, true):
            return try prepended(translator, left, right, node: node)
        default:
            throw translator.refusal("unsupported-syntax", "|| for \(left.type.postgresName ?? "?") and \(right.type.postgresName ?? "?")", at: node)
        }
    }

    /// `array || element`: `json_insert(…, '$[#]', element)`.
    static func appended(_ translator: ExpressionTranslator, _ array: Typed, _ element: Typed, node: ParseNode) throws -> Typed {
        let (type, value) = try elementValue(translator, array, element, node)
        return Typed(.call("json_insert", .call("coalesce", array.sql, .text("[]")), .text("$[#]"), value), type)
    }

    /// `element || array`: the one-element array joined textually with the array's items.
    static func prepended(_ translator: ExpressionTranslator, _ element: Typed, _ array: Typed, node: ParseNode) throws -> Typed {
        let (type, value) = try elementValue(translator, array, element, node)
        return Typed(catenated(.call("json_array", value), array.sql), type)
    }

    private static func elementValue(_ translator: ExpressionTranslator, _ array: Typed, _ element: Typed,
                                     _ node: ParseNode) throws -> (SQLType, SQLiteExpression) {
        let elementType = array.type.arrayElement ?? .any
        let value = try translator.coerce(element, to: elementType == .null ? (element.type.isOpen ? .text("text") : element.type) : elementType, at: node)
        let type = elementType == .null ? SQLType.array(value.type) : array.type
        guard let storage = ArrayElement.storage(of: value.type), value.type == elementType || elementType == .null || elementType == .any || value.type.isTextual && elementType.isTextual || value.type.isInteger && elementType.isInteger else {
            throw translator.refusal("unsupported-array", "adding a \(value.type.postgresName ?? "?") element to \(array.type.postgresName ?? "an array")", at: node)
        }
        return (type, ArrayElement.json(value.sql, storage))
    }

    /// Concatenation of two stored arrays of compact JSON text. Same dimensions: the items
    /// joined; one dimension more on one side: the other is added as its first or last item.
    /// A NULL or empty array gives the other one.
    static func catenated(_ left: SQLiteExpression, _ right: SQLiteExpression) -> SQLiteExpression {
        if left == .null { return right }
        if right == .null { return left }
        let leftItems = SQLiteExpression.call("substr", left, .integer(1), .binary(.call("length", left), "-", .integer(1)))
        let rightItems = SQLiteExpression.call("substr", right, .integer(2))
        let joined = SQLiteExpression.binary(.binary(leftItems, "||", .text(",")), "||", rightItems)
        let appended = SQLiteExpression.call("json_insert", left, .text("$[#]"), .call("json", right))
        let prepended = SQLiteExpression.binary(.binary(.binary(.text("["), "||", left), "||", .text(",")), "||", rightItems)
        var branches: [SQLiteCase.Branch] = []
        for (side, other) in [(left, right), (right, left)] where !isNonEmptyConstruction(side) {
            branches.append(.init(condition: .or([side.isNull(), .binary(side, "=", .text("[]"))]), result: other))
        }
        let otherwise: SQLiteExpression
        switch (knownDimensions(left), knownDimensions(right)) {
        case let (l?, r?):
            otherwise = l == r ? joined : (l > r ? appended : prepended)
        default:
            let (l, r) = (ArraySQL.dimensions(left), ArraySQL.dimensions(right))
            branches.append(.init(condition: .binary(l, ">", r), result: appended))
            branches.append(.init(condition: .binary(r, ">", l), result: prepended))
            otherwise = joined
        }
        guard !branches.isEmpty else { return otherwise }
        return .caseWhen(SQLiteCase(operand: nil, branches: branches, otherwise: otherwise))
    }

    /// `json_array(…)` with at least one argument: never NULL, never empty.
    private static func isNonEmptyConstruction(_ array: SQLiteExpression) -> Bool {
        if case let .function(call) = array, call.name == "json_array", !call.arguments.isEmpty { return true }
        return false
    }

    /// The dimensions of an array built by the translator (`json_array` of scalars, nested
    /// `json_array`s, a non-empty constant), nil when only known at run time.
    private static func knownDimensions(_ array: SQLiteExpression) -> Int? {
        switch array {
        case let .function(call) where call.name == "json_array" && !call.arguments.isEmpty:
            if call.arguments.allSatisfy(isNonEmptyConstruction) {
                return knownDimensions(call.arguments[0]).map { $0 + 1 }
            }
            let scalar = call.arguments.allSatisfy { argument in
                if case .literal = argument { return true }
                if case .column = argument { return true }
                if case let .function(inner) = argument { return inner.name != "json_array" && inner.name != "json" }
                return false
            }
            return scalar ? 1 : nil
        case let .literal(.text(text)) where text.count > 2:
            return text.prefix(while: { $0 == "[" }).count
        default:
            return nil
        }
    }

    private static func commonArrayType(_ translator: ExpressionTranslator, _ left: SQLType, _ right: SQLType,
                                        _ node: ParseNode) throws -> SQLType {
        let (l, r) = (left.arrayElement ?? .any, right.arrayElement ?? .any)
        if l == .null || l == .any { return right }
        if r == .null || r == .any || l == r || l.isTextual && r.isTextual || l.isInteger && r.isInteger { return left }
        throw translator.refusal("unsupported-array", "concatenating \(left.postgresName ?? "?") and \(right.postgresName ?? "?")", at: node)
    }

    /// A cast between array types whose elements are stored alike; nil when `target` is not an array.
    static func cast(_ translator: ExpressionTranslator, _ value: Typed, to target: SQLType, at node: ParseNode) throws -> Typed? {
        guard let targetElement = target.arrayElement else { return nil }
        switch value.type {
        case .any:
            return Typed(value.sql, target)
        case let .array(element):
            if element == .null || element == .any || element == targetElement { return Typed(value.sql, target) }
            let plainText: (SQLType) -> Bool = { type in
                if case let .text(name) = type { return !name.contains("(") }
                return false
            }
            if plainText(targetElement) && (element.isTextual || element == .uuid) {
                return Typed(value.sql, target)
            }
            if element.isInteger && targetElement.isInteger { return Typed(value.sql, target) }
            throw translator.refusal("unsupported-cast", "cast from \(value.type.postgresName ?? "?") to \(target.postgresName ?? "?")", at: node)
        default:
            throw translator.refusal("unsupported-cast", "cast from \(value.type.postgresName ?? "?") to \(target.postgresName ?? "?") (array literals must be constants)", at: node)
        }
    }
}
