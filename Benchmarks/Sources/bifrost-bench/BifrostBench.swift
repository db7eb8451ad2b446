import ArgumentParser
import Foundation

/// `make bench`: speed and memory benchmarks, each printing result lines against a baseline
/// measured in the same run and a target. Exits 1 when a target is missed.
@main
struct BifrostBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bifrost-bench",
        abstract: "Bifrost's benchmarks: each prints value, baseline, ratio, target and PASS/FAIL.",
        discussion: "Build in release mode first: `swift build -c release --product bifrost-bench`. See Benchmarks/README.md.",
        subcommands: [All.self, Introspection.self, Translation.self, Conversion.self])

    /// Prints the table and fails the process when a result missed its target.
    static func report(_ results: [BenchmarkResult]) throws {
        Swift.print("")
        ResultTable.print(results)
        let failed = results.filter { !$0.passed }
        Swift.print("")
        if failed.isEmpty {
            Swift.print("all \(results.count) results met their targets")
        } else {
            Swift.print("FAILED: \(failed.map(\.name).joined(separator: ", "))")
            throw ExitCode.failure
        }
    }
}

extension BifrostBench {
    struct All: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Runs every benchmark with its default size.")

        func run() throws {
            var results: [BenchmarkResult] = []
            results += try IntrospectionBenchmark().run()
            results += try TranslationBenchmark().run()
            results += try ConversionBenchmark().run()
            try BifrostBench.report(results)
        }
    }

    struct Conversion: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "bifrost convert and import on generated Authly data, against the COPY/SQLite floor and a bare COPY FROM (targets 1.5x; convert peak memory 100 MB).")

        @Option(help: "Rows for authly_generate (across all tables).")
        var rows = 1_000_000

        @Option(help: "Timed runs; the median is reported.")
        var runs = 1

        @Option(help: "The bifrost CLI to run (default: `bifrost` next to this program, else .build/release/bifrost).")
        var bifrost: String?

        func validate() throws {
            guard rows >= 1000 else { throw ValidationError("--rows must be at least 1000") }
            guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        }

        func run() throws {
            var benchmark = ConversionBenchmark(rows: rows, runs: runs)
            if let bifrost { benchmark.bifrost = bifrost }
            try BifrostBench.report(benchmark.run())
        }
    }

    struct Translation: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Translator.translate on 100 statements (target 50 ms) and `bifrost translate` on one line (target 30 ms).")

        @Option(help: "Timed runs (after one warm-up); the median is reported.")
        var runs = 20

        func run() throws {
            try BifrostBench.report(TranslationBenchmark(runs: runs).run())
        }
    }

    struct Introspection: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "PostgresSchemaReader.read on a large schema, against pg_dump --schema-only (target: 2 s for 1,000 tables).")

        @Option(help: "Tables to create (20 columns, 3 indexes and 2 foreign keys each).")
        var tables = 1000

        @Option(help: "Timed runs (after one warm-up); the median is reported.")
        var runs = 5

        @Flag(help: "Print the benchmark's schema as SQL and exit (to profile catalog queries by hand).")
        var printSchema = false

        func validate() throws {
            guard tables >= 1 else { throw ValidationError("--tables must be at least 1") }
            guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        }

        func run() throws {
            let benchmark = IntrospectionBenchmark(tables: tables, runs: runs)
            guard !printSchema else {
                Swift.print(benchmark.schemaSQL())
                return
            }
            try BifrostBench.report(benchmark.run())
        }
    }
}
