@testable import bifrost
import BifrostPostgres
import BifrostSchema
import BifrostTestSupport
import BifrostTransfer
import Foundation
import Testing

/// Progress output, `--quiet` and the `--json` documents of convert, import and verify.
@Suite struct ProgressCLITests {
    /// A temporary directory, removed by `cleanUp`.
    private static func directory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bifrost-progress-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(text)")
    }

    /// Row counts per table, counted by PostgreSQL.
    private static func counts(_ source: ConnectionString, tables: [String]) throws -> [String: Int] {
        let postgres = try PostgresConnection(source)
        var counts: [String: Int] = [:]
        for table in tables {
            let name = table.split(separator: ".").map { PostgresConnection.quoteIdentifier(String($0)) }.joined(separator: ".")
            counts[table] = Int(try postgres.execute("SELECT count(*) FROM \(name)").rows[0][0]!)
        }
        return counts
    }

    private static func hasControlCharacters(_ text: String) -> Bool {
        text.contains("\r") || text.contains("\u{1B}")
    }

    @Test func convertJSONIsOneDocumentWithEveryTable() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let destination = directory.appendingPathComponent("authly.sqlite").path
        let run = try BifrostCommandRun(["convert", source.raw, destination, "--json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let summary = try Self.json(run.stdout)
        #expect(summary["destination"] as? String == destination)
        #expect(summary["source"] as? String == source.label)
        let tables = try #require(summary["tables"] as? [[String: Any]])
        #expect(tables.count == 9)
        let names = tables.compactMap { $0["table"] as? String }
        let counts = try Self.counts(source, tables: names)
        for table in tables {
            let name = try #require(table["table"] as? String)
            #expect(name.hasPrefix("public."))
            #expect(table["sqlite_name"] as? String == String(name.dropFirst("public.".count)))
            #expect(table["rows"] as? Int == counts[name], "\(name)")
            #expect((table["bytes"] as? Int ?? -1) >= 0)
            #expect(table["seconds"] is Double || table["seconds"] is Int)
            #expect((table["checksum"] as? String)?.isEmpty == false, "\(name): verification ran, so a checksum")
            #expect(table["rejects"] as? Int == 0)
        }
        #expect(summary["rows"] as? Int == counts.values.reduce(0, +))
        #expect(summary["verification"] as? [String: Bool] == ["ran": true, "equal": true])
        #expect(summary["notes"] is [String])
        #expect(!Self.hasControlCharacters(run.stderr), "no terminal: no status line")
        #expect(!run.stderr.contains("verifying"), "with --json, progress lines only on a terminal")
    }

    @Test func convertWithoutVerificationHasNullChecksums() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try BifrostCommandRun(["convert", source.raw, directory.appendingPathComponent("a.sqlite").path,
                                         "--json", "--no-verify", "--table", "users"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let summary = try Self.json(run.stdout)
        let tables = try #require(summary["tables"] as? [[String: Any]])
        #expect(tables.count == 1)
        #expect(tables[0]["checksum"] is NSNull)
        let verification = try #require(summary["verification"] as? [String: Any])
        #expect(verification["ran"] as? Bool == false)
        #expect(verification["equal"] is NSNull)
    }

    @Test func offATerminalProgressIsPlainLines() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try BifrostCommandRun(["convert", source.raw, directory.appendingPathComponent("a.sqlite").path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(!Self.hasControlCharacters(run.stdout) && !Self.hasControlCharacters(run.stderr))
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("  ") && $0.contains(" rows ") }.count == 9)
        #expect(lines.contains("verifying: comparing every row of both sides…"))
        #expect(lines.last?.hasPrefix("converted 9 tables") == true)
    }

    @Test func quietPrintsNothingOnSuccess() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("a.sqlite").path
        let convert = try BifrostCommandRun(["convert", source.raw, file, "--quiet"])
        #expect(convert.status == 0)
        #expect(convert.stdout.isEmpty && convert.stderr.isEmpty, "\(convert.stdout)\(convert.stderr)")
        let target = try SharedCluster.freshDatabase()
        let importRun = try BifrostCommandRun(["import", file, target.raw, "-q"])
        #expect(importRun.status == 0, "\(importRun.stderr)")
        #expect(importRun.stdout.isEmpty && importRun.stderr.isEmpty, "\(importRun.stdout)\(importRun.stderr)")
        let verify = try BifrostCommandRun(["verify", source.raw, file, "--quiet"])
        #expect(verify.status == 0)
        #expect(verify.stdout.isEmpty && verify.stderr.isEmpty)
    }

    @Test func passwordIsNeverPrinted() throws {
        let source = try SharedCluster.authlyDatabase()
        let database = try #require(source.settings?.first { $0.key == "dbname" }?.value)
        // The test cluster trusts local connections, so the password is accepted and ignored.
        let url = try SharedCluster.cluster().url(database: database)
            .replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://postgres:Sup3rSecretPw@")
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("a.sqlite").path
        let runs = [
            try BifrostCommandRun(["convert", url, file, "--json"]),
            try BifrostCommandRun(["convert", url, directory.appendingPathComponent("b.sqlite").path]),
            try BifrostCommandRun(["convert", url, directory.appendingPathComponent("c.sqlite").path, "--json",
                                   "--table", "nope"]),
            try BifrostCommandRun(["verify", url, file, "--json"]),
            try BifrostCommandRun(["import", file, url, "--json"]),  // fails: the tables exist
        ]
        #expect(runs.map(\.status) == [0, 0, 1, 0, 1], "\(runs.map(\.stderr))")
        for run in runs {
            #expect(!run.stdout.contains("Sup3rSecretPw") && !run.stderr.contains("Sup3rSecretPw"))
        }
        #expect(try Self.json(runs[0].stdout)["source"] as? String == source.label)
    }

    @Test func failureWithJSONIsAnErrorDocumentWithTheExitCode() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try BifrostCommandRun(["convert", source.raw, directory.appendingPathComponent("a.sqlite").path,
                                         "--json", "--table", "nope"])
        #expect(run.status == 1)
        let error = try Self.json(run.stdout)
        #expect(Set(error.keys) == ["error", "exit_code"])
        #expect(error["exit_code"] as? Int == 1)
        let message = try #require(error["error"] as? String)
        #expect(message.contains("no table nope to convert"))
        #expect(run.stderr == "error: \(message)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)

        let verify = try BifrostCommandRun(["verify", source.raw, directory.appendingPathComponent("missing.sqlite").path,
                                            "--json"])
        #expect(verify.status == 2)
        #expect(try Self.json(verify.stdout)["exit_code"] as? Int == 2)
    }

    @Test func importAndVerifyPrintJSONSummaries() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("a.sqlite").path
        #expect(try BifrostCommandRun(["convert", source.raw, file, "-q"]).status == 0)

        let target = try SharedCluster.freshDatabase()
        let imported = try BifrostCommandRun(["import", file, target.raw, "--json"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let summary = try Self.json(imported.stdout)
        #expect(summary["source"] as? String == file)
        let tables = try #require(summary["tables"] as? [[String: Any]])
        let counts = try Self.counts(target, tables: tables.compactMap { $0["table"] as? String })
        #expect(tables.count == 9)
        for table in tables {
            #expect(table["rows"] as? Int == counts[table["table"] as? String ?? ""])
            #expect(table["checksum"] is String)
        }
        #expect(summary["verification"] as? [String: Bool] == ["ran": true, "equal": true])

        let equal = try BifrostCommandRun(["verify", source.raw, file, "--json"])
        #expect(equal.status == 0, "\(equal.stderr)")
        let report = try Self.json(equal.stdout)
        #expect(report["equal"] as? Bool == true)
        #expect((report["tables"] as? [[String: Any]])?.count == 9)

        try PostgresConnection(source).execute("UPDATE users SET username = username || 'x' WHERE id = (SELECT id FROM users ORDER BY id LIMIT 1)")
        let different = try BifrostCommandRun(["verify", source.raw, file, "--json"])
        #expect(different.status == 1)
        let differing = try Self.json(different.stdout)
        #expect(differing["equal"] as? Bool == false)
        let users = try #require((differing["tables"] as? [[String: Any]])?.first { $0["sqlite_name"] as? String == "users" })
        #expect(users["equal"] as? Bool == false)
        #expect(users["differing_rows"] as? Int == 1)
        let difference = try #require((users["differences"] as? [[String: Any]])?.first)
        #expect((difference["columns"] as? [String])?.contains("username") == true)
        #expect(difference["kind"] as? String == "values differ")
        #expect(different.stderr.contains("different:"))
    }

    /// Under a pseudo-terminal (`script`), the status line is drawn and cleared in place.
    @Test func onATerminalTheStatusLineIsRedrawnInPlace() throws {
        let script = "/usr/bin/script"
        guard FileManager.default.isExecutableFile(atPath: script) else { return }
        let source = try SharedCluster.authlyDatabase()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let quoted = [BifrostCommandRun.binary, "convert", source.raw, directory.appendingPathComponent("a.sqlite").path]
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let transcript = directory.appendingPathComponent("transcript").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-qec", quoted, transcript]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let output = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("\r\u{1B}[K"), "the status line is cleared before a table's final line")
        #expect(output.contains("\rusers "), "a status line names the table")
        #expect(output.contains("converted 9 tables"))
    }
}

@Suite struct ProgressLineTests {
    @Test func rateAndTimeLeftFollowTheEstimate() {
        let line = ProgressLine(table: "users", rows: 250_000, estimatedRows: 1_000_000, elapsed: 2)
        #expect(line.rate == 125_000)
        #expect(line.fraction == 0.25)
        #expect(line.secondsLeft == 6)
        #expect(line.text == "users                 250,000 / ~1,000,000 rows  25%  ETA 6s  125,000 rows/s")
    }

    @Test func noRateBeforeAnythingMoved() {
        let start = ProgressLine(table: "t", rows: 0, estimatedRows: 100, elapsed: 0)
        #expect(start.rate == nil && start.secondsLeft == nil)
        #expect(start.fraction == 0)
        #expect(ProgressLine(table: "t", rows: 10, estimatedRows: 100, elapsed: 0.01).rate == nil)
    }

    @Test func unknownOrZeroEstimateShowsNoPercentageOrTimeLeft() {
        for estimate in [-1, 0, 0.5, .nan, .infinity, 1e30] {
            let line = ProgressLine(table: "t", rows: 500, estimatedRows: estimate, elapsed: 1)
            #expect(line.fraction == nil && line.secondsLeft == nil, "\(estimate)")
            #expect(line.text == "t                     500 rows  500 rows/s", "\(estimate)")
        }
    }

    @Test func anEstimateThatIsTooLowIsDropped() {
        let line = ProgressLine(table: "t", rows: 1_500, estimatedRows: 1_000, elapsed: 1)
        #expect(line.fraction == nil && line.secondsLeft == nil)
        #expect(!line.text.contains("%") && !line.text.contains("ETA"))
        let almost = ProgressLine(table: "t", rows: 999_999, estimatedRows: 1_000_000, elapsed: 1)
        #expect(almost.fraction == 0.99, "never 100 % before the table finished")
        #expect(almost.secondsLeft.map { $0 >= 0 } == true)
    }

    @Test func durationsAndNumbersReadEasily() {
        #expect(ProgressLine.duration(0) == "0s")
        #expect(ProgressLine.duration(41.2) == "42s")
        #expect(ProgressLine.duration(185) == "3m05s")
        #expect(ProgressLine.duration(7_620) == "2h07m")
        #expect(ProgressLine.duration(1e300) == "2777h46m")
        #expect(0.grouped == "0" && 999.grouped == "999" && 1_000.grouped == "1,000")
        #expect(1_234_567.grouped == "1,234,567" && (-12_345).grouped == "-12,345")
    }

    @Test func aFinishedTableKeepsItsLine() {
        let name = QualifiedName(schema: "public", name: "users")
        let done = ProgressLine.finished(.init(source: name, sqliteName: "users", rows: 1_000, seconds: 0.5))
        #expect(done == "  users                              1000 rows    0.50 s  2,000 rows/s")
        let rejected = ProgressLine.finished(.init(source: name, sqliteName: "users", rows: 10, rejects: 2, seconds: 1))
        #expect(rejected.hasSuffix("(2 rejected)"))
        let instant = ProgressLine.finished(.init(source: name, sqliteName: "users", rows: 12, seconds: 0.001))
        #expect(!instant.contains("rows/s"), "no rate from a table too quick to time")
    }
}
