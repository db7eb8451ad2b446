import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a temporary name next to its destination and renamed into place
/// only when complete, so the destination never holds a half-written file.
///
/// The file is created readable and writable by its owner only (0600): it may hold
/// production secrets. Until `commit()`, an interrupt (SIGINT, SIGTERM, SIGHUP) removes it.
public final class AtomicOutputFile {
    public let destination: String
    /// Where the content is written until `commit()`.
    public let temporaryPath: String
    private var done = false

    public init(destination: String) throws {
        let url = URL(fileURLWithPath: destination)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputFileError("the directory \(directory) does not exist")
        }
        var template = Array("\(directory)/.\(url.lastPathComponent).bifrost-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw OutputFileError("cannot create a file in \(directory): \(String(cString: strerror(errno)))")
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
        self.destination = destination
        self.temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        InterruptCleanup.shared.register(temporaryPath)
    }

    deinit {
        if !done { discard() }
    }

    /// Flushes the finished file to disk and renames it over the destination.
    public func commit() throws {
        try syncToDisk(temporaryPath, isDirectory: false)
        guard rename(temporaryPath, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw OutputFileError("cannot move the finished file to \(destination): \(reason)")
        }
        done = true
        InterruptCleanup.shared.unregister(temporaryPath)
        try? syncToDisk(URL(fileURLWithPath: destination).deletingLastPathComponent().path, isDirectory: true)
    }

    /// Removes the temporary file (and any SQLite side files next to it).
    public func discard() {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(temporaryPath + suffix) }
        done = true
        InterruptCleanup.shared.unregister(temporaryPath)
    }

    private func syncToDisk(_ path: String, isDirectory: Bool) throws {
        let descriptor = open(path, isDirectory ? O_RDONLY | O_DIRECTORY : O_RDWR)
        guard descriptor >= 0 else { throw OutputFileError("cannot open \(path) to flush it: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw OutputFileError("cannot flush \(path) to disk: \(String(cString: strerror(errno)))") }
    }
}

/// Output could not be created or put in place.
public struct OutputFileError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Removes registered temporary files when the process is interrupted, then exits with
/// 128 + the signal number, as shells expect.
final class InterruptCleanup: @unchecked Sendable {
    static let shared = InterruptCleanup()

    private let lock = NSLock()
    private var paths: Set<String> = []
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "bifrost.interrupt-cleanup")

    private init() {}

    func register(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        if sources.isEmpty { installHandlers() }
        paths.insert(path)
    }

    func unregister(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        paths.remove(path)
    }

    private func installHandlers() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [weak self] in
                self?.removeAll()
                FileHandle.standardError.write(Data("\ninterrupted: no output file was written\n".utf8))
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    private func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for path in paths {
            for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
        }
    }
}
