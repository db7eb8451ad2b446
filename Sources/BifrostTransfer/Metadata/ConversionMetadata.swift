import BifrostMapping
import BifrostSchema
import Foundation

/// What a SQLite file written by `convert` records about itself, in two tables (see
/// `MetadataTables`): where it came from, how its values are stored, and what it holds.
///
/// `_bifrost_metadata (key TEXT PRIMARY KEY, value TEXT)` holds one row per key of `Key`;
/// `_bifrost_tables` one row per converted table with its row count and content checksum.
public struct ConversionMetadata: Sendable, Equatable {
    /// The keys of `_bifrost_metadata`.
    public enum Key: String, Sendable, CaseIterable {
        /// The version of this layout (`1`).
        case metadataVersion = "metadata_version"
        /// `Bifrost.version` of the tool that wrote the file.
        case bifrostVersion = "bifrost_version"
        /// `SHOW server_version` of the source PostgreSQL.
        case sourceServerVersion = "source_server_version"
        /// The PostgreSQL schema (namespace) the tables came from.
        case sourceNamespace = "source_namespace"
        /// The model of what was converted, as a `bifrost-schema` snapshot (`SchemaSnapshot`).
        case sourceSchema = "source_schema"
        /// The mapping rules in the order they were tried (the user's, then the defaults),
        /// as mapping-file text, each rule followed by where it was written.
        case mappingRules = "mapping_rules"
        /// When the conversion ran, UTC, ISO 8601 (`2024-05-01T12:00:00Z`).
        case convertedAt = "converted_at"
        /// `schema and data` or `schema only`.
        case content
    }

    /// What the file holds.
    public enum Content: String, Sendable {
        case schemaAndData = "schema and data"
        case schemaOnly = "schema only"
    }

    /// One converted table.
    public struct TableRecord: Sendable, Equatable {
        public var source: QualifiedName
        public var sqliteName: String
        /// Rows copied; `nil` for a schema-only file.
        public var rows: Int?
        /// The verification checksum (equal on both sides); `nil` when not verified.
        public var checksum: String?
        /// The `--where` condition the rows were read with; `nil`: every row.
        public var rowFilter: String?

        public init(source: QualifiedName, sqliteName: String, rows: Int?, checksum: String?, rowFilter: String? = nil) {
            self.source = source
            self.sqliteName = sqliteName
            self.rows = rows
            self.checksum = checksum
            self.rowFilter = rowFilter
        }
    }

    public static let layoutVersion = "1"

    public var bifrostVersion: String
    public var sourceServerVersion: String
    public var sourceNamespace: String
    /// The model of the converted tables (the whole schema when no table was left out).
    public var sourceSchema: Schema
    /// Mapping-file text of the rules used.
    public var mappingRules: String
    public var convertedAt: Date
    public var content: Content
    public var tables: [TableRecord]

    public init(bifrostVersion: String = Bifrost.version, sourceServerVersion: String, sourceNamespace: String,
                sourceSchema: Schema, mappingRules: String, convertedAt: Date, content: Content, tables: [TableRecord]) {
        self.bifrostVersion = bifrostVersion
        self.sourceServerVersion = sourceServerVersion
        self.sourceNamespace = sourceNamespace
        self.sourceSchema = sourceSchema
        self.mappingRules = mappingRules
        self.convertedAt = convertedAt
        self.content = content
        self.tables = tables
    }

    /// Rules as mapping-file text that `MappingRules(parsing:origin:)` reads back to the same
    /// rules: `<match> -> <codec>  # <origin>` a line.
    public static func text(of rules: MappingRules) -> String {
        rules.rules.map { "\($0.match) -> \($0.codec.rawValue)  # \($0.origin)\n" }.joined()
    }

    /// `converted_at`'s form: seconds, UTC, `Z`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

/// Why the metadata of a SQLite file cannot be read.
public struct MetadataError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
