import BifrostPostgres
import BifrostSQLite
import BifrostTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Moving data: `bifrost convert` (PostgreSQL → SQLite, with verification) and `bifrost import`
/// (SQLite → PostgreSQL, with verification) on SampleData/authly generated with
/// `authly_generate(rows)`, each run as the release CLI in a fresh process.
///
/// Baselines, measured in the same run on the same data:
/// - convert: the floor max(A, B), where A is PostgreSQL emitting every table with
///   `COPY (SELECT * FROM t) TO STDOUT (FORMAT binary)` to this process, which drops the bytes,
///   and B is SQLite inserting the same rows (read into memory beforehand from the converted
///   file) into a fresh file with the converted file's CREATE TABLEs, through one bare prepared
///   INSERT per table, in one transaction, with convert's pragmas (journal_mode=OFF,
///   synchronous=OFF, cache_size 32 MB). Target ≤ 1.5×.
/// - import: a bare `COPY t FROM STDIN` (text format, rows read into memory beforehand) of every
///   table into tables made with `CREATE TABLE … (LIKE t)` (columns and NOT NULL only), in one
///   transaction. Target ≤ 1.5×. The same in binary format is reported for reference (import
///   sends binary COPY for tables whose columns all have a binary form).
/// - peak memory (max RSS, from wait4) of the convert process: target ≤ 100 MiB.
struct ConversionBenchmark {
    var rows = 1_000_000
    var runs = 1
    /// The release CLI; by default `bifrost` next to this benchmark's own executable.
    var bifrost: String = ConversionBenchmark.defaultCLIPath()

    static let ratioTarget = 1.5
    static let memoryTarget = 100.0 * 1_048_576

