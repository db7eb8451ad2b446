import BifrostTestSupport
import Foundation
import Testing

/// `bifrost translate` as a user runs it: a pipe in, SQLite SQL out, refusals with a caret.
@Suite struct TranslateCLITests {
    @Test func translatesStandardInputAgainstALiveSchema() throws {
        let source = try SharedCluster.authlyDatabase()
        let run = try BifrostCommandRun(["translate", "--schema", source.raw],
                                        input: "SELECT id FROM users WHERE email ILIKE $1 AND is_active ORDER BY created_at DESC")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("?1"))
        #expect(run.stdout.contains("NULLS FIRST"))
        #expect(!run.stdout.contains("ILIKE"))
    }

    @Test func refusalNamesTheConstructWithLineColumnAndCaret() throws {
        let run = try BifrostCommandRun(["translate", "-"], input: "SELECT 1;\nSELECT pg_sleep(1);\n")
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("error: 2:8: function pg_sleep() has no SQLite translation [unsupported-function]"))
        #expect(run.stderr.contains("\n  SELECT pg_sleep(1);\n         ^"))
    }

    @Test func syntaxErrorsArePostgreSQLs() throws {
        let run = try BifrostCommandRun(["translate"], input: "SELEC 1")
        #expect(run.status == 1)
        #expect(run.stderr.contains("syntax error"))
        #expect(run.stderr.contains("1:1"))
    }

    @Test func explainListsRewritesAndUnknownAllowanceIsAUsageError() throws {
        let explained = try BifrostCommandRun(["translate", "--explain"], input: "SELECT greatest(1, NULL, 2)")
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stderr.contains("rewrite: 1:8: GREATEST"))
        let unknown = try BifrostCommandRun(["translate", "--allow", "anything-goes"], input: "SELECT 1")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown --allow code anything-goes"))
    }
}

/// `bifrost import` as a user runs it: the way back from `convert`, into a schema of its own.
@Suite struct ImportCLITests {
    @Test func convertThenImportRestoresTheRows() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bifrost-import-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("authly.sqlite").path
        #expect(try BifrostCommandRun(["convert", source.raw, file, "--quiet"]).status == 0)
        let run = try BifrostCommandRun(["import", file, source.raw, "--schema", "restored", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let again = try BifrostCommandRun(["import", file, source.raw, "--schema", "restored", "--quiet"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("restored"))
        #expect(!again.stderr.contains("Fatal error"))
    }
}
