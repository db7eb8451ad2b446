/// A regular expression as a finite automaton without epsilon moves, for matching in SQL
/// (`RegexAutomaton+SQL.swift`).
///
/// Built by Thompson's construction over `.*(regex).*` (PostgreSQL's `~` matches anywhere);
/// `^` and `$` are epsilon moves allowed only at the start / end of the text. Epsilon moves are
/// then removed: a state's transitions are those of its epsilon closure. The start state is
/// the only one occupied before the first character (every other state is entered by reading
/// one), so only its closure may cross `^`.
struct RegexAutomaton {
    struct Transition: Hashable {
        var source: Int
        var target: Int
        var atom: RegexPattern.Atom
    }

    /// State 0 is the start state.
    var transitions: [Transition]
    /// States in which the whole text may end.
    var accepting: Set<Int>
    /// Accepting states that accept whatever follows (the trailing `.*` after a match): the
    /// match is decided there, and their moves are left out.
    var decided: Set<Int>

    /// Most states the construction may create (counted repetitions copy their operand).
    static let stateLimit = 2_000

    /// Most transitions the SQL may list (epsilon removal can multiply them).
    static let transitionLimit = 10_000

    init(_ pattern: RegexPattern) throws {
        var builder = Builder()
        let start = try builder.newState(), final = try builder.newState()
        let anything = RegexPattern.Node.repeated(.atom(.any), min: 0, max: nil)
        try builder.build(.sequence([anything, pattern.root, anything]), from: start, to: final)
        self = builder.withoutEpsilonMoves(start: start, final: final)
        guard transitions.count <= Self.transitionLimit else {
            throw RegexPattern.Unsupported(reason: "its automaton needs more than \(Self.transitionLimit) transitions")
        }
    }

    private struct Move: Hashable {
        var source: Int
        var target: Int
    }

    private struct Builder {
        enum Condition { case always, atStart, atEnd }

        var epsilon: [[(target: Int, condition: Condition)]] = []
        var edges: [[(atom: RegexPattern.Atom, target: Int)]] = []

        mutating func newState() throws -> Int {
            guard epsilon.count < RegexAutomaton.stateLimit else {
                throw RegexPattern.Unsupported(reason: "its automaton needs more than \(RegexAutomaton.stateLimit) states")
            }
            epsilon.append([])
            edges.append([])
            return epsilon.count - 1
        }

        /// Adds the moves reading `node` from `from` to `to`. Loops always go through a fresh
        /// state, so alternatives may share their ends.
        mutating func build(_ node: RegexPattern.Node, from: Int, to: Int) throws {
            switch node {
            case let .atom(atom):
                if case let .set(set) = atom, set.isEmpty, !set.negated { return } // matches nothing
                edges[from].append((atom, to))
            case .start:
                epsilon[from].append((to, .atStart))
            case .end:
                epsilon[from].append((to, .atEnd))
            case let .alternation(options):
                for option in options { try build(option, from: from, to: to) }
            case let .sequence(items):
                var current = from
                for item in items {
                    let next = try newState()
                    try build(item, from: current, to: next)
                    current = next
                }
                epsilon[current].append((to, .always))
            case let .repeated(operand, min, max):
                var current = from
                for _ in 0..<min {
                    let next = try newState()
                    try build(operand, from: current, to: next)
                    current = next
                }
                if let max {
                    for _ in min..<max {
                        epsilon[current].append((to, .always))
                        let next = try newState()
                        try build(operand, from: current, to: next)
                        current = next
                    }
                    epsilon[current].append((to, .always))
                } else {
                    let loop = try newState()
                    epsilon[current].append((loop, .always))
                    try build(operand, from: loop, to: loop)
                    epsilon[loop].append((to, .always))
                }
            }
        }

        /// The states reachable by epsilon moves (allowed at the start and/or end).
        func closure(_ state: Int, atStart: Bool, atEnd: Bool) -> Set<Int> {
            var seen: Set<Int> = [state], pending = [state]
            while let current = pending.popLast() {
                for (target, condition) in epsilon[current] where !seen.contains(target) {
                    switch condition {
                    case .always: break
                    case .atStart: guard atStart else { continue }
                    case .atEnd: guard atEnd else { continue }
                    }
                    seen.insert(target)
                    pending.append(target)
                }
            }
            return seen
        }

        /// The epsilon-free automaton over the states reachable from `start` that can still
        /// reach acceptance, renumbered from 0 (`start`).
        func withoutEpsilonMoves(start: Int, final: Int) -> RegexAutomaton {
            /// Moves between the same two states merged into one atom.
            var moves: [Move: RegexPattern.Atom] = [:]
            var accepting: Set<Int> = []
            var visited: Set<Int> = [start], pending = [start]
            while let state = pending.popLast() {
                for through in closure(state, atStart: state == start, atEnd: false) {
                    for (atom, target) in edges[through] {
                        let move = Move(source: state, target: target)
                        moves[move] = moves[move].map { $0.union(atom) } ?? atom
                        if visited.insert(target).inserted { pending.append(target) }
                    }
                }
                if closure(state, atStart: state == start, atEnd: true).contains(final) { accepting.insert(state) }
            }
            // Keep the states from which acceptance is still reachable.
            var live = accepting, growing = true
            while growing {
                growing = false
                for move in moves.keys where live.contains(move.target) && !live.contains(move.source) {
                    live.insert(move.source)
                    growing = true
                }
            }
            var numbers: [Int: Int] = [start: 0]
            for state in visited.sorted() where live.contains(state) && numbers[state] == nil { numbers[state] = numbers.count }
            let kept = moves.compactMap { move, atom -> Transition? in
                guard let source = numbers[move.source], let target = numbers[move.target] else { return nil }
                return Transition(source: source, target: target, atom: atom)
            }
            return RegexAutomaton(transitions: kept.sorted { ($0.source, $0.target) < ($1.source, $1.target) },
                                  accepting: Set(accepting.compactMap { numbers[$0] }))
        }
    }

    private init(transitions: [Transition], accepting: Set<Int>) {
        // The largest set of accepting states each with a move on any character into the set.
        var decided = accepting, shrinking = true
        while shrinking {
            shrinking = false
            for state in decided where !transitions.contains(where: { $0.source == state && $0.atom == .any && decided.contains($0.target) }) {
                decided.remove(state)
                shrinking = true
            }
        }
        self.transitions = transitions.filter { !decided.contains($0.source) }
        self.accepting = accepting
        self.decided = decided
    }
}
