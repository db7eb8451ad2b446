import ArgumentParser
import BifrostMapping
import BifrostPostgres
import BifrostTransfer

/// The options `convert` and `verify` share: which PostgreSQL schema, mapped how.
struct PostgresSourceOptions: ParsableArguments {
    @Argument(help: "The PostgreSQL database: a postgresql:// URL or a libpq 'key=value' string.")
    var source: String

    @Option(name: .long, help: "The PostgreSQL schema whose tables are converted.")
    var schema = "public"

    @Option(name: .long, help: "A mapping file whose rules are tried before the defaults (see `bifrost mapping`).")
    var mapping: String?

    @Option(name: .long, help: ArgumentHelp("Take only this table, as NAME or SCHEMA.NAME (repeatable).", valueName: "name"))
    var table: [String] = []

    @Option(name: .customLong("exclude-table"),
            help: ArgumentHelp("Leave this table out, as NAME or SCHEMA.NAME (repeatable); foreign keys to it are left out too.",
                               valueName: "name"))
    var excludeTable: [String] = []

    @Option(name: .customLong("where"),
            help: ArgumentHelp("Take only the rows of a table for which a SQL condition holds (repeatable), e.g. \"users:created_at > now() - interval '30 days'\".",
                               valueName: "table:condition"),
            transform: parsed(RowFilter.init(parsing:)))
    var rowFilters: [RowFilter] = []

    var connectionString: ConnectionString { ConnectionString(source) }


    func conversionOptions(verify: Bool = true, schemaOnly: Bool = false, jobs: Int = 1,
                           onError: RowErrorPolicy = .stop, dataOnly: Bool = false) throws -> PostgresToSQLite.Options {
        let rules = try mapping.map { try MappingRules.load(path: $0) } ?? .defaultRules
        return PostgresToSQLite.Options(schema: schema, rules: rules, verify: verify,
                                        selection: TableSelection(included: table, excluded: excludeTable,
                                                                  rowFilters: rowFilters),
                                        schemaOnly: schemaOnly, jobs: jobs, onError: onError, dataOnly: dataOnly)
    }
}

/// An option's value read by `parse`, its error shown as the usage error it is (exit 64).
func parsed<Value>(_ parse: @escaping (String) throws -> Value) -> (String) throws -> Value {
    { argument in
        do {
            return try parse(argument)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
