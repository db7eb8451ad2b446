import BifrostPostgres
import BifrostSchema
import Foundation

/// Reads a PostgreSQL schema from `pg_catalog` into the model, with a fixed number of
/// catalog queries whatever the number of tables.
///
/// Run it inside the transaction whose snapshot data will be read from, so that the schema
/// and the rows agree.
public struct PostgresSchemaReader {
    let connection: PostgresConnection
    let expressions = ExpressionParser()

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Reads the given schemas, or every user schema when `schemas` is empty.
    public func read(schemas: [String] = []) throws -> Schema {
        // Catalog queries are small; JIT compiling them costs more than running them.
        let jit = try connection.execute("SHOW jit").rows.first?.first ?? "on"
        try connection.execute("SET jit = off")
        defer { _ = try? connection.query("SELECT set_config('jit', $1, false)", [jit]) }
        let namespaces = try resolveNamespaces(schemas)
        let filter = try jsonArray(namespaces)
        let types = try TypeCatalog(connection: connection)
        var tables = try readTables(filter)
        let index = Dictionary(uniqueKeysWithValues: tables.enumerated().map { ($1.oid, $0) })
        func update(_ oid: UInt32, _ change: (inout Table) -> Void) {
            if let position = index[oid] { change(&tables[position].table) }
        }
        for (oid, column) in try readColumns(filter, types: types) {
            update(oid) { $0.columns.append(column) }
        }
        for (oid, constraint) in try readConstraints(filter) {
            update(oid) { constraint.apply(to: &$0) }
        }
        for (oid, tableIndex) in try readIndexes(filter) {
            update(oid) { $0.indexes.append(tableIndex) }
        }
        for (oid, trigger) in try readTriggers(filter) {
            update(oid) { $0.triggers.append(trigger) }
        }
        let version = try connection.execute("SHOW server_version").rows.first?.first ?? nil
        return Schema(
            source: SchemaSource(dialect: .postgresql, version: version?.split(separator: " ").first.map(String.init)),
            namespaces: namespaces,
            extensions: try readExtensions(),
            types: try readTypes(filter),
            tables: tables.map(\.table),
            views: try readViews(filter),
            sequences: try readSequences(filter),
            functions: try readFunctions(filter),
            notes: notes(for: tables.map(\.table)))
    }

    /// The schemas asked for, checked to exist; all user schemas when none were named.
    private func resolveNamespaces(_ requested: [String]) throws -> [String] {
        let existing = try connection.execute("""
            SELECT nspname FROM pg_namespace
            WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
              AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
            ORDER BY nspname
            """).rows.compactMap { $0[0] }
        guard !requested.isEmpty else { return existing }
        if let missing = requested.first(where: { !existing.contains($0) }) {
            throw PostgresError(kind: .server, message: "schema \"\(missing)\" does not exist; the database has: \(existing.joined(separator: ", "))")
        }
        return requested
    }

    /// What the model holds that SQLite cannot express.
    private func notes(for tables: [Table]) -> [String] {
        tables.flatMap { table in
            table.exclusions.map { "exclusion constraint \($0.name) on \(table.name) has no SQLite counterpart" }
        }
    }

    func jsonArray(_ names: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(names), as: UTF8.self)
    }

    func decode<T: Decodable>(_ type: T.Type, _ json: String?) throws -> T? {
        guard let json else { return nil }
        return try JSONDecoder().decode(type, from: Data(json.utf8))
    }
}

/// `$1` filter used by every catalog query: the namespaces to read, as a JSON array.
let namespaceFilter = "IN (SELECT json_array_elements_text($1::json))"
