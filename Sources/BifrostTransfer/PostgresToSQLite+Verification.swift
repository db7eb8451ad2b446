import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import Foundation

/// Verification that runs alongside the conversion instead of after it: PostgreSQL's side on
/// a connection of its own in the conversion's snapshot, from the start, on its own thread;
/// SQLite's side once the rows are in, on a read-only connection of its own while the
/// indexes are built.
///
/// Without an exported snapshot (a server that refuses `pg_export_snapshot()`), PostgreSQL's
/// side runs at the end on the conversion's own connection instead.
final class ConvertVerification {
    private let mappings: [TableMapping]
    private let postgresSides: BackgroundTask<[SideChecksum]>?
    /// Set when the conversion failed: PostgreSQL's side stops after its current table.
    private let stop = Locked(false)
    private var sqliteSides: BackgroundTask<[SideChecksum]>?

    init(mappings: [TableMapping], source: ConnectionString, snapshot: String?) {
        self.mappings = mappings
        guard let snapshot else {
            postgresSides = nil
            return
        }
        postgresSides = BackgroundTask { [stop] in
            let connection = try SnapshotConnection.open(source, snapshot: snapshot)
            return try mappings.map { mapping in
                guard !stop.current else { throw ChannelClosed() }
                return try TableChecksum.postgres(mapping, connection)
            }
        }
    }

    /// SQLite's side of every table, read back from the file (its rows committed) on a
    /// read-only connection and thread of its own.
    func startSQLiteSide(path: String) {
        sqliteSides = BackgroundTask { [mappings, stop] in
            let connection = try SQLiteConnection(path: path, mode: .readOnly)
            // Opening a file in WAL mode can meet the writer's WAL index being set up.
            connection.setBusyTimeout(seconds: 60)
            return try mappings.map { mapping in
                guard !stop.current else { throw ChannelClosed() }
                return try TableChecksum.sqlite(mapping, connection)
            }
        }
    }

    /// Both sides compared; tables whose checksums differ are read again in key order to
    /// name the rows.
    /// Rows the copy rejected (`reports`) are expected on PostgreSQL's side only.
    func finish(postgres: PostgresConnection, sqlite: SQLiteConnection, reports: [TableReport]) throws
        -> VerificationReport {
        let rejected = Dictionary(reports.map { ($0.sqliteName, $0.rejects) }, uniquingKeysWith: +)
        let postgresChecksums = try postgresSides?.wait() ?? mappings.map { try TableChecksum.postgres($0, postgres) }
        let sqliteChecksums = try sqliteSides?.wait() ?? mappings.map { try TableChecksum.sqlite($0, sqlite) }
        var report = VerificationReport()
        for ((mapping, postgresSide), sqliteSide) in zip(zip(mappings, postgresChecksums), sqliteChecksums) {
            report.tables.append(try TableVerification(mapping: mapping, postgres: postgres, sqlite: sqlite, maxDifferences: 10)
                .report(postgresSide: postgresSide, sqliteSide: sqliteSide,
                        rejectedRows: rejected[mapping.sqliteName] ?? 0))
        }
        return report
    }

    /// The conversion failed: PostgreSQL's side stops after its current table.
    func abandon() {
        stop.withLock { $0 = true }
        _ = try? postgresSides?.wait()
        _ = try? sqliteSides?.wait()
    }
}
