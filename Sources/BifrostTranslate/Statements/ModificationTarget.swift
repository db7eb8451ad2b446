import BifrostSchema

/// The table an INSERT, UPDATE or DELETE writes, as the statement names it.
struct ModificationTarget {
    /// The schema table; nil without a schema (columns untyped).
    let table: Table?
    /// The SQLite table name.
    let sqliteName: String
    let alias: String?
    /// The name columns are qualified by in the statement (alias or table name).
    var visibleName: String { alias ?? sqliteName }

    init(_ relation: ParseNode, context: TranslationContext) throws {
        let name = relation.string("relname") ?? ""
        let names = [relation.string("schemaname"), name].compactMap { $0 }
        alias = relation.embedded("alias", as: "Alias")?.string("aliasname")
        if let table = context.catalog.table(names) {
            self.table = table
            sqliteName = context.catalog.sqliteName(of: table)
        } else if context.catalog.hasSchema {
            throw context.refusal("unknown-table", "relation \(names.joined(separator: ".")) is not in the schema", at: relation.location)
        } else {
            context.warnOnce("no-schema", "no schema given (--schema): column types are unknown, so values are not converted to their columns' storage form", at: relation.location)
            table = nil
            sqliteName = name
        }
    }

    var columns: [ScopeColumn] {
        table?.columns.map { ScopeColumn(name: $0.name, type: SQLType(column: $0)) } ?? []
    }

    /// The relation expressions resolve the target's columns through.
    func relation(named name: String? = nil) -> ScopeRelation {
        ScopeRelation(name: name ?? visibleName, columns: columns, table: table, columnsKnown: table != nil)
    }

    func column(_ name: String, context: TranslationContext, at location: Int?) throws -> Column? {
        guard let table else { return nil }
        guard let column = table.column(name) else {
            throw context.refusal("unknown-column", "column \(name) of relation \(table.name.name) does not exist", at: location)
        }
        return column
    }

    func type(of name: String) -> SQLType {
        table?.column(name).map { SQLType(column: $0) } ?? .any
    }

    /// The value the DEFAULT keyword stands for in this column.
    func defaultValue(_ name: String, context: TranslationContext, at location: Int?) throws -> SQLiteExpression {
        guard let table, let column = table.column(name) else {
            throw context.refusal("unsupported-syntax", "DEFAULT needs the schema (--schema) to know the column's default", at: location)
        }
        do {
            return try ColumnDefaults(context: context).translate(column, of: table).valueForDefaultKeyword
        } catch let refusal as TranslationRefusal {
            throw context.refusal(refusal.diagnostic.code, "DEFAULT of \(name): \(refusal.diagnostic.message)", at: location)
        }
    }
}
