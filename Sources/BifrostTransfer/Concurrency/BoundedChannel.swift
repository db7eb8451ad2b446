import Foundation

/// A first-in, first-out queue between threads holding at most `capacity` items: `send`
/// waits while it is full, `receive` while it is empty. Closing it wakes every waiter;
/// closing with an error makes both sides throw it, so a failure on either end stops the other.
final class BoundedChannel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    /// Few items at most, so taking the first one by shifting the rest is cheap.
    private var items: [Element] = []
    private var isClosed = false
    private var failure: Error?

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// Waits for room, then queues `item`; throws the failure the channel was closed with
    /// (or `ChannelClosed`) instead.
    func send(_ item: Element) throws {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity, !isClosed { condition.wait() }
        if isClosed { throw failure ?? ChannelClosed() }
        items.append(item)
        condition.broadcast()
    }

    /// Queues `item` only when there is room right now; `false` when there was none.
    @discardableResult
    func offer(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard items.count < capacity, !isClosed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Waits for the next item; `nil` once the channel is closed and drained. Throws the
    /// failure it was closed with, at once.
    func receive() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty, !isClosed { condition.wait() }
        if let failure { throw failure }
        return takeFirst()
    }

    /// The next item if one is waiting, without blocking.
    func poll() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        return takeFirst()
    }

    /// No more items will come; with `failure`, both sides throw it from now on.
    func close(failing failure: Error? = nil) {
        condition.lock()
        defer { condition.unlock() }
        if self.failure == nil { self.failure = failure }
        isClosed = true
        condition.broadcast()
    }

    private func takeFirst() -> Element? {
        guard !items.isEmpty else { return nil }
        condition.broadcast()
        return items.removeFirst()
    }
}

/// Sent or received on a channel that was closed without a failure.
struct ChannelClosed: Error {}
