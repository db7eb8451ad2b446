import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import Foundation

/// Verification that runs alongside the copy instead of after it: PostgreSQL's side on a
/// connection of its own in the conversion's snapshot, from the start, on its own thread;
/// SQLite's side table by table, as soon as each table's rows are in.
///
/// Without an exported snapshot (a server that refuses `pg_export_snapshot()`), PostgreSQL's
/// side runs at the end on the conversion's own connection instead.
final class ConvertVerification {
    private let mappings: [TableMapping]
    private let postgresSides: BackgroundTask<[SideChecksum]>?
    private let stop = StopFlag()
    private var sqliteSides: [String: SideChecksum] = [:]

    init(mappings: [TableMapping], source: ConnectionString, snapshot: String?) {
        self.mappings = mappings
        guard let snapshot else {
            postgresSides = nil
            return
        }
        postgresSides = BackgroundTask { [stop] in
            let connection = try SnapshotConnection.open(source, snapshot: snapshot)
            return try mappings.map { mapping in
                guard !stop.isSet else { throw ChannelClosed() }
                return try TableChecksum.postgres(mapping, connection)
            }
        }
    }

    /// SQLite's side of one table, read back from the file just written.
    func addSQLiteSide(_ mapping: TableMapping, _ sqlite: SQLiteConnection) throws {
        sqliteSides[mapping.sqliteName] = try TableChecksum.sqlite(mapping, sqlite)
    }

    /// Both sides compared; tables whose checksums differ are read again in key order to
    /// name the rows.
    /// Rows the copy rejected (`reports`) are expected on PostgreSQL's side only.
    func finish(postgres: PostgresConnection, sqlite: SQLiteConnection, reports: [TableReport]) throws
        -> VerificationReport {
        let rejected = Dictionary(reports.map { ($0.sqliteName, $0.rejects) }, uniquingKeysWith: +)
        let postgresChecksums = try postgresSides?.wait() ?? mappings.map { try TableChecksum.postgres($0, postgres) }
        var report = VerificationReport()
        for (mapping, postgresSide) in zip(mappings, postgresChecksums) {
            let sqliteSide = try sqliteSides[mapping.sqliteName] ?? TableChecksum.sqlite(mapping, sqlite)
            report.tables.append(try TableVerification(mapping: mapping, postgres: postgres, sqlite: sqlite, maxDifferences: 10)
                .report(postgresSide: postgresSide, sqliteSide: sqliteSide,
                        rejectedRows: rejected[mapping.sqliteName] ?? 0))
        }
        return report
    }

    /// The conversion failed: PostgreSQL's side stops after its current table.
    func abandon() {
        stop.set()
        _ = try? postgresSides?.wait()
    }
}

/// A flag one thread sets and others read.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
