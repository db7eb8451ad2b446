import BifrostPostgres
import Foundation

/// One throwaway PostgreSQL per test process, started on first use and stopped at exit,
/// with a template database holding SampleData/authly so each test gets a fresh copy fast.
public enum SharedCluster {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: Result<ThrowawayPostgres, Error>?
    nonisolated(unsafe) private static var templates: Set<String> = []
    nonisolated(unsafe) private static var databaseCounter = 0

    /// The process's cluster, started on first call.
    public static func cluster() throws -> ThrowawayPostgres {
        lock.lock()
        defer { lock.unlock() }
        if started == nil {
            started = Result { try ThrowawayPostgres.start() }
            atexit { SharedCluster.stopAtExit() }
        }
        return try started!.get()
    }

    /// A new, empty database.
    public static func freshDatabase(prefix: String = "test") throws -> ConnectionString {
        let cluster = try cluster()
        return try cluster.createDatabase(nextName(prefix))
    }

    /// A new database holding SampleData/authly's schema and fixture rows.
    public static func authlyDatabase() throws -> ConnectionString {
        let cluster = try cluster()
        let template = "authly_template"
        lock.lock()
        defer { lock.unlock() }
        if !templates.contains(template) {
            try cluster.createDatabase(template)
            try cluster.load(file: SampleData.authly("schema.sql"), into: template)
            try cluster.load(file: SampleData.authly("fixture.sql"), into: template)
            templates.insert(template)
        }
        databaseCounter += 1
        return try cluster.createDatabase("authly_\(databaseCounter)", template: template)
    }

    private static func nextName(_ prefix: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        databaseCounter += 1
        return "\(prefix)_\(databaseCounter)"
    }

    private static func stopAtExit() {
        if case let .success(cluster)? = started { cluster.stop() }
    }
}

/// Paths into the repository's SampleData/.
public enum SampleData {
    /// The repository root, found from this source file's place in Sources/.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func authly(_ file: String) -> String {
        repositoryRoot.appendingPathComponent("SampleData/authly/\(file)").path
    }
}
