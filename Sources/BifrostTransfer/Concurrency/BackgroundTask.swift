import Foundation

/// Work running on a thread of its own; `wait()` hands back its result or rethrows its error.
///
/// The transfer engine uses it to keep both cores busy: PostgreSQL's side of a job on one
/// thread, SQLite's on another. Each connection must be used by one thread at a time, which
/// the callers arrange (a connection handed to the task is not touched until `wait()` returns).
final class BackgroundTask<Value>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var work: (() throws -> Value)?
    private var outcome: Result<Value, Error>?

    init(_ work: @escaping () throws -> Value) {
        self.work = work
        let thread = Thread { [self] in
            outcome = Result { try self.work!() }
            self.work = nil
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Blocks until the work is done; may be called more than once.
    func wait() throws -> Value {
        finished.wait()
        finished.signal()
        return try outcome!.get()
    }
}
