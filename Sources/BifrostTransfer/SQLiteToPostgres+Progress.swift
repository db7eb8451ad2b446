import Foundation

/// Decides when a table load reports progress: at most every 0.2 s. Asked once per chunk of
/// COPY data sent, so the clock is read every few thousand rows, not every row.
struct ProgressClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private static let interval: UInt64 = 200_000_000

    mutating func due() -> Bool {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - last >= Self.interval else { return false }
        last = now
        return true
    }
}
