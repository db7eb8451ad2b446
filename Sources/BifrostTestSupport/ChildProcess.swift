import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with posix_spawn and waits for it with waitpid: no run loop, no pipes.
enum ChildProcess {
    /// Runs `executable` with `arguments`, stdin from /dev/null and stdout and stderr to
    /// `outputPath` (or /dev/null); returns the exit status (128 + signal when killed).
    static func run(_ executable: String, _ arguments: [String], outputPath: String? = nil) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard status == 0 else {
            throw ThrowawayPostgresError("cannot run \(executable): \(String(cString: strerror(status)))")
        }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 {
            guard errno == EINTR else { throw ThrowawayPostgresError("lost track of \(executable): \(String(cString: strerror(errno)))") }
        }
        let signalNumber = waitStatus & 0x7F
        return signalNumber == 0 ? (waitStatus >> 8) & 0xFF : 128 + signalNumber
    }
}