    /// `bifrost` in the directory of the running bifrost-bench (the same build's products),
    /// else `.build/release/bifrost` in the repository.
    static func defaultCLIPath() -> String {
        if let own = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let sibling = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("bifrost").path
            if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        }
        return SampleData.repositoryRoot.appendingPathComponent(".build/release/bifrost").path
    }

    func run() throws -> [BenchmarkResult] {
        Swift.print("conversion: SampleData/authly with authly_generate(\(rows)), CLI \(bifrost)")
        guard FileManager.default.isExecutableFile(atPath: bifrost) else {
            throw BenchmarkError("\(bifrost) does not exist: build it with `swift build -c release --product bifrost` (or pass --bifrost)")
        }
        let cluster = try ThrowawayPostgres.start()
        defer { cluster.stop() }
        let database = "authly"
        let connection = try PostgresConnection(try cluster.createDatabase(database))
        try connection.execute("SET client_min_messages = warning")  // no NOTICEs from DROP … CASCADE
        let setup = try Harness.time {
            try cluster.load(file: SampleData.authly("schema.sql"), into: database)
            try cluster.load(file: SampleData.authly("generate.sql"), into: database)
            try connection.execute("SELECT authly_generate(\(rows))")
            try connection.execute("VACUUM ANALYZE")
        }
        let tables = try tableNames(connection)
        Harness.note("generated \(rows) rows in \(tables.count) tables, VACUUM ANALYZE, in \(Unit.seconds.format(setup))")

        let work = NSTemporaryDirectory() + "bifrost-bench-conversion-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let converted = "\(work)/authly.sqlite"

        // Floor A: PostgreSQL emits every table in binary COPY; the bytes are dropped.
        var emittedBytes = 0
        let emit = try Harness.measure(runs: runs) {
            emittedBytes = 0
            for table in tables {
                try connection.copyOut("COPY (SELECT * FROM \(quote(table))) TO STDOUT (FORMAT binary)") {
                    emittedBytes += $0.count
                }
            }
        }
        Harness.note("floor A, COPY BINARY of every table: median \(Unit.seconds.format(emit.median)), \(Unit.bytes.format(Double(emittedBytes))), \(emit.spread)")

        // convert, with verification (the default), as the release CLI in a fresh process.
        let source = cluster.url(database: database)
        var convertSamples: [Double] = []
        var convertPeak = 0.0
        for _ in 0..<runs {
            try? FileManager.default.removeItem(atPath: converted)
            let run = try spawnMeasured(bifrost, ["convert", source, converted, "--quiet"])
            convertSamples.append(run.seconds)
            convertPeak = max(convertPeak, run.maxRSS)
        }
        let convert = Timing(samples: convertSamples)
        Harness.note("bifrost convert: median \(Unit.seconds.format(convert.median)), peak RSS \(Unit.bytes.format(convertPeak)), \(convert.spread)")

        // Spawned processes are measured before this process holds the floors' rows: a child
        // started with posix_spawn (vfork) reports this process's peak RSS as its own
        // ru_maxrss when that is larger (Linux carries it across exec).
        // import, with verification (the default), into a fresh database each run.
        var importSamples: [Double] = []
        var importPeak = 0.0
        for index in 0..<runs {
            let target = "imported_\(index)"
            try cluster.createDatabase(target)
            let run = try spawnMeasured(bifrost, ["import", converted, cluster.url(database: target), "--quiet"])
            importSamples.append(run.seconds)
            importPeak = max(importPeak, run.maxRSS)
        }
        let importTiming = Timing(samples: importSamples)
        Harness.note("bifrost import: median \(Unit.seconds.format(importTiming.median)), peak RSS \(Unit.bytes.format(importPeak)), \(importTiming.spread)")

        // Floor B: SQLite inserts the same rows through one bare prepared INSERT per table.
        let sqliteTables = try readSQLiteTables(converted)
        let convertedRows = sqliteTables.reduce(0) { $0 + $1.rows.count }
        let insertPath = "\(work)/floor.sqlite"
        let insert = try Harness.measure(runs: runs) {
            try? FileManager.default.removeItem(atPath: insertPath)
            try insertAll(sqliteTables, into: insertPath)
        }
        Harness.note("floor B, SQLite bare INSERTs of \(convertedRows) rows: median \(Unit.seconds.format(insert.median)), \(insert.spread)")
        let floor = max(emit.median, insert.median)

        // Import baseline: a bare text COPY FROM STDIN of the same rows; the binary format
        // (what import sends for most tables) is measured too, for reference.
        let copyIn = try bareCopyIn(tables, format: "text", connection)
        Harness.note("bare COPY FROM STDIN (text): median \(Unit.seconds.format(copyIn.median)), \(copyIn.spread)")
        let binaryCopyIn = try bareCopyIn(tables, format: "binary", connection)
        Harness.note("bare COPY FROM STDIN (binary, for reference): median \(Unit.seconds.format(binaryCopyIn.median)), \(binaryCopyIn.spread)")

        return [
            BenchmarkResult(name: "conversion.floor.copy_binary", value: emit.median, unit: .seconds, target: .none),
            BenchmarkResult(name: "conversion.floor.sqlite_insert", value: insert.median, unit: .seconds, target: .none),
            BenchmarkResult(name: "conversion.convert", value: convert.median, unit: .seconds,
                            baseline: floor, target: .atMost(Self.ratioTarget * floor)),
            BenchmarkResult(name: "conversion.convert.rows", value: Double(convertedRows), unit: .count,
                            target: .exactly(Double(rows))),
            BenchmarkResult(name: "conversion.convert.peak_memory", value: convertPeak, unit: .bytes,
                            target: .atMost(Self.memoryTarget)),
            BenchmarkResult(name: "conversion.import", value: importTiming.median, unit: .seconds,
                            baseline: copyIn.median, target: .atMost(Self.ratioTarget * copyIn.median)),
            BenchmarkResult(name: "conversion.import.vs_binary_copy", value: importTiming.median, unit: .seconds,
                            baseline: binaryCopyIn.median, target: .none),
            BenchmarkResult(name: "conversion.import.peak_memory", value: importPeak, unit: .bytes, target: .atMost(Self.memoryTarget)),
        ]
    }

    // MARK: - Parts

    private func quote(_ name: String) -> String { PostgresConnection.quoteIdentifier(name) }

    /// A bare `COPY t FROM STDIN` in `format` of every table's rows (read into memory first)
    /// into `(LIKE t)` copies, in one transaction; the first of `runs + 1` is a warm-up.
    private func bareCopyIn(_ tables: [String], format: String, _ connection: PostgresConnection) throws -> Timing {
        var copies: [(table: String, data: [UInt8])] = []
        for table in tables {
            var data: [UInt8] = []
            try connection.copyOut("COPY \(quote(table)) TO STDOUT (FORMAT \(format))") { data.append(contentsOf: $0) }
            copies.append((table, data))
        }
        var samples: [Double] = []
        for _ in 0..<(runs + 1) {
            try connection.execute("DROP SCHEMA IF EXISTS bench_bare CASCADE; CREATE SCHEMA bench_bare")
            for table in tables {
                try connection.execute("CREATE TABLE bench_bare.\(quote(table)) (LIKE public.\(quote(table)))")
            }
            let seconds = try Harness.time {
                try connection.execute("BEGIN")
                for (table, data) in copies {
                    try connection.copyIn("COPY bench_bare.\(quote(table)) FROM STDIN (FORMAT \(format))") { try $0.write(data) }
                }
                try connection.execute("COMMIT")
            }
            samples.append(seconds)
        }
        try connection.execute("DROP SCHEMA bench_bare CASCADE")
        return Timing(samples: Array(samples.dropFirst()))
    }

    /// The ordinary tables of `public`.
    private func tableNames(_ connection: PostgresConnection) throws -> [String] {
        let result = try connection.query(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1")
        return (0..<result.rowCount).compactMap { result.value(row: $0, column: 0) }
    }

    struct SQLiteTable {
        var name: String
        var createSQL: String
        var columnCount: Int
        var rows: [[SQLiteValue]]
    }

    /// Every data table of a converted file (not Bifrost's metadata) with its rows, in memory.
    private func readSQLiteTables(_ path: String) throws -> [SQLiteTable] {
        let sqlite = try SQLiteConnection(path: path, mode: .readOnly)
        let definitions = try sqlite.query("""
            SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            AND name NOT LIKE '\\_bifrost\\_%' ESCAPE '\\' ORDER BY name
            """)
        return try definitions.map { definition in
            guard case let .text(name) = definition[0], case let .text(sql) = definition[1] else {
                throw BenchmarkError("unexpected sqlite_schema row in \(path)")
            }
            let statement = try sqlite.prepare("SELECT * FROM \(SQLiteConnection.quoteIdentifier(name))")
            var rows: [[SQLiteValue]] = []
            while try statement.step() {
                rows.append((0..<statement.columnCount).map { statement.value(at: $0) })
            }
            return SQLiteTable(name: name, createSQL: sql, columnCount: statement.columnCount, rows: rows)
        }
    }

    /// The converted tables' CREATE TABLEs, then every row through one prepared INSERT per
    /// table, in one transaction (what the floor times).
    private func insertAll(_ tables: [SQLiteTable], into path: String) throws {
        let sqlite = try SQLiteConnection(path: path)
        // convert's own settings: no journal, no fsync, a 32 MB page cache.
        try sqlite.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -32768")
        try sqlite.transaction {
            for table in tables {
                try sqlite.execute(table.createSQL)
                let placeholders = Array(repeating: "?", count: table.columnCount).joined(separator: ", ")
                let insert = try sqlite.prepare("INSERT INTO \(SQLiteConnection.quoteIdentifier(table.name)) VALUES (\(placeholders))")
                for row in table.rows {
                    try insert.bind(row)
                    try insert.step()
                    insert.reset()
                }
            }
        }
    }
}

/// Runs a program with posix_spawn (stdin and stdout on /dev/null, stderr to a file shown on
/// failure) and waits with wait4: its wall time and its peak resident memory in bytes.
func spawnMeasured(_ executable: String, _ arguments: [String]) throws -> (seconds: Double, maxRSS: Double) {
    let errorPath = NSTemporaryDirectory() + "bifrost-bench-stderr-\(getpid())"
    defer { unlink(errorPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    var waitStatus: Int32 = 0
    var usage = rusage()
    let seconds = try Harness.time {
        let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard status == 0 else { throw BenchmarkError("cannot run \(executable): \(String(cString: strerror(status)))") }
        while wait4(pid, &waitStatus, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchmarkError("lost track of \(executable)") }
        }
    }
    guard waitStatus == 0 else {
        let message = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        throw BenchmarkError("\(executable) \(arguments.joined(separator: " ")) failed (status \(waitStatus)): \(message)")
    }
    // Linux reports ru_maxrss in kilobytes.
    return (seconds, Double(usage.ru_maxrss) * 1024)
}
