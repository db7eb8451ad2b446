import BifrostSchema

/// Storing a value into a column: PostgreSQL applies the column type's assignment cast, so the
/// stored value is in the column's storage form (a numeric rounded to the column's scale, a
/// timestamptz literal converted to UTC text …).
extension ExpressionTranslator {
    func assign(_ value: Typed, to target: SQLType, at node: ParseNode) throws -> Typed {
        if target.isOpen || value.type == target { return value }
        if value.type == .record {
            throw refusal("unsupported-syntax", "a whole row assigned to a column", at: node)
        }
        if value.type.isOpen { return try coerce(value, to: target, at: node) }
        switch (value.type, target) {
        case (.integer, .integer), (.text, .text):
            return Typed(value.sql, target, location: value.location)
        default:
            return try cast(value, to: target, at: node)
        }
    }

    /// Translates `node` as the value of a column of type `target`.
    func assignment(_ node: ParseNode, to target: SQLType) throws -> Typed {
        try assign(try translate(node), to: target, at: node)
    }
}

extension SQLType {
    /// The type of a column of the schema model.
    init(column: Column) {
        self.init(column.type)
    }
}
