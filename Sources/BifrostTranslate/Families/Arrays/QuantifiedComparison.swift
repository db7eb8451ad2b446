/// `x op ANY (array)` and `x op ALL (array)` with PostgreSQL's three-valued result: ANY is
/// true when some comparison is true, else NULL when some comparison is NULL (a NULL element or
/// a NULL x), else false — so false for an empty array; ALL is the mirror image.
enum QuantifiedComparison {
    static let comparisons: Set<String> = ["=", "<>", "!=", "<", ">", "<=", ">="]

    static func translate(_ translator: ExpressionTranslator, symbol: String, all: Bool, left leftNode: ParseNode,
                          right rightNode: ParseNode, node: ParseNode) throws -> Typed {
        let construct = "\(symbol) \(all ? "ALL" : "ANY")"
        guard comparisons.contains(symbol) else {
            throw translator.refusal("unsupported-syntax", "operator \(construct) (array)", at: node)
        }
        let op = symbol == "!=" ? "<>" : symbol
        var left = try translator.translate(leftNode)
        if rightNode.tag == "A_ArrayExpr", !rightNode.list("elements").isEmpty,
           !rightNode.list("elements").contains(where: { $0.tag == "A_ArrayExpr" }) {
            return try expandedList(translator, op: op, all: all, left: left, elements: rightNode.list("elements"), node: node)
        }
        var array = try translator.translate(rightNode)
        if array.type.isOpen {
            // An untyped literal or parameter: an array of the left operand's type.
            if left.type.isOpen { left = try translator.coerce(left, to: .text("text"), at: leftNode) }
            array = try translator.coerce(array, to: .array(left.type), at: rightNode)
        }
        guard let elementType = array.type.arrayElement else {
            throw translator.refusal("unsupported-syntax", "\(construct) over a \(array.type.postgresName ?? "non-array") value", at: rightNode)
        }
        _ = try ArrayElement.require(translator, array.type, construct, at: node)
        let atoms = ArraySQL.Atoms(array.sql, context: translator.context)
        let (value, element) = try translator.comparable(left, Typed(atoms.value, elementType), at: node)
        let comparison = try compare(translator, value, op, element, construct, node)
        // ANY: decided by a true comparison; ALL: by a false one.
        let decisive = all ? SQLiteExpression.prefix("NOT", comparison) : comparison
        let result = SQLiteExpression.caseWhen(SQLiteCase(operand: nil, branches: [
            .init(condition: ArraySQL.exists(atoms.from, where: .and([atoms.condition, decisive])), result: .integer(all ? 0 : 1)),
            .init(condition: array.sql.isNull(), result: .null),
            .init(condition: ArraySQL.exists(atoms.from, where: .and([atoms.condition, comparison.isNull()])), result: .null),
        ], otherwise: .integer(all ? 1 : 0)))
        translator.context.rewrote("\(construct) (array)", as: "EXISTS over json_tree with PostgreSQL's NULL semantics", at: node.location)
        return Typed(result, .boolean)
    }

    /// `x op ANY (ARRAY[a, b])` is `x op a OR x op b` (`x IN (a, b)` for `=`), which has the
    /// same NULL semantics; ALL is the AND.
    private static func expandedList(_ translator: ExpressionTranslator, op: String, all: Bool, left: Typed,
                                     elements: [ParseNode], node: ParseNode) throws -> Typed {
        var items = try translator.translate(elements)
        let type = translator.commonType([left.type] + items.map(\.type))
        let value = try translator.coerce(left, to: type, at: node)
        items = try zip(items, elements).map { try translator.coerce($0, to: type, at: $1) }
        if op == "=" && !all || op == "<>" && all {
            return Typed(.inList(try translator.comparisonKey(value, at: node), try items.map { try translator.comparisonKey($0, at: node) },
                                 negated: all), .boolean)
        }
        let construct = "\(op) \(all ? "ALL" : "ANY")"
        let comparisons = try items.map { try compare(translator, value, op, $0, construct, node) }
        return Typed(all ? .and(comparisons) : .or(comparisons), .boolean)
    }

    /// One comparison; ordering operators compare sort keys (enums by declaration order).
    private static func compare(_ translator: ExpressionTranslator, _ left: Typed, _ op: String, _ right: Typed,
                                _ construct: String, _ node: ParseNode) throws -> SQLiteExpression {
        let type = left.type.isOpen ? right.type : left.type
        if type.isJSON || type.isArray || type == .record {
            throw translator.refusal("unsupported-syntax", "\(construct) on \(type.postgresName ?? "row") values", at: node)
        }
        guard op != "=" && op != "<>" else {
            return .binary(try translator.comparisonKey(left, at: node), op, try translator.comparisonKey(right, at: node))
        }
        try translator.context.checkTextOrdering(type, construct: construct, at: node.location)
        return .binary(try translator.sortKey(left, at: node), op, try translator.sortKey(right, at: node))
    }
}
