import Foundation

/// Decides when a table load reports progress: the clock is read every 4,096 rows, and a
/// report is due when 0.2 s have passed since the last one.
struct ProgressClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private static let everyRows = 4096
    private static let interval: UInt64 = 200_000_000

    mutating func due(rows: Int) -> Bool {
        guard rows % Self.everyRows == 0 else { return false }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - last >= Self.interval else { return false }
        last = now
        return true
    }
}
