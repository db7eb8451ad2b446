import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import Foundation

/// Moves the rows of every table from PostgreSQL into SQLite with both cores busy: readers
/// (one per `--jobs`, each on its own connection in the exported snapshot) decode binary
/// COPY data on their threads while this thread only binds and steps SQLite inserts.
struct CopyPipeline {
    let mappings: [TableMapping]
    let sqlite: SQLiteConnection
    /// Hands each reader its connection, inside the conversion's snapshot.
    let connections: ReaderConnections
    /// Where rows go that `--on-error=skip` leaves out; `nil`: a bad value stops the copy.
    var rejects: RejectFile?

    /// Rows in flight between the readers and the writer: a few batches, about a megabyte each.
    private static let batchesInFlight = 4

    func run(onEvent: (TransferEvent) -> Void) throws -> [TableReport] {
        let channel = BoundedChannel<CopyMessage>(capacity: Self.batchesInFlight)
        let recycled = BoundedChannel<RowBatch>(capacity: Self.batchesInFlight + connections.available)
        let readers = startReaders(channel: channel, recycled: recycled)
        defer {
            channel.close(failing: ChannelClosed())
            for reader in readers { _ = try? reader.wait() }
        }
        var writers: [Int: TableWriter] = [:]
        var reports: [Int: TableReport] = [:]
        do {
            try sqlite.transaction {
                while let message = try channel.receive() {
                    switch message {
                    case let .started(table):
                        let mapping = mappings[table]
                        writers[table] = try TableWriter(mapping: mapping, sqlite: sqlite)
                        onEvent(.tableStarted(mapping.table.name, estimatedRows: mapping.table.estimatedRows))
                    case let .rows(table, batch, bytes):
                        try writers[table]!.insert(batch, bytesSoFar: bytes, onEvent: onEvent)
                        recycled.offer(batch)
                    case let .rejected(row):
                        try rejects?.write(row)
                    case let .finished(table, decoded, rejected, reported, bytes):
                        let report = try writers.removeValue(forKey: table)!.finish(
                            decoded: decoded, rejected: rejected, reported: reported, bytes: bytes)
                        reports[table] = report
                        onEvent(.tableFinished(report))
                    }
                }
            }
        } catch {
            // A reader's failure reaches this thread through the channel; the writer's own
            // failure reaches the readers the same way, so every thread stops.
            channel.close(failing: error)
            throw error
        }
        for reader in readers { try reader.wait() }
        return mappings.indices.compactMap { reports[$0] }
    }

    /// Each reader takes the next table not yet taken, largest first, so that with several
    /// jobs the longest table does not start last.
    private func startReaders(channel: BoundedChannel<CopyMessage>, recycled: BoundedChannel<RowBatch>)
        -> [BackgroundTask<Void>] {
        let order = mappings.indices.sorted { mappings[$0].table.estimatedRows > mappings[$1].table.estimatedRows }
        let queue = Locked((connections.available > 1 ? order : Array(mappings.indices))[...])
        let skipRejected = rejects != nil
        let readerCount = max(1, min(connections.available, mappings.count))
        // Readers still running; the last one to finish closes the channel.
        let remaining = Locked(readerCount)
        return (0..<readerCount).map { _ in
            BackgroundTask { [mappings, connections] in
                do {
                    let connection = try connections.next()
                    while let table = queue.withLock({ $0.popFirst() }) {
                        try TableReader(mapping: mappings[table], index: table, connection: connection,
                                        output: channel, recycled: recycled, skipRejected: skipRejected).run()
                    }
                } catch {
                    channel.close(failing: error)
                    throw error
                }
                if remaining.withLock({ count in
                    count -= 1
                    return count == 0
                }) { channel.close() }
            }
        }
    }
}

/// Inserts one table's batches through its prepared statement.
private struct TableWriter {
    let mapping: TableMapping
    let sqlite: SQLiteConnection
    let insert: SQLiteStatement
    let started = Date()
    var inserted = 0
    var lastProgress = Date()

