/// How the elements of an array are stored inside the JSON text Bifrost keeps arrays in
/// (`JSONArrayCodec`): text-like values as JSON strings, integers as numbers, booleans as
/// `true`/`false`, NULL as `null`, nested arrays for more dimensions.
enum ArrayElement {
    enum Storage {
        /// text, varchar, enum, uuid, date/time types: a JSON string of the scalar storage text.
        case string
        case integer
        /// JSON `true`/`false`; `json_each` reads them back as 1/0, the scalar storage.
        case boolean
        /// No schema: the element type is unknown, the value is embedded as SQLite has it.
        case unknown
    }

    /// The storage of `type` as an array element, nil when the translator cannot reproduce it
    /// exactly (numeric and floats print differently in JSON, bytea and intervals are stored in
    /// another form inside arrays than outside, json elements are indistinguishable from nesting).
    static func storage(of type: SQLType) -> Storage? {
        switch type {
        case .text, .unknownLiteral, .enumeration, .uuid, .timestamptz, .timestamp, .date, .time: return .string
        case .integer: return .integer
        case .boolean: return .boolean
        case .any, .null: return .unknown
        default: return nil
        }
    }

    /// The storage of an array type's elements, or a refusal naming `construct`.
    static func require(_ translator: ExpressionTranslator, _ arrayType: SQLType, _ construct: String,
                        at node: ParseNode) throws -> Storage {
        let element = arrayType.arrayElement ?? .any
        guard let storage = storage(of: element) else {
            throw translator.refusal("unsupported-array", "\(construct) on \(arrayType.postgresName ?? "arrays"): elements of type \(element.postgresName ?? "?") are not compared exactly in their JSON form", at: node)
        }
        return storage
    }

    /// The value `json_array()` / `json_insert()` embed for an element in scalar storage form.
    static func json(_ value: SQLiteExpression, _ storage: Storage) -> SQLiteExpression {
        guard storage == .boolean else { return value }
        return .caseWhen(SQLiteCase(operand: value, branches: [
            .init(condition: .integer(1), result: .call("json", .text("true"))),
            .init(condition: .integer(0), result: .call("json", .text("false"))),
        ], otherwise: nil))
    }

    /// The JSON value of the current row of a `json_each`/`json_tree` named `alias`, for
    /// rebuilding an array from it: `value` reads `true`/`false` as 1/0, so those come from `type`,
    /// and a nested array (a row of a multi-dimensional array) is re-read as JSON.
    static func jsonOfRow(_ alias: String) -> SQLiteExpression {
        .caseWhen(SQLiteCase(operand: .column(table: alias, name: "type"), branches: [
            .init(condition: .text("true"), result: .call("json", .text("true"))),
            .init(condition: .text("false"), result: .call("json", .text("false"))),
            .init(condition: .text("array"), result: .call("json", .column(table: alias, name: "value"))),
        ], otherwise: .column(table: alias, name: "value")))
    }
}
