import BifrostTransfer

/// The `--json` document of a successful `convert` or `import` (README, "Machine-readable
/// output"): where from and to, totals, one entry per table, whether both sides were
/// compared, and the notes.
struct TransferSummary: Encodable {
    struct Table: Encodable {
        /// `schema.name` in PostgreSQL.
        var table: String
        var sqliteName: String
        var rows: Int
        var bytes: Int
        var seconds: Double
        /// The content checksum both sides agreed on; nil when verification did not run.
        var checksum: String?
        var rejects: Int

        enum CodingKeys: String, CodingKey {
            case table, rows, bytes, seconds, checksum, rejects
            case sqliteName = "sqlite_name"
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(table, forKey: .table)
            try container.encode(sqliteName, forKey: .sqliteName)
            try container.encode(rows, forKey: .rows)
            try container.encode(bytes, forKey: .bytes)
            try container.encode(seconds, forKey: .seconds)
            try container.encode(checksum, forKey: .checksum)  // null, not absent, when unknown
            try container.encode(rejects, forKey: .rejects)
        }
    }

    struct Verification: Encodable {
        var ran: Bool
        /// Always true when it ran (a difference fails the run); nil when it did not run.
        var equal: Bool?

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ran, forKey: .ran)
            try container.encode(equal, forKey: .equal)
        }

        enum CodingKeys: String, CodingKey {
            case ran, equal
        }
    }

    var source: String
    var destination: String
    var seconds: Double
    var rows: Int
    var tables: [Table]
    var verification: Verification
    var notes: [String]

    /// `source` is printed as given: pass a connection's `label`, never its raw string.
    init(source: String, report: ConversionReport) {
        let checksums = Dictionary((report.verification?.tables ?? []).map { ($0.sqliteName, $0.postgresChecksum) },
                                   uniquingKeysWith: { first, _ in first })
        self.source = source
        destination = report.destination
        seconds = SummaryOutput.seconds(report.seconds)
        rows = report.totalRows
        tables = report.tables.map { table in
            Table(table: table.source.description, sqliteName: table.sqliteName, rows: table.rows, bytes: table.bytes,
                  seconds: SummaryOutput.seconds(table.seconds), checksum: checksums[table.sqliteName],
                  rejects: table.rejects)
        }
        verification = Verification(ran: report.verification != nil, equal: report.verification?.isEqual)
        notes = report.notes
    }
}
