import BifrostSchema

/// One node of libpg_query's JSON parse tree: `{"Tag": {fields…}}`, or an untagged struct
/// embedded in its parent (TypeName, WindowDef, WithClause …) given its type name by the caller.
struct ParseNode: Sendable {
    let tag: String
    let fields: [String: JSONValue]

    init(tag: String, fields: [String: JSONValue]) {
        self.tag = tag
        self.fields = fields
    }

    /// A tagged node; nil when `value` is not a one-member object.
    init?(_ value: JSONValue) {
        guard case let .object(members) = value, members.count == 1, let (tag, body) = members.first,
              case let .object(fields) = body else { return nil }
        self.init(tag: tag, fields: fields)
    }

    /// A tagged child node.
    func node(_ key: String) -> ParseNode? {
        fields[key].flatMap(ParseNode.init)
    }

    /// An untagged child struct, named `tag` for error messages.
    func embedded(_ key: String, as tag: String) -> ParseNode? {
        guard case let .object(members)? = fields[key] else { return nil }
        return ParseNode(tag: tag, fields: members)
    }

    /// A list of tagged child nodes (empty when absent).
    func list(_ key: String) -> [ParseNode] {
        guard case let .array(items)? = fields[key] else { return [] }
        return items.compactMap(ParseNode.init)
    }

    func has(_ key: String) -> Bool { fields[key] != nil }

    func string(_ key: String) -> String? {
        if case let .string(value)? = fields[key] { return value }
        return nil
    }

    func int(_ key: String) -> Int? {
        if case let .number(value)? = fields[key] { return Int(value) }
        return nil
    }

    func bool(_ key: String) -> Bool {
        if case let .bool(value)? = fields[key] { return value }
        return false
    }

    /// The byte offset of the construct in the parsed text, when the parser recorded one.
    var location: Int? {
        guard let value = int("location"), value >= 0 else { return nil }
        return value
    }

    /// The `sval` of a `String` node (identifiers and operator names in lists).
    var stringValue: String? {
        tag == "String" ? string("sval") : nil
    }

    /// Names from a list of `String` nodes, e.g. `funcname`, `names`, `fields`.
    func names(_ key: String) -> [String] {
        list(key).compactMap(\.stringValue)
    }
}
