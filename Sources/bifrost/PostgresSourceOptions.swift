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

    var connectionString: ConnectionString { ConnectionString(source) }

    func conversionOptions(verify: Bool = true) throws -> PostgresToSQLite.Options {
        let rules = try mapping.map { try MappingRules.load(path: $0) } ?? .defaultRules
        return PostgresToSQLite.Options(schema: schema, rules: rules, verify: verify)
    }
}
