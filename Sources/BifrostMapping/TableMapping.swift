import BifrostSQLite
import BifrostSchema

/// How one PostgreSQL column is read and stored.
public struct ColumnMapping: Sendable {
    public let column: Column
    /// The rule that decided, for `explain` output and messages.
    public let rule: MappingRule
    public let codec: any ValueCodec
    /// The select-list expression for the COPY query: the quoted column, cast to text when
    /// the codec stores the text form of a type it does not read natively.
    public let copyExpression: String

    /// The column definition for SQLite's CREATE TABLE, without constraints.
    public var sqliteDefinition: String {
        let quoted = SQLiteConnection.quoteIdentifier(column.name)
        var definition = quoted
        if !codec.declaredType.isEmpty { definition += " \(codec.declaredType)" }
        // The original type as a comment: SQLite keeps it in sqlite_schema for people to read.
        definition += " /* \(column.type.declaration.replacingOccurrences(of: "*/", with: "* /")) */"
        if !column.isNullable { definition += " NOT NULL" }
        if let check = sqliteCheckExpression { definition += " CHECK (\(check))" }
        return definition
    }

    /// The CHECK that keeps the stored form valid, if the codec has one.
    public var sqliteCheckExpression: String? {
        let quoted = SQLiteConnection.quoteIdentifier(column.name)
        guard let check = codec.check(column: quoted) else { return nil }
        // Spelled out for NULL: some SQLite functions (json_valid) answer 0, not NULL, for NULL.
        return column.isNullable ? "\(quoted) IS NULL OR \(check)" : check
    }
}

/// How one table is read from PostgreSQL and stored in SQLite.
public struct TableMapping: Sendable {
    public let table: Table
    /// The SQLite table name.
    public let sqliteName: String
    public let columns: [ColumnMapping]
    /// A condition on the table's rows (`--where`): only rows it holds for are read.
    public var rowFilter: String?

    /// `COPY (SELECT …) TO STDOUT (FORMAT binary)` for this table. `ONLY` keeps rows of
    /// inheritance children out; a partitioned table is read whole through its parent.
    public var copyQuery: String {
        let list = columns.map(\.copyExpression).joined(separator: ", ")
        return "COPY (SELECT \(list) FROM \(postgresRowSource)) TO STDOUT (FORMAT binary)"
    }

    /// The FROM item that yields exactly this table's rows: `ONLY` keeps inheritance
    /// children out; a partitioned table is read whole through its parent.
    public var postgresRowSource: String {
        let table = "\(self.table.kind == .partitioned ? "" : "ONLY ")\(quotedPostgresName)"
        guard let rowFilter else { return table }
        return "(SELECT * FROM \(table) WHERE (\(rowFilter))) AS \(PostgresIdentifier.quote(self.table.name.name))"
    }

    public var quotedPostgresName: String {
        "\(PostgresIdentifier.quote(table.name.schema)).\(PostgresIdentifier.quote(table.name.name))"
    }

    /// `INSERT INTO "t" ("a", "b") VALUES (?1, ?2)`.
    public var insertStatement: String {
        let names = columns.map { SQLiteConnection.quoteIdentifier($0.column.name) }.joined(separator: ", ")
        let slots = (1...max(1, columns.count)).map { "?\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(SQLiteConnection.quoteIdentifier(sqliteName)) (\(names)) VALUES (\(slots))"
    }
}

/// PostgreSQL identifier quoting, kept here so that mapping does not depend on libpq.
enum PostgresIdentifier {
    static func quote(_ name: String) -> String {
        SQLiteConnection.quoteIdentifier(name)  // Both dialects quote with "…" and double "".
    }
}
