import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import Foundation

/// Where a schema comes from, as a user names it on the command line: a PostgreSQL
/// connection string, a SQLite file, or a JSON snapshot.
public enum SchemaLocation: Sendable, CustomStringConvertible {
    case postgres(ConnectionString)
    case sqlite(path: String)
    case snapshot(path: String)

    /// An existing file is a SQLite database (by its header) or a snapshot (anything else);
    /// everything else is a PostgreSQL connection string.
    public init(argument: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), !isDirectory.boolValue else {
            self = .postgres(ConnectionString(argument))
            return
        }
        let header = FileHandle(forReadingAtPath: argument).map { handle in
            defer { try? handle.close() }
            return handle.readData(ofLength: 16)
        } ?? Data()
        self = header == Data("SQLite format 3\0".utf8) ? .sqlite(path: argument) : .snapshot(path: argument)
    }

    public var description: String {
        switch self {
        case let .postgres(connection): connection.label
        case let .sqlite(path), let .snapshot(path): path
        }
    }

    /// Reads the schema. `namespaces` restricts PostgreSQL schemas (all user schemas when
    /// empty); a snapshot and a SQLite file are filtered after reading.
    public func read(namespaces: [String] = []) throws -> Schema {
        var schema: Schema
        switch self {
        case let .postgres(connectionString):
            let connection = try PostgresConnection(connectionString)
            try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            defer { _ = try? connection.execute("COMMIT") }
            return try PostgresSchemaReader(connection: connection).read(schemas: namespaces)
        case let .sqlite(path):
            schema = try SQLiteSchemaReader(connection: try SQLiteConnection(path: path, mode: .readOnly)).read()
        case let .snapshot(path):
            schema = try SchemaSnapshot.load(path: path)
        }
        return namespaces.isEmpty ? schema : schema.keepingNamespaces(namespaces)
    }
}

extension Schema {
    /// The objects of the given namespaces only.
    public func keepingNamespaces(_ names: [String]) -> Schema {
        var copy = self
        copy.namespaces = namespaces.filter(names.contains)
        copy.tables = tables.filter { names.contains($0.name.schema) }
        copy.views = views.filter { names.contains($0.name.schema) }
        copy.sequences = sequences.filter { names.contains($0.name.schema) }
        copy.functions = functions.filter { names.contains($0.name.schema) }
        copy.types = types.filter { names.contains($0.name.schema) }
        return copy
    }
}
