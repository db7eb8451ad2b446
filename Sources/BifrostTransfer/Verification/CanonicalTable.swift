import BifrostMapping
import BifrostPostgres
import BifrostSQLite

/// A table's columns in canonical form, and how each side reads its rows into that form.
struct CanonicalTable {
    let mapping: TableMapping
    let forms: [CanonicalForm]

    init(_ mapping: TableMapping) {
        self.mapping = mapping
        forms = mapping.columns.map(CanonicalForm.init)
    }

    /// Reads PostgreSQL's text output of every row (in key order when key columns are given)
    /// and hands each row to `body` in canonical form. The row is reused: copy what you keep.
    func readPostgres(_ connection: PostgresConnection, orderedBy keyIndexes: [Int] = [],
                      _ body: (inout CanonicalRow) throws -> Void) throws {
        var parser = CopyTextParser()
        var row = CanonicalRow()
        _ = try connection.copyOut(postgresQuery(orderedBy: keyIndexes)) { line in
            row.removeAll()
            try parser.forEachField(in: line) { index, text in
                guard index < forms.count else { return }
                do {
                    try forms[index].appendPostgres(text, to: &row)
                } catch is CanonicalForm.Unsupported {
                    let column = mapping.columns[index]
                    throw VerificationError.unsupportedCodec(column.codec.name, column: column.column.name)
                }
            }
            try body(&row)
        }
    }

    /// Steps `statement` (from `sqliteQuery`) and writes the row it reaches into `row` in
    /// canonical form; `false` when there are no more rows.
    func nextSQLiteRow(_ statement: SQLiteStatement, into row: inout CanonicalRow) throws -> Bool {
        guard try statement.step() else { return false }
        row.removeAll()
        for index in forms.indices {
            try forms[index].appendSQLite(statement.borrowedValue(at: index), to: &row)
        }
        return true
    }

    /// PostgreSQL's text output of every column, ordered (when keys are given) like SQLite
    /// orders the stored keys: text keys by bytes (`COLLATE "C"`), NULLs first.
    func postgresQuery(orderedBy keyIndexes: [Int]) -> String {
        let columns = mapping.columns
        let order = keyIndexes.map { index -> String in
            let quoted = PostgresConnection.quoteIdentifier(columns[index].column.name)
            let key = columns[index].codec.declaredType == "TEXT" ? "\(quoted)::text COLLATE \"C\"" : quoted
            return key + " NULLS FIRST"
        }
        let orderBy = order.isEmpty ? "" : " ORDER BY \(order.joined(separator: ", "))"
        return """
            COPY (SELECT \(columns.map(CanonicalForm.postgresExpression).joined(separator: ", "))
                  FROM \(mapping.postgresRowSource)\(orderBy)) TO STDOUT
            """
    }

    /// The stored value of every column, ordered by the key columns when they are given.
    func sqliteQuery(orderedBy keyIndexes: [Int]) -> String {
        let columns = mapping.columns
        var sql = "SELECT \(columns.map { SQLiteConnection.quoteIdentifier($0.column.name) }.joined(separator: ", ")) FROM \(SQLiteConnection.quoteIdentifier(mapping.sqliteName))"
        if !keyIndexes.isEmpty {
            sql += " ORDER BY " + keyIndexes.map { SQLiteConnection.quoteIdentifier(columns[$0].column.name) }.joined(separator: ", ")
        }
        return sql
    }
}
