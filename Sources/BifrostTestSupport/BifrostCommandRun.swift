import Foundation

/// Runs the built `bifrost` binary and captures what a user sees: exit status, standard
/// output and standard error (through files, so neither stream can fill up and block it).
public struct BifrostCommandRun: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// The binary next to the test bundle (both live in the build directory), else in
    /// the repository's default debug build.
    public static var binary: String {
        let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("bifrost").path
        if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        return SampleData.repositoryRoot.appendingPathComponent(".build/debug/bifrost").path
    }

    /// Runs `bifrost arguments…`, with `input` on standard input (empty when nil).
    public init(_ arguments: [String], input: String? = nil) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bifrost-run-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("stdout")
        let err = directory.appendingPathComponent("stderr")
        let inputFile = directory.appendingPathComponent("stdin")
        FileManager.default.createFile(atPath: inputFile.path, contents: Data((input ?? "").utf8))
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = try String(contentsOf: out, encoding: .utf8)
        stderr = try String(contentsOf: err, encoding: .utf8)
    }
}