    init(mapping: TableMapping, sqlite: SQLiteConnection) throws {
        self.mapping = mapping
        self.sqlite = sqlite
        insert = try sqlite.prepare(mapping.insertStatement)
    }

    mutating func insert(_ batch: RowBatch, bytesSoFar: Int, onEvent: (TransferEvent) -> Void) throws {
        try batch.withRows { rows in
            for row in 0..<rows.count {
                try rows.bind(row: row, to: insert)
                do {
                    try insert.step()
                } catch let error as SQLiteError {
                    let key = RowKey.describe(stored: { rows.value(row: row, column: $0) }, mapping)
                    throw ConversionError.rowRejected(table: mapping.table.name, key: key, error: error)
                }
                insert.reset()
            }
        }
        insert.clearBindings()
        inserted += batch.rowCount
        if Date().timeIntervalSince(lastProgress) >= 0.2 {
            lastProgress = Date()
            onEvent(.tableProgress(mapping.table.name, rows: inserted, bytes: bytesSoFar))
        }
    }

    /// Checks that every row PostgreSQL sent was decoded and inserted (or rejected, and
    /// counted) and is in the table.
    func finish(decoded: Int, rejected: Int, reported: Int, bytes: Int) throws -> TableReport {
        let rows = try sqlite.query("SELECT count(*) FROM \(SQLiteConnection.quoteIdentifier(mapping.sqliteName))")
        guard case let .integer(stored)? = rows.first?.first, stored == inserted, decoded == inserted,
              reported == inserted + rejected else {
            var stored = -1
            if case let .integer(count)? = rows.first?.first { stored = Int(count) }
            throw ConversionError.rowCountMismatch(table: mapping.table.name, postgres: reported, copied: decoded,
                                                   sqlite: stored)
        }
        return TableReport(source: mapping.table.name, sqliteName: mapping.sqliteName, rows: inserted, bytes: bytes,
                           rejects: rejected, seconds: Date().timeIntervalSince(started))
    }
}

/// The PostgreSQL connections readers use: the conversion's own first, then new ones that
/// join its exported snapshot, so every table is read as of the same moment.
final class ReaderConnections: @unchecked Sendable {
    /// The conversion's own connection until the first reader takes it.
    private let own: Locked<PostgresConnection?>
    private let source: ConnectionString
    private let snapshot: String?
    /// How many readers can have a connection: 1 without an exported snapshot.
    let available: Int

    init(own: PostgresConnection, source: ConnectionString, snapshot: String?, jobs: Int) {
        self.own = Locked(own)
        self.source = source
        self.snapshot = snapshot
        available = snapshot == nil ? 1 : max(1, jobs)
    }

    func next() throws -> PostgresConnection {
        if let connection = own.withLock({ $0.take() }) { return connection }
        // Without a snapshot there is one reader, and it took the own connection.
        guard let snapshot else { throw ChannelClosed() }
        return try SnapshotConnection.open(source, snapshot: snapshot)
    }
}

/// A read-only connection that sees exactly what another transaction sees.
enum SnapshotConnection {
    /// Exports the snapshot of `connection`'s open REPEATABLE READ transaction, or `nil`
    /// when the server cannot (a hot standby, for one).
    static func export(from connection: PostgresConnection) -> String? {
        guard let result = try? connection.query("SELECT pg_export_snapshot()") else { return nil }
        return result.value(row: 0, column: 0)
    }

    static func open(_ source: ConnectionString, snapshot: String) throws -> PostgresConnection {
        let connection = try PostgresConnection(source)
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        // SET TRANSACTION SNAPSHOT takes no parameters; the identifier is the server's own.
        let literal = "'" + snapshot.replacingOccurrences(of: "'", with: "''") + "'"
        try connection.execute("SET TRANSACTION SNAPSHOT \(literal)")
        return connection
    }
}
