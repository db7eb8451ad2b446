/// Unions of character sets, negated or not (merging the moves of an automaton).
extension ScalarSet {
    static let allScalars: ClosedRange<UInt32> = 0...0x10FFFF

    /// The members as positive ranges.
    var members: [ClosedRange<UInt32>] { negated ? Self.complement(ranges) : ranges }

    /// The code points outside sorted, disjoint `ranges`.
    static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = allScalars.lowerBound
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = max(next, range.upperBound + 1)
        }
        if next <= allScalars.upperBound { result.append(next...allScalars.upperBound) }
        return result
    }

    /// The union, written negated when that takes fewer ranges.
    func union(_ other: ScalarSet) -> ScalarSet {
        let positive = ScalarSet(members + other.members)
        let outside = Self.complement(positive.ranges)
        return outside.count < positive.ranges.count ? ScalarSet(outside, negated: true) : positive
    }
}

extension RegexPattern.Atom {
    func union(_ other: RegexPattern.Atom) -> RegexPattern.Atom {
        guard case let .set(left) = self, case let .set(right) = other else { return .any }
        let union = left.union(right)
        return union.negated && union.isEmpty ? .any : .set(union)
    }
}
