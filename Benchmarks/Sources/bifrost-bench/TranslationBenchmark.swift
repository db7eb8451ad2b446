import BifrostIntrospection
import BifrostPGQuery
import BifrostPostgres
import BifrostSchema
import BifrostTestSupport
import BifrostTranslate
import Foundation

/// Translating application SQL: `Translator.translate` on a file of 100 Authly statements in one
/// process (target 50 ms; baseline: libpg_query parsing the same file, the floor of any
/// translation through PostgreSQL's parser), and `bifrost translate` answering a one-line
/// query as a fresh process (target 30 ms; baseline: `sqlite3 :memory:` running one query).
struct TranslationBenchmark {
    var runs = 20
    var workload = SampleData.repositoryRoot.appendingPathComponent("Benchmarks/Workloads/authly-queries.sql").path

    func run() throws -> [BenchmarkResult] {
        let sql = try String(contentsOfFile: workload, encoding: .utf8)
        let statementCount = try PGQuery.splitStatements(sql).count
        Swift.print("translation: \(statementCount) statements from \(workload)")
        let cluster = try ThrowawayPostgres.start()
        defer { cluster.stop() }
        try cluster.createDatabase("authly")
        try cluster.load(file: SampleData.authly("schema.sql"), into: "authly")
        let schema = try SchemaLocation.postgres(cluster.connectionString(database: "authly")).read()
        let snapshot = NSTemporaryDirectory() + "bifrost-bench-authly-\(getpid()).json"
        try SchemaSnapshot.encode(schema).write(toFile: snapshot, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: snapshot) }

        let translator = Translator(schema: schema, options: TranslationOptions(databaseCollation: "C.UTF-8"))
        var translated = 0
        let translate = try Harness.measure(runs: runs) { translated = try translator.translate(sql).statements.count }
        let parse = try Harness.measure(runs: runs) { _ = try PGQuery.parseToJSON(sql) }
        Harness.note("translate: median \(Unit.seconds.format(translate.median)), \(translate.spread)")
        Harness.note("libpg_query parse: median \(Unit.seconds.format(parse.median))")

        let bifrost = SampleData.repositoryRoot.appendingPathComponent(".build/release/bifrost").path
        let query = NSTemporaryDirectory() + "bifrost-bench-query-\(getpid()).sql"
        try "SELECT id, email FROM users WHERE email ILIKE $1 AND is_active ORDER BY created_at DESC LIMIT 10\n"
            .write(toFile: query, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: query) }
        let cli = try Harness.measure(runs: runs) {
            try spawnAndWait(bifrost, ["translate", "--schema", snapshot, "--collation", "C.UTF-8"], inputPath: query)
        }
        let bare = try Harness.measure(runs: runs) {
            try spawnAndWait(bifrost, ["translate", "--collation", "C.UTF-8"], inputPath: query)
        }
        let sqlite = try Harness.measure(runs: runs) { try spawnAndWait("sqlite3", [":memory:", "select 1"]) }
        Harness.note("bifrost translate (one line, --schema snapshot): median \(Unit.seconds.format(cli.median)), \(cli.spread)")
        Harness.note("bifrost translate (one line, no schema): median \(Unit.seconds.format(bare.median))")
        Harness.note("sqlite3 :memory: 'select 1': median \(Unit.seconds.format(sqlite.median))")
        return [
            BenchmarkResult(name: "translate.file", value: translate.median, unit: .seconds,
                            baseline: parse.median, target: .atMost(0.050)),
            BenchmarkResult(name: "translate.statements", value: Double(translated), unit: .count,
                            target: .exactly(Double(statementCount))),
            BenchmarkResult(name: "translate.cli", value: cli.median, unit: .seconds,
                            baseline: sqlite.median, target: .atMost(0.030)),
            BenchmarkResult(name: "translate.cli.no_schema", value: bare.median, unit: .seconds,
                            baseline: sqlite.median, target: .atMost(0.030)),
        ]
    }
}
