import BifrostPostgres
import BifrostSQLite
import BifrostTestSupport
import BifrostTransfer
import Foundation
import Testing

/// A connection lost in the middle of a transfer (the server ends the backend, as a
/// restart or a network cut would): convert leaves no file, import leaves the database
/// as it was.
@Suite struct LostConnectionTests {
    /// Runs `work` on another thread; meanwhile ends every backend of `database` that runs a
    /// statement starting with `statement`, as soon as one does. Returns `work`'s error.
    private func failure(of work: @escaping @Sendable () throws -> Void, ending statement: String,
                         in source: ConnectionString) throws -> Error? {
        let outcome = OutcomeBox()
        let thread = Thread {
            do { try work() } catch { outcome.set(error) }
            outcome.finish()
        }
        thread.start()
        let killer = try PostgresConnection(source)
        let deadline = Date().addingTimeInterval(60)
        var ended = false
        while !outcome.isFinished, Date() < deadline {
            let killed = try killer.query("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE $1
                """, [statement + "%"]).value(row: 0, column: 0)
            if killed != "0" { ended = true }
            usleep(5_000)
        }
        outcome.wait()
        #expect(ended, "the statement to end was never seen running")
        return outcome.error
    }

    /// A database with one table big enough to be caught in the middle of its COPY.
    private func eventsDatabase(prefix: String) throws -> ConnectionString {
        let source = try SharedCluster.freshDatabase(prefix: prefix)
        try PostgresConnection(source).execute("""
            CREATE TABLE events (id bigint PRIMARY KEY, payload text);
            INSERT INTO events SELECT i, md5(i::text) FROM generate_series(1, 600000) i;
            """)
        return source
    }

    @Test func convertLeavesNoFileWhenTheConnectionIsLost() throws {
        let source = try eventsDatabase(prefix: "lost")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("events.sqlite")
        let error = try failure(of: { _ = try PostgresToSQLite(source: source, destination: path).run() },
                                ending: "COPY", in: source)
        #expect(error != nil, "the conversion should fail")
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("closed the connection") || message.contains("administrator command"), "\(message)")
        #expect(try directory.contents().isEmpty, "no file, no temporary file")
    }

    @Test func importLeavesTheDatabaseAsItWasWhenTheConnectionIsLost() throws {
        let source = try eventsDatabase(prefix: "lostsrc")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("events.sqlite")
        _ = try PostgresToSQLite(source: source, destination: path).run()
        let target = try SharedCluster.freshDatabase(prefix: "losttarget")
        let error = try failure(of: { _ = try SQLiteToPostgres(source: path, destination: target).run() },
                                ending: "COPY", in: target)
        #expect(error != nil, "the import should fail")
        let tables = try PostgresConnection(target).query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        #expect(tables.value(row: 0, column: 0) == "0", "the database is as it was")
    }
}

/// A full disk in the middle of a conversion: SQLite's error is named and nothing is left.
/// Needs a small file system of its own, so it runs where a tmpfs can be mounted (as root,
/// as CI runs) and is skipped, saying why, elsewhere.
@Suite struct DiskFullTests {
    /// Whether this process may mount a tmpfs (root, and a system that allows it).
    static let canMount: Bool = {
        guard getuid() == 0 else { return false }
        let probe = NSTemporaryDirectory() + "bifrost-mount-probe-\(getpid())"
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard DiskFullTests.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe]) == 0 else { return false }
        _ = DiskFullTests.run("/bin/umount", [probe])
        return true
    }()

    @Test(.enabled(if: DiskFullTests.canMount, "mounting a small tmpfs needs root and a system that allows it"))
    func convertOnAFullDiskLeavesNoFile() throws {
        let source = try SharedCluster.freshDatabase(prefix: "full")
        try PostgresConnection(source).execute("""
            CREATE TABLE events (id bigint PRIMARY KEY, payload text);
            INSERT INTO events SELECT i, md5(i::text) FROM generate_series(1, 100000) i;
            """)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let mountPoint = directory.file("small")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint]) == 0 else {
            Issue.record("cannot mount a tmpfs at \(mountPoint)")
            return
        }
        defer { _ = Self.run("/bin/umount", [mountPoint]) }
        let error = #expect(throws: (any Error).self) {
            try PostgresToSQLite(source: source, destination: "\(mountPoint)/events.sqlite").run()
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("full"), "\(String(describing: error))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint).isEmpty, "no file, no temporary file")
    }

    static func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// What a worker thread ended with, for the test thread.
private final class OutcomeBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var done = false
    private(set) var error: Error?

    var isFinished: Bool { condition.withLock { done } }

    func set(_ error: Error) { condition.withLock { self.error = error } }

    func finish() {
        condition.withLock {
            done = true
            condition.broadcast()
        }
    }

    func wait() {
        condition.withLock { while !done { condition.wait() } }
    }
}
