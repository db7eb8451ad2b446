import ArgumentParser
import BifrostMapping
import BifrostPostgres
import BifrostTransfer
import Foundation

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks that a SQLite file holds exactly the rows of a PostgreSQL schema.",
        discussion: """
            Per table: row counts on both sides, and a content checksum over every value, computed \
            independently on each side (PostgreSQL's own text output against the stored SQLite \
            values, both reduced to the mapping's canonical form). Differing rows are named by \
            their primary key. Exit codes: 0 equal, 1 different, 2 error.
            """)

    @OptionGroup var source: PostgresSourceOptions

    @Argument(help: "The SQLite file to check.")
    var sqliteFile: String

    @Option(name: .long, help: "How many differing rows to name per table.")
    var maxDiffs = 10

    @OptionGroup var output: OutputOptions

    func run() throws {
        try output.reportingFailure(exitCode: 2) {
            let started = Date()
            let report = try Verification(source: source.connectionString, sqlitePath: sqliteFile,
                                          options: try source.conversionOptions(), maxDifferences: maxDiffs).run()
            if output.json {
                try SummaryOutput.print(VerifySummary(source: source.connectionString.label, sqliteFile: sqliteFile,
                                                      report: report, seconds: Date().timeIntervalSince(started)))
            } else if !output.quiet {
                print(report.summary)
                if report.isEqual {
                    print("equal: \(report.tables.count) tables, \(report.tables.reduce(0) { $0 + $1.postgresRows }) rows")
                }
            }
            if !report.isEqual {
                printError("different: the SQLite file does not hold the same data as PostgreSQL")
                throw ExitCode(1)
            }
        }
    }
}
