import BifrostPostgres
import BifrostSQLite
import BifrostTransfer
import BifrostTestSupport
import Foundation
import Testing

@Suite struct CLITests {
    @Test func helpListsTheCommandsAndExitCodes() throws {
        let run = try BifrostCommandRun(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("convert"))
        #expect(run.stdout.contains("Exit codes"))
        let convert = try BifrostCommandRun(["convert", "--help"])
        #expect(convert.status == 0)
        #expect(convert.stdout.contains("--mapping"))
    }

    @Test func convertPrintsRowCountsAndWritesTheFile() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bifrost-cli-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let destination = directory.appendingPathComponent("authly.sqlite").path
        let run = try BifrostCommandRun(["convert", source.raw, destination])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let users = try PostgresConnection(source).execute("SELECT count(*) FROM users").rows[0][0]!
        #expect(run.stdout.split(separator: "\n").contains { $0.contains("users") && $0.contains(" \(users) rows") })
        #expect(run.stdout.contains("row counts and content checksums match on both sides"))
        let tables = try SQLiteConnection(path: destination, mode: .readOnly)
            .query(#"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '\_bifrost\_%' ESCAPE '\'"#)
        #expect(tables == [[.integer(9)]])
        let metadata = try SQLiteConnection(path: destination, mode: .readOnly)
            .query("SELECT value FROM _bifrost_metadata WHERE key = 'bifrost_version'")
        #expect(metadata == [[.text(try BifrostCommandRun(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))]])
    }

