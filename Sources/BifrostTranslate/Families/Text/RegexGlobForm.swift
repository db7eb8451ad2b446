/// The form of a regular expression that GLOB can express (see `RegexMatching.branchCondition`):
/// alternatives of sequences of single-character atoms with quantifiers, optionally anchored at
/// their ends; groups are multiplied out (at most 64 alternatives).
extension RegexPattern {
    struct Item: Equatable {
        var atom: Atom
        var min: Int
        /// nil: unbounded.
        var max: Int?
    }

    struct Branch {
        var anchoredStart = false
        var anchoredEnd = false
        var items: [Item] = []
    }

    /// The largest count GLOB conditions repeat an atom.
    private static let globBound = 100

    /// The alternatives, or `Unsupported` when the pattern is not of the GLOB form.
    func globBranches() throws -> [Branch] {
        try Self.options(root).flatMap { option -> [Branch] in
            var items = Self.items(option)
            let anchoredStart = items.first == .start, anchoredEnd = items.last == .end
            if anchoredStart { items.removeFirst() }
            if anchoredEnd { items.removeLast() }
            return try Self.expand(items).map { Branch(anchoredStart: anchoredStart, anchoredEnd: anchoredEnd, items: $0) }
        }
    }

    private static func options(_ node: Node) -> [Node] {
        if case let .alternation(options) = node { return options }
        return [node]
    }

    private static func items(_ node: Node) -> [Node] {
        if case let .sequence(items) = node { return items }
        return [node]
    }

    /// The item sequences a sequence of nodes stands for.
    private static func expand(_ nodes: [Node]) throws -> [[Item]] {
        var sequences: [[Item]] = [[]]
        for node in nodes {
            var alternatives: [[Item]]
            switch node {
            case let .atom(atom):
                alternatives = [[Item(atom: atom, min: 1, max: 1)]]
            case let .repeated(.atom(atom), min, max):
                guard min <= globBound, (max ?? 0) <= globBound else { throw Unsupported(reason: "a bound above \(globBound)") }
                alternatives = [[Item(atom: atom, min: min, max: max)]]
            case let .repeated(group, 0, 1):
                alternatives = try options(group).flatMap { try expand(items($0)) } + [[]]
            case .sequence, .alternation:
                alternatives = try options(node).flatMap { try expand(items($0)) }
            case .repeated:
                throw Unsupported(reason: "a repeated group")
            case .start, .end:
                throw Unsupported(reason: "an anchor inside the pattern")
            }
            sequences = sequences.flatMap { prefix in alternatives.map { prefix + $0 } }
            guard sequences.count <= 64 else { throw Unsupported(reason: "more than 64 alternatives") }
        }
        return sequences
    }
}
