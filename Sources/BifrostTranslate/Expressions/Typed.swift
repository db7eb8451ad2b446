/// A translated expression with its PostgreSQL type.
struct Typed {
    var sql: SQLiteExpression
    var type: SQLType
    /// For a quoted literal: its text, so it can be coerced once the context fixes its type.
    var literalText: String?
    /// The source position, for diagnostics about this operand.
    var location: Int?

    init(_ sql: SQLiteExpression, _ type: SQLType, literalText: String? = nil, location: Int? = nil) {
        self.sql = sql
        self.type = type
        self.literalText = literalText
        self.location = location
    }

    static let null = Typed(.null, .null)
}
