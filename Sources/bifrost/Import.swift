import ArgumentParser
import BifrostPostgres
import BifrostTransfer
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Imports a SQLite file into a PostgreSQL schema (the way back from `convert`).",
        discussion: """
            A file written by `bifrost convert` carries the PostgreSQL model it came from: the \
            tables come back with their original types (uuid, jsonb, arrays, interval, \
            timestamptz, enums, domains), defaults, keys, constraints and indexes. For other \
            files, types are inferred from the declared SQLite types and listed on stderr (unless --quiet). \
            Rows are loaded with COPY FROM STDIN, constraints and indexes added after the data, \
            sequences moved past it, and the result compared with the file (unless --no-verify), \
            all in one transaction: on any failure the database is left as it was.
            """)

    @Argument(help: "The SQLite file to import.")
    var file: String

    @Argument(help: "The PostgreSQL database: a postgresql:// URL or a libpq 'key=value' string.")
    var destination: String

    @Option(name: .long, help: "The schema to create the tables in (default: the one they came from, or public).")
    var schema: String?

    @Flag(name: .long, help: "Skip the final comparison of the imported rows with the file.")
    var noVerify = false

    @OptionGroup var errors: ErrorPolicyOptions

    @Option(name: .customLong("type"),
            help: ArgumentHelp("For a file made elsewhere: the PostgreSQL type of a column instead of the inferred one (repeatable), e.g. users.id=uuid.",
                               valueName: "table.column=type"),
            transform: parsed { try ImportTypeOverride(parsing: $0) })
    var types: [ImportTypeOverride] = []

    @Option(name: .long,
            help: ArgumentHelp("For a file made elsewhere: a mapping file of such overrides, one table.column=type a line (# comments); --type adds to it.",
                               valueName: "file"),
            transform: parsed(ImportTypeOverride.load(path:)))
    var mapping: [ImportTypeOverride]?

    @OptionGroup var output: OutputOptions

    func run() throws {
        try output.reportingFailure(exitCode: ExitCode.failure.rawValue) {
            let importer = SQLiteToPostgres(source: file, destination: ConnectionString(destination),
                                            options: .init(schema: schema, verify: !noVerify,
                                                           onError: errors.policy(besides: file),
                                                           typeOverrides: (mapping ?? []) + types))
            let progress = ProgressReporter(output)
            defer { progress.finish() }
            let report = try importer.run(onEvent: progress.handle)
            progress.finish()
            if output.json {
                try SummaryOutput.print(TransferSummary(source: file, report: report))
            } else if !output.quiet {
                let check = report.verification == nil ? "content not verified (--no-verify)"
                    : "row counts and content checksums match the file"
                print("imported \(report.tables.count) tables, \(report.totalRows) rows into \(report.destination) in \(String(format: "%.2f", report.seconds)) s; \(check)")
            }
        }
    }
}
