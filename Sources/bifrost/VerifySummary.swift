import BifrostTransfer

/// The `--json` document of `bifrost verify` (README, "Machine-readable output"): per table
/// the counts and checksums of both sides and the first differing rows by key.
struct VerifySummary: Encodable {
    struct Table: Encodable {
        var table: String
        var sqliteName: String
        var equal: Bool
        var postgresRows: Int
        var sqliteRows: Int
        var postgresChecksum: String
        var sqliteChecksum: String
        var differingRows: Int
        var differences: [Difference]

        enum CodingKeys: String, CodingKey {
            case table, equal, differences
            case sqliteName = "sqlite_name"
            case postgresRows = "postgres_rows"
            case sqliteRows = "sqlite_rows"
            case postgresChecksum = "postgres_checksum"
            case sqliteChecksum = "sqlite_checksum"
            case differingRows = "differing_rows"
        }
    }

    /// One differing row: its primary key as `column=value, …`, what differs, and which columns.
    struct Difference: Encodable {
        var key: String
        var kind: String
        var columns: [String]
    }

    var source: String
    var sqliteFile: String
    var equal: Bool
    var seconds: Double
    var tables: [Table]
    var missingTables: [String]

    enum CodingKeys: String, CodingKey {
        case source, equal, seconds, tables
        case sqliteFile = "sqlite_file"
        case missingTables = "missing_tables"
    }

    /// `source` is printed as given: pass a connection's `label`, never its raw string.
    init(source: String, sqliteFile: String, report: VerificationReport, seconds: Double) {
        self.source = source
        self.sqliteFile = sqliteFile
        equal = report.isEqual
        self.seconds = SummaryOutput.seconds(seconds)
        tables = report.tables.map { table in
            Table(table: table.table.description, sqliteName: table.sqliteName, equal: table.isEqual,
                  postgresRows: table.postgresRows, sqliteRows: table.sqliteRows,
                  postgresChecksum: table.postgresChecksum, sqliteChecksum: table.sqliteChecksum,
                  differingRows: table.differingRows,
                  differences: table.differences.map { Difference(key: $0.key, kind: $0.kind.rawValue, columns: $0.columns) })
        }
        missingTables = report.missingTables.map(\.description)
    }
}
