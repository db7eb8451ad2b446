/// The tables Bifrost adds to a SQLite file it writes, so the file explains itself:
/// `_bifrost_metadata` (key/value facts about the conversion) and `_bifrost_tables` (one row
/// per converted table). They are not user tables: readers of the schema leave them out.
public enum MetadataTables {
    /// `key TEXT PRIMARY KEY, value TEXT`.
    public static let metadata = "_bifrost_metadata"
    /// `sqlite_name TEXT PRIMARY KEY, source_schema, source_name, row_count, checksum, row_filter`.
    public static let tables = "_bifrost_tables"

    /// Whether a SQLite table is one of Bifrost's own (any name starting `_bifrost_`).
    public static func isMetadata(_ name: String) -> Bool {
        name.lowercased().hasPrefix("_bifrost_")
    }
}
