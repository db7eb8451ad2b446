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
            (with a note), as are views that read it.
            """)

    @OptionGroup var source: PostgresSourceOptions

    @Argument(help: "The SQLite file to create.")
    var destination: String

    @Flag(name: .long, help: "Skip the final comparison of both sides (row counts and content checksums).")
    var noVerify = false

    @Flag(name: .long, help: "Create the tables, indexes, triggers and views, without rows.")
    var schemaOnly = false

    @Flag(name: .long, help: "Not supported: convert always writes a new file (see the message).")
    var dataOnly = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if dataOnly {
            throw ValidationError("""
                --data-only needs an existing converted file to load rows into, and convert always writes a new file \
                (atomically, replacing any file at the destination); run convert without --data-only: it writes the \
                schema and the rows into one file
                """)
        }
    }

    func run() throws {
        do {
            let conversion = PostgresToSQLite(source: source.connectionString, destination: destination,
                                              options: try source.conversionOptions(verify: !noVerify, schemaOnly: schemaOnly))
            let report = try conversion.run { event in
                guard !quiet else { return }
                switch event {
                case .tableStarted, .tableProgress: break
                case .verifying:
                    print("verifying: comparing every row of both sides…")
                    fflush(nil)
                case let .tableFinished(table):
                    defer { fflush(nil) }
                    print("  \(table.sqliteName.padding(toLength: max(28, table.sqliteName.count), withPad: " ", startingAt: 0)) \(String(table.rows).leftPadded(10)) rows  \(String(format: "%6.2f", table.seconds)) s")
                case let .note(note):
                    printError("note: \(note)")
                }
            }
            if !quiet {
                let check = schemaOnly ? "schema only, no rows (--schema-only)"
                    : report.verification == nil
                    ? "row counts match on both sides (content not verified: --no-verify)"
                    : "row counts and content checksums match on both sides"
                print("converted \(report.tables.count) tables, \(report.totalRows) rows into \(destination) in \(String(format: "%.2f", report.seconds)) s; \(check)")
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
