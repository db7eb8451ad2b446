import ArgumentParser
import BifrostIntrospection
import BifrostSchema

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Shows the schema of a PostgreSQL database, a SQLite file or a snapshot.",
        discussion: """
            Tables with their columns, types, defaults, constraints, indexes and triggers; views, \
            sequences, functions, types and extensions. `--format json` prints a snapshot that \
            `inspect` (and later `diff`) reads back: commit it to track schema changes.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Argument(help: "A postgresql:// URL or libpq 'key=value' string, a SQLite file, or a JSON snapshot.")
    var source: String

    @Option(name: .long, help: "Output format: text (a readable summary) or json (a snapshot).")
    var format: Format = .text

    @Option(name: .long, help: "Read only this schema (repeatable). Default: every user schema.")
    var schema: [String] = []

    @Option(name: .long, help: "Show only this table, as NAME or SCHEMA.NAME (repeatable).")
    var table: [String] = []

    func run() throws {
        do {
            let model = try SchemaLocation(argument: source).read(namespaces: schema).keepingTables(table)
            switch format {
            case .text: print(model.summary, terminator: "")
            case .json: print(try SchemaSnapshot.encode(model), terminator: "")
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}
