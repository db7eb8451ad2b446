import Foundation

/// Writes the `--json` documents: one per run, keys sorted, so the output is stable.
enum SummaryOutput {
    static func print<Document: Encodable>(_ document: Document) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(document) + Data("\n".utf8))
    }

    /// Seconds to the millisecond: the document shows no false precision.
    static func seconds(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}

/// The `--json` document of a failed run: the message printed on standard error and the
/// process's exit code.
struct FailureSummary: Encodable {
    var error: String
    var exitCode: Int32

    enum CodingKeys: String, CodingKey {
        case error
        case exitCode = "exit_code"
    }
}
