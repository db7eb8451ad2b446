import Foundation

// The shared harness: every benchmark times with the monotonic clock, takes the median of
// several runs after warm-ups, and reports result lines against a baseline measured in the
// same run and a target. Benchmarks print; they never assert inside timed code.

/// Times of one measured operation, in seconds.
struct Timing {
    var samples: [Double]

    var median: Double {
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    var minimum: Double { samples.min() ?? 0 }
    var maximum: Double { samples.max() ?? 0 }

    /// `min 0.812 s, max 0.901 s over 5 runs`.
    var spread: String {
        "min \(Unit.seconds.format(minimum)), max \(Unit.seconds.format(maximum)) over \(samples.count) runs"
    }
}

enum Harness {
    /// Seconds `body` took, by the monotonic clock.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Runs `body` `warmUps` times untimed, then `runs` times timed.
    static func measure(runs: Int, warmUps: Int = 1, _ body: () throws -> Void) rethrows -> Timing {
        for _ in 0..<warmUps {
            try body()
        }
        var samples: [Double] = []
        for _ in 0..<max(runs, 1) {
            samples.append(try time(body))
        }
        return Timing(samples: samples)
    }

    /// A progress line, flushed at once (benchmarks run for a while).
    static func note(_ text: String) {
        print("  " + text)
        fflush(nil)
    }
}

/// How a value is printed.
enum Unit {
    case seconds
    case count
    case bytes
    case perSecond(String)

    func format(_ value: Double) -> String {
        switch self {
        case .seconds:
            value < 0.01 ? String(format: "%.2f ms", value * 1000) : String(format: "%.3f s", value)
        case .count:
            String(Int(value.rounded()))
        case .bytes:
            value >= 1_048_576 ? String(format: "%.1f MiB", value / 1_048_576)
                : String(format: "%.1f KiB", value / 1024)
        case let .perSecond(thing):
            String(format: "%.0f %@/s", value, thing)
        }
    }
}

/// What a result must reach to pass.
enum Target {
    case atMost(Double)
    case atLeast(Double)
    case exactly(Double)
    /// Printed for information only.
    case none

    func isMet(by value: Double) -> Bool {
        switch self {
        case let .atMost(limit): value <= limit
        case let .atLeast(limit): value >= limit
        case let .exactly(expected): value == expected
        case .none: true
        }
    }

    func format(_ unit: Unit) -> String {
        switch self {
        case let .atMost(limit): "<= " + unit.format(limit)
        case let .atLeast(limit): ">= " + unit.format(limit)
        case let .exactly(expected): "= " + unit.format(expected)
        case .none: "-"
        }
    }
}

/// One line of the result table: `name  value  baseline  ratio  target  PASS/FAIL`.
struct BenchmarkResult {
    var name: String
    var value: Double
    var unit: Unit
    /// The same quantity for the reference measured in the same run (ratio = value / baseline).
    var baseline: Double?
    var target: Target

    var passed: Bool { target.isMet(by: value) }

    var ratio: Double? {
        guard let baseline, baseline > 0 else { return nil }
        return value / baseline
    }
}

/// Prints result lines aligned in columns.
enum ResultTable {
    private static let widths = [34, 14, 14, 8, 16]

    static func printHeader() {
        printRow(["name", "value", "baseline", "ratio", "target", "result"])
        printRow(["----", "-----", "--------", "-----", "------", "------"])
    }

    static func print(_ result: BenchmarkResult) {
        printRow([
            result.name,
            result.unit.format(result.value),
            result.baseline.map(result.unit.format) ?? "-",
            result.ratio.map { String(format: "%.2fx", $0) } ?? "-",
            result.target.format(result.unit),
            result.passed ? "PASS" : "FAIL",
        ])
    }

    static func print(_ results: [BenchmarkResult]) {
        printHeader()
        results.forEach(print)
    }

    private static func printRow(_ cells: [String]) {
        var line = ""
        for (cell, width) in zip(cells, widths) {
            line += cell.padding(toLength: max(width, cell.count + 1), withPad: " ", startingAt: 0) + " "
        }
        line += cells.last ?? ""
        Swift.print(line)
        fflush(nil)
    }
}

/// Runs a program to completion with stdout on /dev/null, stdin from `input` (or /dev/null) and
/// stderr captured; throws with its stderr when it fails.
func runTool(_ executable: String, _ arguments: [String], input: String? = nil) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let inputPipe = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    if let input {
        inputPipe.fileHandleForWriting.write(Data(input.utf8))
        try inputPipe.fileHandleForWriting.close()
    }
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchmarkError("\(executable) exited with \(process.terminationStatus): \(String(decoding: message, as: UTF8.self))")
    }
}

/// Runs a program with posix_spawn (stdin from `inputPath`, output to /dev/null) and waits:
/// no Foundation `Process` overhead, so a fast command's own time is what gets measured.
func spawnAndWait(_ executable: String, _ arguments: [String], inputPath: String = "/dev/null") throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let status = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
    guard status == 0 else { throw BenchmarkError("cannot run \(executable): \(String(cString: strerror(status)))") }
    var waitStatus: Int32 = 0
    while waitpid(pid, &waitStatus, 0) < 0 {
        guard errno == EINTR else { throw BenchmarkError("lost track of \(executable)") }
    }
    guard waitStatus == 0 else { throw BenchmarkError("\(executable) \(arguments.joined(separator: " ")) failed (status \(waitStatus))") }
}

/// `$(pg_config --bindir)/<program>`.
func postgresTool(_ program: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["pg_config", "--bindir"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let directory = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    let path = "\(directory)/\(program)"
    guard process.terminationStatus == 0, FileManager.default.isExecutableFile(atPath: path) else {
        throw BenchmarkError("\(program) was not found through `pg_config --bindir` (install postgresql)")
    }
    return path
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
