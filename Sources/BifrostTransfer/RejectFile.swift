import BifrostSchema
import Foundation

/// What `--on-error` does with a value that cannot be moved exactly.
public enum RowErrorPolicy: Sendable, Equatable {
    /// Stop the conversion at the first such value, naming it (the default).
    case stop
    /// Leave the row out, write it to a reject file with its reason, count it, go on.
    case skip(rejectFile: String)
}

/// One row left out by `--on-error=skip`, and why.
public struct RejectedRow: Sendable, Codable, Equatable {
    public var table: String
    public var column: String
    /// The row's primary key as `column=value, …`.
    public var key: String
    public var value: String
    public var reason: String
}

/// The reject file of `--on-error=skip`: one JSON object per line (`RejectedRow`), written
/// like the SQLite file (owner-only, under a temporary name, renamed into place only when
/// the conversion succeeds), so an empty file says that nothing was left out.
final class RejectFile {
    private let output: AtomicOutputFile
    private let handle: FileHandle
    private let encoder = JSONEncoder()
    private(set) var count = 0

    init(path: String) throws {
        output = try AtomicOutputFile(destination: path)
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output.temporaryPath))
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    func write(_ row: RejectedRow) throws {
        var line = try encoder.encode(row)
        line.append(0x0A)
        try handle.write(contentsOf: line)
        count += 1
    }

    func commit() throws {
        try handle.close()
        try output.commit()
    }

    func discard() {
        try? handle.close()
        output.discard()
    }
}
