import ArgumentParser
import BifrostMapping
import BifrostPostgres
import BifrostTransfer
import Foundation

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Converts the tables of a PostgreSQL schema into a new SQLite file.",
        discussion: """
            Reads every table of the schema in one consistent snapshot with binary COPY, stores \
            each value as Mappings/postgres-to-sqlite.rules says, checks the row count of every \
            table on both sides, and compares every value (as `bifrost verify` does) unless \
            --no-verify is given. The file is written under a temporary name next to the destination \
            (readable by its owner only) and renamed into place only when everything succeeded; an \
            existing file at the destination is replaced then, and not before. The file records \
            where it came from in the tables _bifrost_metadata and _bifrost_tables (see README). \
            --table/--exclude-table take some tables: foreign keys to a table left out are left out \
            (with a note), as are views that read it; --where takes some rows. --jobs reads several \
            tables at once in the same snapshot. --schema-only then --data-only splits the work in two.
            """)

    @OptionGroup var source: PostgresSourceOptions

    @Argument(help: "The SQLite file to create.")
    var destination: String

    @Flag(name: .long, help: "Skip the final comparison of both sides (row counts and content checksums).")
    var noVerify = false

    @Option(name: .shortAndLong,
            help: "PostgreSQL connections reading tables at once, all in one snapshot (SQLite is written by one thread).")
    var jobs = 1

    @OptionGroup var errors: ErrorPolicyOptions

    @Flag(name: .long, help: "Create the tables, indexes, triggers and views, without rows.")
    var schemaOnly = false

    @Flag(name: .long, help: "Load the rows into the file a --schema-only conversion wrote at the destination (its tables, indexes, triggers and views kept).")
    var dataOnly = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if dataOnly && schemaOnly {
            throw ValidationError("--schema-only and --data-only together would convert nothing; give one of them")
        }
        if jobs < 1 || jobs > 64 {
            throw ValidationError("--jobs \(jobs): give 1 to 64 connections")
        }
    }

    func run() throws {
        try output.reportingFailure(exitCode: ExitCode.failure.rawValue) {
            let conversion = PostgresToSQLite(source: source.connectionString, destination: destination,
                                              options: try source.conversionOptions(verify: !noVerify, schemaOnly: schemaOnly,
                                                                                   jobs: jobs, onError: errors.policy(besides: destination),
                                                                                   dataOnly: dataOnly))
            let progress = ProgressReporter(output)
            defer { progress.finish() }
            let report = try conversion.run(onEvent: progress.handle)
            progress.finish()
            if output.json {
                try SummaryOutput.print(TransferSummary(source: source.connectionString.label, report: report))
            } else if !output.quiet {
                let check = schemaOnly ? "schema only, no rows (--schema-only)"
                    : report.verification == nil
                    ? "row counts match on both sides (content not verified: --no-verify)"
                    : "row counts and content checksums match on both sides"
                print("converted \(report.tables.count) tables, \(report.totalRows) rows into \(destination) in \(String(format: "%.2f", report.seconds)) s; \(check)")
            }
        }
    }
}

/// Writes one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
