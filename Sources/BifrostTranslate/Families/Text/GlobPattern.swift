/// A set of characters (code points), kept as sorted, disjoint ranges, possibly negated.
struct ScalarSet: Hashable {
    var ranges: [ClosedRange<UInt32>]
    var negated: Bool

    init(_ ranges: [ClosedRange<UInt32>], negated: Bool = false) {
        self.ranges = Self.normalized(ranges)
        self.negated = negated
    }

    init(scalars: [UInt32]) {
        self.init(scalars.map { $0...$0 })
    }

    /// The set with every member's regex case variants added (PostgreSQL's case-insensitive
    /// bracket expressions and literals): for each cased character c, lower(c) and upper(c).
    func addingRegexCases() -> ScalarSet {
        var extra: [UInt32] = []
        for (character, _) in CaseMapping.lowercase where contains(character) { extra += CaseMapping.regexCases(character) }
        for (character, _) in CaseMapping.uppercase where contains(character) { extra += CaseMapping.regexCases(character) }
        return ScalarSet(ranges + extra.map { $0...$0 }, negated: negated)
    }

    /// Membership in the (positive) ranges, ignoring `negated`.
    private func contains(_ value: UInt32) -> Bool {
        ranges.contains { $0.contains(value) }
    }

    /// The single member, when the set is one character and not negated.
    var single: UInt32? {
        guard !negated, ranges.count == 1, ranges[0].lowerBound == ranges[0].upperBound else { return nil }
        return ranges[0].lowerBound
    }

    var isEmpty: Bool { ranges.isEmpty }

    private static func normalized(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var merged: [ClosedRange<UInt32>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}

/// One element of a SQLite GLOB pattern.
enum GlobItem: Equatable {
    /// One character from the set.
    case character(ScalarSet)
    /// `?`: exactly one character.
    case anyOne
    /// `*`: any sequence.
    case anyMany

    static func literal(_ value: UInt32) -> GlobItem { .character(ScalarSet(scalars: [value])) }
}

/// Renders GLOB patterns. GLOB compares code points case-sensitively and understands UTF-8,
/// which makes it the exact target for PostgreSQL's LIKE and simple regular expressions.
enum GlobPattern {
    static func render(_ items: [GlobItem]) -> String {
        var text = ""
        var previousWasMany = false
        for item in items {
            switch item {
            case .anyMany:
                if !previousWasMany { text += "*" }
            case .anyOne:
                text += "?"
            case let .character(set):
                text += render(set)
            }
            previousWasMany = item == .anyMany
        }
        return text
    }

    /// Whether the items contain no wildcard or class: the pattern is one literal string.
    static func literalText(_ items: [GlobItem]) -> String? {
        var scalars = String.UnicodeScalarView()
        for item in items {
            guard case let .character(set) = item, let value = set.single, let scalar = Unicode.Scalar(value) else { return nil }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// One character class: a literal when it is one ordinary character, else `[…]` with `]`
    /// first, `^` never first and `-` last, so none of them is read as syntax.
    static func render(_ set: ScalarSet) -> String {
        if let value = set.single, let scalar = Unicode.Scalar(value), !"*?[".unicodeScalars.contains(scalar) {
            return String(Character(scalar))
        }
        let specials: [UInt32] = [0x5D, 0x5E, 0x2D] // ] ^ -
        var ordinary: [ClosedRange<UInt32>] = []
        var present: Set<UInt32> = []
        // Text never holds U+0000, and a NUL would end the pattern: leave it out.
        for range in set.ranges where range.upperBound > 0 {
            var start = max(range.lowerBound, 1)
            for special in specials.sorted() where range.contains(special) {
                present.insert(special)
                if start < special { ordinary.append(start...(special - 1)) }
                start = special + 1
            }
            if start <= range.upperBound { ordinary.append(start...range.upperBound) }
        }
        var body = present.contains(0x5D) ? "]" : ""
        for range in ordinary {
            body += scalarText(range.lowerBound)
            if range.upperBound > range.lowerBound {
                body += (range.upperBound > range.lowerBound + 1 ? "-" : "") + scalarText(range.upperBound)
            }
        }
        if present.contains(0x5E) {
            if body.isEmpty && !set.negated {
                // `[^…]` would negate: lead with `-` when present, else `^` alone is a literal.
                guard present.contains(0x2D) else { return "^" }
                return "[-^]"
            }
            body += "^"
        }
        if present.contains(0x2D) { body += "-" }
        return "[" + (set.negated ? "^" : "") + body + "]"
    }

    private static func scalarText(_ value: UInt32) -> String {
        Unicode.Scalar(value).map { String(Character($0)) } ?? ""
    }
}
