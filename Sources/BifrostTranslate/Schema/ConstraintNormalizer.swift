import BifrostSchema

/// Rewrites PostgreSQL parse trees of stored constraint expressions into equivalent forms that
/// translate without subqueries (SQLite allows none in CHECK and index expressions), as
/// PostgreSQL itself prints them back (`pg_get_constraintdef`):
///
/// - `x = ANY (ARRAY[a, b]::t[])` → `x IN (a, b)`, `x <> ALL (ARRAY[a, b])` → `x NOT IN (a, b)`:
///   the same three-valued answer for a constant list;
/// - `x ~ 'pattern'::text` → `x ~ 'pattern'`: the pattern operand of a regular-expression or
///   LIKE operator is text either way, and a literal pattern can be translated statically.
enum ConstraintNormalizer {
    static func normalize(_ node: ParseNode) -> ParseNode {
        ParseNode(normalize(.object([node.tag: .object(node.fields)]))) ?? node
    }

    private static func normalize(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .array(items):
            return .array(items.map(normalize))
        case let .object(members):
            var rebuilt = members.mapValues(normalize)
            if case let .object(fields)? = rebuilt["A_Expr"] {
                rebuilt["A_Expr"] = .object(operatorExpression(fields))
            }
            return .object(rebuilt)
        default:
            return value
        }
    }

    private static func operatorExpression(_ fields: [String: JSONValue]) -> [String: JSONValue] {
        var fields = fields
        let kind = fields["kind"].flatMap { if case let .string(text) = $0 { text } else { nil } }
        let name = ParseNode(tag: "A_Expr", fields: fields).names("name").last
        switch (kind, name) {
        case ("AEXPR_OP_ANY", "="?), ("AEXPR_OP_ALL", "<>"?):
            if let elements = constantArray(fields["rexpr"]) {
                fields["kind"] = .string("AEXPR_IN")
                fields["rexpr"] = .object(["List": .object(["items": .array(elements)])])
            }
        case ("AEXPR_OP", let symbol?) where ["~", "~*", "!~", "!~*", "~~", "~~*", "!~~", "!~~*"].contains(symbol):
            fields["rexpr"] = fields["rexpr"].map(literalWithoutTextCast)
        case ("AEXPR_LIKE", _), ("AEXPR_ILIKE", _):
            fields["rexpr"] = fields["rexpr"].map(literalWithoutTextCast)
        default:
            break
        }
        return fields
    }

    /// The elements of `ARRAY[…]` (possibly cast to an array type); nil for anything else.
    private static func constantArray(_ value: JSONValue?) -> [JSONValue]? {
        guard let node = value.flatMap(ParseNode.init) else { return nil }
        if node.tag == "TypeCast", let inner = node.fields["arg"] { return constantArray(inner) }
        guard node.tag == "A_ArrayExpr", case let .array(elements)? = node.fields["elements"], !elements.isEmpty else {
            return nil
        }
        return elements
    }

    private static func literalWithoutTextCast(_ value: JSONValue) -> JSONValue {
        guard let node = ParseNode(value), node.tag == "TypeCast", let argument = node.node("arg"),
              argument.tag == "A_Const", argument.embedded("sval", as: "String") != nil,
              let type = node.embedded("typeName", as: "TypeName")?.names("names").last,
              ["text", "varchar", "bpchar"].contains(type) else { return value }
        return node.fields["arg"]!
    }
}
