import ArgumentParser
import Foundation

/// The output options `convert`, `import` and `verify` share.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .long, help: """
        Print one JSON document on standard output at the end (see README): the summary, or \
        {"error", "exit_code"} on failure; progress only on a terminal's standard error.
        """)
    var json = false

    /// Runs `body`; an error is printed to standard error (and, with `--json`, as a JSON
    /// document on standard output) and ends the command with `exitCode`. An `ExitCode`
    /// thrown by `body` passes through: the command has reported it already.
    func reportingFailure(exitCode: Int32, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: \(error)")
            if json { try? SummaryOutput.print(FailureSummary(error: "\(error)", exitCode: exitCode)) }
            throw ExitCode(exitCode)
        }
    }
}
