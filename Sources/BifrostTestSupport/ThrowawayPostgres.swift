import BifrostPostgres
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster in a temporary directory, for tests, demos and benchmarks.
///
/// `start()` runs `initdb` and `pg_ctl` (found through `pg_config --bindir`) on a free port
/// with the socket inside the cluster's directory; as root, the server runs as the
/// `postgres` OS user. `stop()` (or deinit) shuts it down and removes the directory. A
/// detached watchdog does the same within a second if this process dies without stopping
/// it, so a crashed test run leaves no server behind.
public final class ThrowawayPostgres: @unchecked Sendable {
    /// The cluster's directory: data, log and socket.
    public let directory: String
    public let port: Int
    private let tools: ServerTools
    private let lock = NSLock()
    private var stopped = false

    /// A connection string for the given database (libpq key=value form, socket connection).
    public func connectionString(database: String = "postgres") -> ConnectionString {
        ConnectionString("host=\(directory) port=\(port) user=postgres dbname=\(database)")
    }

    /// The same as a `postgresql://` URL (the socket directory as `host` query parameter).
    public func url(database: String = "postgres") -> String {
        let host = directory.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? directory
        return "postgresql://postgres@localhost:\(port)/\(database)?host=\(host)"
    }

    /// Creates and starts a cluster. Throws with the server log when it cannot start.
    public static func start() throws -> ThrowawayPostgres {
        let tools = try ServerTools.locate()
        var template = Array("/tmp/bifrost-pg-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw ThrowawayPostgresError("cannot create a temporary directory: \(String(cString: strerror(errno)))")
        }
        let directory = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do {
            try startWatchdog(tools: tools, directory: directory)
            try tools.handOver(directory)
            try tools.run("initdb", ["-D", "\(directory)/data", "-U", "postgres", "-A", "trust",
                                     "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"])
            let port = try startServer(tools: tools, directory: directory)
            return ThrowawayPostgres(directory: directory, port: port, tools: tools)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    private init(directory: String, port: Int, tools: ServerTools) {
        self.directory = directory
        self.port = port
        self.tools = tools
    }

    deinit {
        stop()
    }

    /// Stops the server at once and removes its directory. Safe to call twice.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        _ = try? tools.run("pg_ctl", ["-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Creates a database (optionally from a template database) and returns its connection string.
    @discardableResult
    public func createDatabase(_ name: String, template: String = "template0") throws -> ConnectionString {
        let admin = try PostgresConnection(connectionString())
        try admin.execute("CREATE DATABASE \(PostgresConnection.quoteIdentifier(name)) TEMPLATE \(PostgresConnection.quoteIdentifier(template))")
        return connectionString(database: name)
    }

    /// Runs a SQL file (plain statements, as one simple-query message) in a database.
    public func load(file path: String, into database: String) throws {
        let sql = try String(contentsOfFile: path, encoding: .utf8)
        try PostgresConnection(connectionString(database: database)).execute(sql)
    }

    // MARK: - Starting

    private static func startServer(tools: ServerTools, directory: String) throws -> Int {
        var lastError: Error?
        // Another run may take the port between probing and binding: try a few.
        for _ in 0..<5 {
            let port = try freePort()
            let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
            do {
                try tools.run("pg_ctl", ["-D", "\(directory)/data", "-l", "\(directory)/server.log",
                                         "-o", options, "-w", "-t", "60", "start"])
                return port
            } catch {
                let log = (try? String(contentsOfFile: "\(directory)/server.log", encoding: .utf8)) ?? ""
                lastError = ThrowawayPostgresError("PostgreSQL did not start: \(error)\n\(log)")
                guard log.contains("could not bind") || log.contains("already in use") else { break }
            }
        }
        throw lastError ?? ThrowawayPostgresError("PostgreSQL did not start")
    }

    /// A TCP port that nothing listens on right now.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ThrowawayPostgresError("cannot open a socket to find a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw ThrowawayPostgresError("cannot bind a socket to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A detached shell that waits for this process to end, then stops the server and
    /// removes the directory (a no-op when `stop()` already did).
    private static func startWatchdog(tools: ServerTools, directory: String) throws {
        let stop = tools.shellCommand("pg_ctl", ["-D", "\(directory)/data", "-m", "immediate", "stop"])
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop) >/dev/null 2>&1; rm -rf '\(directory)'"
        // setsid -f: its own session, so a Ctrl-C to this process group does not reach it.
        _ = try ChildProcess.run("/usr/bin/setsid", ["-f", "/bin/sh", "-c", script])
    }
}

/// The cluster could not be set up.
public struct ThrowawayPostgresError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs PostgreSQL's server programs, as the `postgres` user when this process is root.
struct ServerTools: Sendable {
    let binDirectory: String
    /// Set when running as root: the server must not run as root.
    let serverUser: (name: String, uid: uid_t, gid: gid_t)?

    static func locate() throws -> ServerTools {
        let binDirectory: String
        do {
            binDirectory = try capture("/usr/bin/env", ["pg_config", "--bindir"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw ThrowawayPostgresError("pg_config was not found: install PostgreSQL's server and headers (`apt-get install postgresql libpq-dev`) — \(error)")
        }
        guard FileManager.default.isExecutableFile(atPath: "\(binDirectory)/initdb") else {
            throw ThrowawayPostgresError("\(binDirectory)/initdb does not exist: install the PostgreSQL server (`apt-get install postgresql`)")
        }
        guard getuid() == 0 else { return ServerTools(binDirectory: binDirectory, serverUser: nil) }
        guard let entry = getpwnam("postgres") else {
            throw ThrowawayPostgresError("running as root, but there is no `postgres` OS user to run the server as (it comes with `apt-get install postgresql`)")
        }
        return ServerTools(binDirectory: binDirectory,
                           serverUser: ("postgres", entry.pointee.pw_uid, entry.pointee.pw_gid))
    }

    /// Gives the cluster directory to the server's user.
    func handOver(_ directory: String) throws {
        guard let user = serverUser else { return }
        guard chown(directory, user.uid, user.gid) == 0 else {
            throw ThrowawayPostgresError("cannot give \(directory) to the postgres user: \(String(cString: strerror(errno)))")
        }
    }

    @discardableResult
    func run(_ program: String, _ arguments: [String]) throws -> String {
        let executable = "\(binDirectory)/\(program)"
        if let user = serverUser {
            return try capture("/usr/sbin/runuser", ["-u", user.name, "--", executable] + arguments)
        }
        return try capture(executable, arguments)
    }

    /// The same invocation as a shell command line, for the watchdog.
    func shellCommand(_ program: String, _ arguments: [String]) -> String {
        let words = (serverUser.map { ["/usr/sbin/runuser", "-u", $0.name, "--"] } ?? [])
            + ["\(binDirectory)/\(program)"] + arguments
        return words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    }

    /// Runs a program to completion; throws with its output when it fails.
    static func capture(_ executable: String, _ arguments: [String]) throws -> String {
        // Output goes to a file, not a pipe: a server started by pg_ctl would inherit the
        // pipe and keep it open long after pg_ctl exits.
        let outputPath = "/tmp/bifrost-output-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(outputPath) }
        let status = try ChildProcess.run(executable, arguments, outputPath: outputPath)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw ThrowawayPostgresError("\(([executable] + arguments).joined(separator: " ")) exited with \(status): \(text)")
        }
        return text
    }

    func capture(_ executable: String, _ arguments: [String]) throws -> String {
        try Self.capture(executable, arguments)
    }
}