    @Test func convertTakesSomeTablesTheSchemaOnlyThenTheDataOnly() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bifrost-cli-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let some = directory.appendingPathComponent("some.sqlite").path
        let run = try BifrostCommandRun(["convert", source.raw, some, "--table", "users", "--table", "public.tokens",
                                         "--exclude-table", "tokens"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("converted 1 tables"))
        let inspect = try BifrostCommandRun(["inspect", some])
        #expect(inspect.stdout.contains("table main.users") && !inspect.stdout.contains("table main.tokens"))
        #expect(!inspect.stdout.contains("table main._bifrost"))
        let verify = try BifrostCommandRun(["verify", source.raw, some])
        #expect(verify.status == 0, "verify checks the tables the file records: \(verify.stdout) \(verify.stderr)")

        let empty = directory.appendingPathComponent("empty.sqlite").path
        let schemaOnly = try BifrostCommandRun(["convert", source.raw, empty, "--schema-only"])
        #expect(schemaOnly.status == 0, "stderr: \(schemaOnly.stderr)")
        #expect(schemaOnly.stdout.contains("0 rows") && schemaOnly.stdout.contains("--schema-only"))
        #expect(try SQLiteConnection(path: empty, mode: .readOnly).query("SELECT count(*) FROM users") == [[.integer(0)]])

        let unknown = try BifrostCommandRun(["convert", source.raw, directory.appendingPathComponent("x.sqlite").path,
                                             "--table", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no table nope to convert; the schema has: ") && unknown.stderr.contains("public.users"))

        let missing = try BifrostCommandRun(["convert", source.raw, directory.appendingPathComponent("y.sqlite").path, "--data-only"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("does not exist: --data-only loads rows into a file written by convert --schema-only"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["empty.sqlite", "some.sqlite"])

        // --data-only fills the schema-only file, with its triggers kept (and not fired by the load).
        let dataOnly = try BifrostCommandRun(["convert", source.raw, empty, "--data-only"])
        #expect(dataOnly.status == 0, "stderr: \(dataOnly.stderr)")
        #expect(dataOnly.stdout.contains("row counts and content checksums match"))
        let filled = try SQLiteConnection(path: empty, mode: .readOnly)
        let expected = try PostgresConnection(source).query("SELECT count(*) FROM users").value(row: 0, column: 0)
        #expect(try filled.query("SELECT count(*) FROM users") == [[.integer(Int64(expected ?? "") ?? -1)]])
        #expect(try filled.query("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'") != [[.integer(0)]])
        #expect(try ConversionMetadata.read(from: filled)?.content == .schemaAndData)
        let again = try BifrostCommandRun(["convert", source.raw, empty, "--data-only"])
        #expect(again.status == 1 && again.stderr.contains("already holds rows"))
        let both = try BifrostCommandRun(["convert", source.raw, empty, "--data-only", "--schema-only"])
        #expect(both.status == 64)
    }

    @Test func convertWithWhereJobsAndSkipWritesTheFileAndAnEmptyRejectFile() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bifrost-cli-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("recent.sqlite").path
        let run = try BifrostCommandRun(["convert", source.raw, path, "--where", "tokens:NOT revoked", "--jobs", "2",
                                         "--on-error", "skip", "--json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let tables = try #require(summary["tables"] as? [[String: Any]])
        let tokens = try #require(tables.first { $0["sqlite_name"] as? String == "tokens" })
        let expected = try PostgresConnection(source).query("SELECT count(*) FROM tokens WHERE NOT revoked").value(row: 0, column: 0)
        #expect((tokens["rows"] as? Int).map(String.init) == expected)
        #expect(tables.allSatisfy { $0["rejects"] as? Int == 0 })
        #expect(try String(contentsOfFile: path + ".rejects.jsonl", encoding: .utf8).isEmpty, "nothing left out, said by an empty file")

        let malformed = try BifrostCommandRun(["convert", source.raw, path, "--where", "tokens:true; DROP TABLE tokens"])
        #expect(malformed.status == 64 && malformed.stderr.contains("--where tokens:"))
        let stray = try BifrostCommandRun(["convert", source.raw, path, "--reject-file", "r.jsonl"])
        #expect(stray.status == 64 && stray.stderr.contains("--reject-file is for --on-error=skip"))
    }

    @Test func unreachableServerIsAClearErrorWithoutPasswordOrStackTrace() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bifrost-cli-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try BifrostCommandRun(["convert", "postgresql://authly:Sup3rSecret@127.0.0.1:1/authly?connect_timeout=2",
                              directory.appendingPathComponent("out.sqlite").path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: "))
        #expect(run.stderr.contains("cannot connect to authly@127.0.0.1:1/authly"))
        #expect(!run.stderr.contains("Sup3rSecret"))
        #expect(!run.stderr.contains("Fatal error"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func usageErrorsExitWith64() throws {
        let run = try BifrostCommandRun(["convert"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("Missing expected argument"))
    }

    @Test func mappingPrintsTheDefaultRulesFile() throws {
        let run = try BifrostCommandRun(["mapping"])
        #expect(run.status == 0)
        let file = try String(contentsOf: SampleData.repositoryRoot.appendingPathComponent("Mappings/postgres-to-sqlite.rules"), encoding: .utf8)
        #expect(run.stdout == file)
    }
}

@Suite struct InterruptTests {
    @Test func ctrlCDuringAConversionLeavesNoFile() throws {
        let source = try SharedCluster.freshDatabase()
        try PostgresConnection(source).execute("""
            CREATE TABLE big (id bigint PRIMARY KEY, payload text, at timestamptz);
            INSERT INTO big SELECT i, repeat(md5(i::text), 4), '2024-01-01'::timestamptz + i * interval '1 second'
            FROM generate_series(1, 1500000) i;
            """)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bifrost-int-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: BifrostCommandRun.binary)
        process.arguments = ["convert", source.raw, directory.appendingPathComponent("big.sqlite").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until rows are being written to the temporary file, then interrupt.
        let deadline = Date().addingTimeInterval(60)
        func temporaryFileSize() -> Int {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.compactMap { name in
                try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.size] as? Int
            }.max() ?? 0
        }
        while temporaryFileSize() < 1_000_000, process.isRunning, Date() < deadline { usleep(20_000) }
        #expect(process.isRunning, "the conversion should still be running when interrupted")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}

@Suite struct InspectCLITests {
    @Test func summarySnapshotAndReloadedSnapshotAgree() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bifrost-inspect-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let text = try BifrostCommandRun(["inspect", source.raw])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("table public.users"))
        #expect(text.stdout.contains("default gen_random_uuid()"))
        #expect(text.stdout.contains("trigger "))
        #expect(text.stdout.contains("function public.set_updated_at() returns trigger language plpgsql"))

        let json = try BifrostCommandRun(["inspect", source.raw, "--format", "json"])
        #expect(json.status == 0)
        let snapshot = directory.appendingPathComponent("schema.json").path
        try json.stdout.write(toFile: snapshot, atomically: true, encoding: .utf8)
        let reloaded = try BifrostCommandRun(["inspect", snapshot, "--format", "json"])
        #expect(reloaded.stdout == json.stdout)
        #expect(try BifrostCommandRun(["inspect", snapshot]).stdout == text.stdout)

        let filtered = try BifrostCommandRun(["inspect", snapshot, "--table", "tokens"])
        #expect(filtered.stdout.contains("table public.tokens"))
        #expect(!filtered.stdout.contains("table public.users"))
    }

    @Test func inspectsTheSQLiteFileConvertWrote() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bifrost-inspect-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("authly.sqlite").path
        #expect(try BifrostCommandRun(["convert", source.raw, path, "--quiet"]).status == 0)
        let run = try BifrostCommandRun(["inspect", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("SQLite "))
        #expect(run.stdout.contains("table main.users"))
        let users = run.stdout.components(separatedBy: "\n\n").first { $0.hasPrefix("table main.users") } ?? ""
        #expect(users.split(separator: "\n").contains { $0.hasPrefix("  id ") && $0.contains(" TEXT not null default ") })
        #expect(users.contains("primary key users_pkey (id)"))
    }

    @Test func unknownSchemaIsAnErrorNamingTheSchemasThereAre() throws {
        let source = try SharedCluster.authlyDatabase()
        let run = try BifrostCommandRun(["inspect", source.raw, "--schema", "nope"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("schema \"nope\" does not exist; the database has: public"))
    }
}
