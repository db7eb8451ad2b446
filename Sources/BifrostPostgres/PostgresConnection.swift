import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libpq connection. Not shared between threads: open one per worker.
public final class PostgresConnection {
    private let handle: OpaquePointer

    /// Opens a connection from a libpq URI (`postgresql://…`) or `key=value` string.
    ///
    /// Sessions are set up for exact, predictable text output: UTC time zone, ISO dates,
    /// ISO 8601 intervals, round-trip float digits and hex bytea.
    public init(_ connectionString: ConnectionString) throws {
        guard let handle = PQconnectdb(connectionString.raw) else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines()
            PQfinish(handle)
            throw PostgresError(
                kind: .connection,
                message: "cannot connect to \(connectionString.label): \(message)")
        }
        self.handle = handle
        try execute("""
            SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD';
            SET IntervalStyle = 'iso_8601'; SET extra_float_digits = 3; SET bytea_output = 'hex'
            """)
    }

    public convenience init(_ connectionString: String) throws {
        try self.init(ConnectionString(connectionString))
    }

    deinit {
        PQfinish(handle)
    }

    /// The server's version number, e.g. 150018.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Runs one or more statements with the simple query protocol; returns the last result.
    @discardableResult
    public func execute(_ sql: String) throws -> PostgresResult {
        try checked(PQexec(handle, sql), sql: sql)
    }

    /// Runs one statement with parameters bound in text form (`$1`, `$2`, …); `nil` is NULL.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws -> PostgresResult {
        let result = withTextParameters(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        return try checked(result, sql: sql)
    }

    /// Prepares a named statement on the server, to run many times with `execute(_:_:)`.
    public func prepare(_ sql: String, name: String) throws -> PostgresPreparedStatement {
        _ = try checked(PQprepare(handle, name, sql, 0, nil), sql: sql)
        return PostgresPreparedStatement(name: name, sql: sql)
    }

    /// Runs a prepared statement with parameters bound in text form; `nil` is NULL.
    @discardableResult
    public func execute(_ statement: PostgresPreparedStatement, _ parameters: [String?] = []) throws -> PostgresResult {
        let result = withTextParameters(parameters) { values in
            PQexecPrepared(handle, statement.name, Int32(parameters.count), values, nil, nil, 0)
        }
        return try checked(result, sql: statement.sql)
    }

    /// Runs `COPY … TO STDOUT` and hands each data message (one row in text and binary
    /// formats; the first also holds the binary header) to `consume` as it arrives.
    ///
    /// The buffer is only valid during the call. If `consume` throws, the COPY is cancelled
    /// and the connection stays usable. Returns the row count PostgreSQL reports for the COPY.
    @discardableResult
    public func copyOut(_ sql: String, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let start = try checked(PQexec(handle, sql), sql: sql, accepting: PGRES_COPY_OUT)
        _ = start
        var failure: Error?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if length > 0, let buffer {
                defer { PQfreemem(buffer) }
                if failure == nil {
                    do {
                        try consume(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
                    } catch {
                        failure = error
                        cancelCurrentCommand()
                    }
                }
            } else if length == -1 {
                break
            } else {
                throw PostgresError(
                    kind: .connection,
                    message: String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines(),
                    sql: sql)
            }
        }
        let end = PQgetResult(handle)
        drainResults()
        if let failure {
            if let end { PQclear(end) }
            throw failure
        }
        return try checked(end, sql: sql).affectedRows
    }

    /// Runs `COPY … FROM STDIN`: `produce` writes the COPY data (any format the statement
    /// names) through the writer it is given, which sends it in chunks as it fills.
    ///
    /// The COPY ends when `produce` returns. If `produce` throws, the COPY is aborted (the
    /// server discards what it received), the connection stays usable, and the error is
    /// rethrown. A server-side failure (a value PostgreSQL rejects) is thrown as a
    /// `PostgresError` whose `context` names the COPY line and column.
    /// Returns the number of rows the server stored.
    @discardableResult
    public func copyIn(_ sql: String, _ produce: (inout CopyInWriter) throws -> Void) throws -> Int {
        _ = try checked(PQexec(handle, sql), sql: sql, accepting: PGRES_COPY_IN)
        var writer = CopyInWriter(handle: handle, sql: sql)
        var failure: Error?
        do {
            try produce(&writer)
            try writer.flush()
        } catch {
            failure = error
        }
        let message = failure.map { "aborted by the client: \($0)" }
        if PQputCopyEnd(handle, message) != 1, failure == nil {
            failure = PostgresError(
                kind: .connection,
                message: String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines(), sql: sql)
        }
        let end = PQgetResult(handle)
        drainResults()
        if let failure {
            if let end { PQclear(end) }
            // A server error that arrived while sending explains more than the send failure.
            throw failure
        }
        let result = try checked(end, sql: sql)
        return result.affectedRows
    }

    /// Quotes an identifier for SQL: `"` doubled, always wrapped in quotes.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }

    // MARK: - Internals

    private func checked(
        _ result: OpaquePointer?, sql: String, accepting accepted: ExecStatusType? = nil
    ) throws -> PostgresResult {
        guard let result else {
            throw PostgresError(
                kind: .connection,
                message: String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines(),
                sql: sql)
        }
        let status = PQresultStatus(result)
        let ok = accepted.map { status == $0 }
            ?? (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
        guard ok else {
            var error = PostgresError(result: result, sql: sql)
            if PQstatus(handle) != CONNECTION_OK { error.kind = .connection }
            PQclear(result)
            throw error
        }
        return PostgresResult(result)
    }

    private func cancelCurrentCommand() {
        guard let cancel = PQgetCancel(handle) else { return }
        var errorBuffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &errorBuffer, Int32(errorBuffer.count))
        PQfreeCancel(cancel)
    }

    private func drainResults() {
        while let extra = PQgetResult(handle) { PQclear(extra) }
    }
}

/// Sends COPY data for `PostgresConnection.copyIn`, buffered in 256 KB chunks.
public struct CopyInWriter {
    fileprivate let handle: OpaquePointer
    fileprivate let sql: String
    private var buffer: [UInt8] = []
    private static let chunkSize = 256 * 1024

    fileprivate init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Appends bytes to the data stream.
    public mutating func write<Bytes: Sequence>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Appends one byte to the data stream.
    public mutating func write(byte: UInt8) throws {
        buffer.append(byte)
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Sends what is buffered.
    public mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let sent = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        buffer.removeAll(keepingCapacity: true)
        guard sent == 1 else {
            throw PostgresError(
                kind: .connection,
                message: String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines(), sql: sql)
        }
    }
}

/// A statement prepared on one connection's server session.
public struct PostgresPreparedStatement: Sendable {
    public let name: String
    public let sql: String
}

/// Passes parameters to libpq as an array of C strings, `nil` meaning SQL NULL.
private func withTextParameters<R>(
    _ parameters: [String?], _ body: ([UnsafePointer<CChar>?]) -> R
) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0)! } }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var output = ""
        output.reserveCapacity(count)
        for character in self {
            if character == target { output += replacement } else { output.append(character) }
        }
        return output
    }
}
