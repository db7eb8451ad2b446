import ArgumentParser
import BifrostTransfer

/// `--on-error` and `--reject-file`, shared by convert and import.
struct ErrorPolicyOptions: ParsableArguments {
    /// `--on-error`'s values.
    enum Choice: String, ExpressibleByArgument, CaseIterable {
        case stop, skip
    }

    @Option(name: .customLong("on-error"),
            help: ArgumentHelp("What a value that cannot be moved exactly does: stop (name it; nothing is written) or skip (leave its row out, in the reject file, and count it).",
                               valueName: "stop|skip"))
    var onError: Choice = .stop

    @Option(name: .customLong("reject-file"),
            help: ArgumentHelp("With --on-error=skip: the JSON-lines file of the rows left out (default: the SQLite file's path + .rejects.jsonl).",
                               valueName: "path"))
    var rejectFile: String?

    func validate() throws {
        if rejectFile != nil, onError != .skip {
            throw ValidationError("--reject-file is for --on-error=skip")
        }
    }

    /// The policy, with the reject file next to `sqliteFile` unless one was given.
    func policy(besides sqliteFile: String) -> RowErrorPolicy {
        onError == .skip ? .skip(rejectFile: rejectFile ?? sqliteFile + ".rejects.jsonl") : .stop
    }
}
