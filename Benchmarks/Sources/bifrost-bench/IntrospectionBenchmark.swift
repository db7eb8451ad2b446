import BifrostIntrospection
import BifrostPostgres
import BifrostSchema
import BifrostTestSupport
import Foundation

/// Reading a large schema: `PostgresSchemaReader.read` on a database of `tables` tables, each
/// with 20 columns of mixed types (8 with defaults), a primary key, 3 indexes (partial,
/// expression, multi-column) and 2 foreign keys to other tables.
///
/// Target: at most 2 s for 1,000 tables (2 ms a table beyond that). Baseline, measured in the
/// same run on the same database: `pg_dump --schema-only`, which reads the same catalogs.
struct IntrospectionBenchmark {
    var tables = 1000
    var runs = 5

    /// 2 s up to 1,000 tables, then 2 ms a table.
    var targetSeconds: Double { max(2.0, 0.002 * Double(tables)) }

    func run() throws -> [BenchmarkResult] {
        Swift.print("introspection: \(tables) tables x 20 columns, 3 indexes, 2 foreign keys each")
        let pgDump = try postgresTool("pg_dump")
        let cluster = try ThrowawayPostgres.start()
        defer { cluster.stop() }
        let database = "introspection"
        let connection = try PostgresConnection(try cluster.createDatabase(database))

        let setup = try Harness.time { try createSchema(on: connection) }
        Harness.note("created the schema in \(Unit.seconds.format(setup))")
        // As on a live server whose autovacuum has run: catalog statistics up to date.
        let vacuum = try Harness.time { try connection.execute("VACUUM ANALYZE") }
        Harness.note("VACUUM ANALYZE in \(Unit.seconds.format(vacuum))")

        let reader = PostgresSchemaReader(connection: connection)
        var schema = Schema()
        let read = try Harness.measure(runs: runs) { schema = try reader.read(schemas: ["public"]) }
        Harness.note("PostgresSchemaReader.read: median \(Unit.seconds.format(read.median)), \(read.spread)")

        let url = cluster.url(database: database)
        let dump = try Harness.measure(runs: runs) { try runTool(pgDump, ["--schema-only", "--dbname", url]) }
        Harness.note("pg_dump --schema-only: median \(Unit.seconds.format(dump.median)), \(dump.spread)")

        let counts = ModelCounts(schema)
        let expectedIndexes = 4 * tables  // 3 declared + the primary key's
        return [
            BenchmarkResult(name: "introspection.read", value: read.median, unit: .seconds,
                            baseline: dump.median, target: .atMost(targetSeconds)),
            BenchmarkResult(name: "introspection.tables", value: Double(counts.tables), unit: .count,
                            target: .exactly(Double(tables))),
            BenchmarkResult(name: "introspection.columns", value: Double(counts.columns), unit: .count,
                            target: .exactly(Double(20 * tables))),
            BenchmarkResult(name: "introspection.indexes", value: Double(counts.indexes), unit: .count,
                            target: .exactly(Double(expectedIndexes))),
            BenchmarkResult(name: "introspection.indexes.partial", value: Double(counts.partialIndexes),
                            unit: .count, target: .exactly(Double(tables))),
            BenchmarkResult(name: "introspection.indexes.expression", value: Double(counts.expressionIndexes),
                            unit: .count, target: .exactly(Double(tables))),
            BenchmarkResult(name: "introspection.primary_keys", value: Double(counts.primaryKeys), unit: .count,
                            target: .exactly(Double(tables))),
            BenchmarkResult(name: "introspection.foreign_keys", value: Double(counts.foreignKeys), unit: .count,
                            target: .exactly(Double(2 * tables))),
            BenchmarkResult(name: "introspection.defaults", value: Double(counts.defaults), unit: .count,
                            target: .exactly(Double(8 * tables))),
        ]
    }

    /// What the reader found, to show it read the whole schema.
    struct ModelCounts {
        var tables = 0
        var columns = 0
        var indexes = 0
        var partialIndexes = 0
        var expressionIndexes = 0
        var primaryKeys = 0
        var foreignKeys = 0
        var defaults = 0

        init(_ schema: Schema) {
            for table in schema.tables {
                tables += 1
                columns += table.columns.count
                defaults += table.columns.filter { $0.defaultExpression != nil }.count
                indexes += table.indexes.count
                partialIndexes += table.indexes.filter { $0.predicate != nil }.count
                expressionIndexes += table.indexes.filter { $0.elements.contains { $0.expression != nil } }.count
                primaryKeys += table.primaryKey == nil ? 0 : 1
                foreignKeys += table.foreignKeys.count
            }
        }
    }

    // MARK: - The schema

    /// Tables and indexes in batches of 100 (one transaction each, to stay well inside the
    /// server's lock table), then the foreign keys the same way, once every table exists.
    func createSchema(on connection: PostgresConnection) throws {
        let batch = 100
        for start in stride(from: 0, to: tables, by: batch) {
            let sql = (start..<min(start + batch, tables)).map(tableDDL).joined(separator: "\n")
            try connection.execute(sql)
        }
        for start in stride(from: 0, to: tables, by: batch) {
            let sql = (start..<min(start + batch, tables)).map(foreignKeyDDL).joined(separator: "\n")
            try connection.execute(sql)
        }
    }

    /// The whole schema as one script (`--print-schema`).
    func schemaSQL() -> String {
        ((0..<tables).map(tableDDL) + (0..<tables).map(foreignKeyDDL)).joined(separator: "\n")
    }

    func tableName(_ number: Int) -> String {
        "t\(String(format: "%04d", number))"
    }

    /// 20 columns, 8 of them with defaults; the primary key and 3 indexes.
    func tableDDL(_ number: Int) -> String {
        let name = tableName(number)
        return """
            CREATE TABLE \(name) (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                parent_id uuid,
                owner_id uuid,
                name text NOT NULL,
                code varchar(32) NOT NULL DEFAULT '',
                title varchar(200),
                position integer NOT NULL DEFAULT 0,
                counter bigint,
                amount numeric(12,2) DEFAULT 0.00,
                is_active boolean NOT NULL DEFAULT true,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz,
                payload jsonb NOT NULL DEFAULT '{}'::jsonb,
                tags text[] DEFAULT '{}'::text[],
                ratio double precision,
                rank smallint,
                birth_date date,
                retention interval,
                content bytea,
                country char(2)
            );
            CREATE INDEX \(name)_active_created ON \(name) (created_at) WHERE is_active;
            CREATE INDEX \(name)_lower_name ON \(name) (lower(name));
            CREATE INDEX \(name)_parent_position ON \(name) (parent_id, position DESC);
            """
    }

    /// Two foreign keys to two other tables (the next one and one further on).
    func foreignKeyDDL(_ number: Int) -> String {
        let name = tableName(number)
        let parent = tableName((number + 1) % tables)
        let owner = tableName((number + 7) % tables)
        return """
            ALTER TABLE \(name)
                ADD CONSTRAINT \(name)_parent_fk FOREIGN KEY (parent_id) REFERENCES \(parent) (id) ON DELETE CASCADE,
                ADD CONSTRAINT \(name)_owner_fk FOREIGN KEY (owner_id) REFERENCES \(owner) (id) ON DELETE SET NULL;
            """
    }
}
