import BifrostSchema

/// The schema model indexed for name lookups during translation.
struct SchemaCatalog: Sendable {
    let schema: Schema?
    private let tablesByName: [String: Table]
    private let enumsByName: [String: TypeReference]

    init(schema: Schema?) {
        self.schema = schema
        var tables: [String: Table] = [:]
        var enums: [String: TypeReference] = [:]
        if let schema {
            for table in schema.tables {
                tables[table.name.description] = table
                if tables[table.name.name] == nil || table.name.schema == "public" {
                    tables[table.name.name] = table
                }
                for column in table.columns {
                    for reference in [column.type.storage] + (column.type.element.map { [$0.storage] } ?? [])
                    where reference.kind == .enumeration {
                        enums[reference.name] = reference
                        enums[reference.qualifiedName] = reference
                    }
                }
            }
        }
        self.tablesByName = tables
        self.enumsByName = enums
    }

    /// A table by `name` or `schema.name`.
    func table(_ names: [String]) -> Table? {
        tablesByName[names.joined(separator: ".")]
    }

    /// An enum type by name (as used in casts).
    func enumeration(_ names: [String]) -> TypeReference? {
        enumsByName[names.joined(separator: ".")] ?? names.last.flatMap { enumsByName[$0] }
    }

    /// The columns of a view, when the schema knows it (types unknown).
    func view(_ names: [String]) -> View? {
        schema?.views.first { $0.name.description == names.joined(separator: ".") || $0.name.name == names.last && names.count == 1 }
    }

    /// The SQLite name a PostgreSQL table gets in the converted file.
    func sqliteName(of table: Table) -> String { table.name.name }

    var hasSchema: Bool { schema != nil }
}
