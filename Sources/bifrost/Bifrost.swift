import ArgumentParser
import BifrostSchema

@main
struct Bifrost: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bifrost",
        abstract: "Bridges PostgreSQL and SQLite: converts databases, keeping every value exactly.",
        discussion: """
            Exit codes: 0 success; 1 the operation failed (the message says why and what to change); \
            64 the command line is wrong.
            """,
        version: BifrostSchema.Bifrost.version,
        subcommands: [Convert.self, Import.self, Verify.self, Inspect.self, Mapping.self, Translate.self])
}
