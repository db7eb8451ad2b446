/// A PostgreSQL regular expression (ARE) parsed into a tree, with the matching rules of a UTF-8
/// database: code points, `.` and negated brackets match a newline too, `^`/`$` match only at
/// the ends of the text. What a finite automaton cannot do (backreferences, lookaround,
/// embedded options, word boundaries) and escapes or classes whose meaning is not pinned down
/// here are rejected with the reason.
///
/// Two translations use the tree: `globBranches()` (RegexGlobForm.swift) when GLOB can express
/// it, else `RegexAutomaton`.
struct RegexPattern {
    /// One character position of the pattern.
    enum Atom: Hashable {
        /// `.`: any character.
        case any
        case set(ScalarSet)
    }

    indirect enum Node: Equatable {
        case atom(Atom)
        case sequence([Node])
        case alternation([Node])
        /// `max` nil: unbounded.
        case repeated(Node, min: Int, max: Int?)
        /// `^`: the start of the text.
        case start
        /// `$`: the end of the text.
        case end
    }

    /// Why a regular expression is outside what the translation handles.
    struct Unsupported: Error {
        let reason: String
    }

    /// PostgreSQL's largest repetition count (DUPMAX); a larger bound is an error there.
    static let largestBound = 255

    var root: Node

    /// Parses an ARE; `caseInsensitive` applies `~*`'s rule: every pattern character (alone, in
    /// a bracket or a range) matches its simple lowercase and uppercase; named classes do not grow.
    init(_ source: String, caseInsensitive: Bool) throws {
        var parser = Parser(scalars: Array(source.unicodeScalars), caseInsensitive: caseInsensitive)
        root = try parser.pattern()
    }

    /// `^(?:regex)$`: how PostgreSQL runs SIMILAR TO.
    init(anchoring source: String, caseInsensitive: Bool) throws {
        try self.init(source, caseInsensitive: caseInsensitive)
        root = .sequence([.start, root, .end])
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        let caseInsensitive: Bool
        var position = 0

        init(scalars: [Unicode.Scalar], caseInsensitive: Bool) {
            self.scalars = scalars
            self.caseInsensitive = caseInsensitive
        }

        var atEnd: Bool { position >= scalars.count }
        var current: Unicode.Scalar? { atEnd ? nil : scalars[position] }
        var following: Unicode.Scalar? { position + 1 < scalars.count ? scalars[position + 1] : nil }

        mutating func next() -> Unicode.Scalar? {
            defer { position += 1 }
            return current
        }

        mutating func pattern() throws -> Node {
            if scalars.starts(with: Array("***".unicodeScalars)) {
                throw Unsupported(reason: "regex director ***")
            }
            let node = try alternation()
            if !atEnd { throw Unsupported(reason: "unbalanced parenthesis") }
            return node
        }

        /// Alternatives up to `)` or the end.
        mutating func alternation() throws -> Node {
            var options = [try sequence()]
            while current == "|" {
                position += 1
                options.append(try sequence())
            }
            return options.count == 1 ? options[0] : .alternation(options)
        }

        /// Items up to `|`, `)` or the end.
        mutating func sequence() throws -> Node {
            var items: [Node] = []
            while let scalar = current, scalar != "|", scalar != ")" {
                position += 1
                switch scalar {
                case "^", "$":
                    if isQuantifier { throw Unsupported(reason: "a quantified anchor \(scalar)") }
                    items.append(scalar == "^" ? .start : .end)
                case "(":
                    items.append(try quantified(try group()))
                case "*", "+", "?":
                    throw Unsupported(reason: "quantifier \(scalar) without an operand")
                case "{" where current.map(isDigit) == true:
                    throw Unsupported(reason: "quantifier { without an operand")
                default:
                    items.append(try quantified(.atom(try atom(scalar))))
                }
            }
            return .sequence(items)
        }

        /// `( … )` / `(?: … )` after its `(`.
        mutating func group() throws -> Node {
            if current == "?" {
                guard following == ":" else { throw Unsupported(reason: "lookaround or embedded options (?…)") }
                position += 2
            }
            let inner = try alternation()
            guard next() == ")" else { throw Unsupported(reason: "unbalanced parenthesis") }
            return inner
        }

        /// Whether a quantifier starts here (`{` only before a digit, else it is a literal).
        var isQuantifier: Bool {
            guard let scalar = current else { return false }
            return "*+?".unicodeScalars.contains(scalar) || (scalar == "{" && following.map(isDigit) == true)
        }

        mutating func quantified(_ node: Node) throws -> Node {
            guard isQuantifier, let scalar = next() else { return node }
            var (min, max): (Int, Int?) = (1, 1)
            switch scalar {
            case "*": (min, max) = (0, nil)
            case "+": (min, max) = (1, nil)
            case "?": (min, max) = (0, 1)
            default:
                min = number()
                max = min
                if current == "," {
                    position += 1
                    max = current.map(isDigit) == true ? number() : nil
                }
                guard next() == "}" else { throw Unsupported(reason: "malformed bound {…}") }
                if let max, max < min { throw Unsupported(reason: "invalid bound {\(min),\(max)}") }
                if min > RegexPattern.largestBound || (max ?? 0) > RegexPattern.largestBound {
                    throw Unsupported(reason: "a bound above \(RegexPattern.largestBound) (an error in PostgreSQL)")
                }
            }
            if current == "?" { position += 1 } // non-greedy: the same set of matches
            if isQuantifier { throw Unsupported(reason: "nested quantifiers") }
            return .repeated(node, min: min, max: max)
        }

        mutating func number() -> Int {
            var value = 0
            while let scalar = current, isDigit(scalar) {
                value = Swift.min(value * 10 + Int(scalar.value - 48), 10_000)
                position += 1
            }
            return value
        }

        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

        mutating func atom(_ scalar: Unicode.Scalar) throws -> Atom {
            switch scalar {
            case ".": return .any
            case "[": return .set(try bracket())
            case "\\":
                guard let escaped = next() else { throw Unsupported(reason: "a trailing backslash") }
                switch try escape(escaped, inBracket: false) {
                case let .literal(value): return .set(folded(ScalarSet(scalars: [value])))
                case let .characterClass(set): return .set(set)
                }
            default:
                return .set(folded(ScalarSet(scalars: [scalar.value])))
            }
        }

        /// Pattern characters under `~*`: each by {lower(c), upper(c)}.
        func folded(_ set: ScalarSet) -> ScalarSet {
            guard caseInsensitive else { return set }
            if let single = set.single { return ScalarSet(scalars: CaseMapping.regexCases(single)) }
            return set.addingRegexCases()
        }

        enum Escape {
            case literal(UInt32)
            case characterClass(ScalarSet)
        }

        /// A backslash escape outside or inside brackets.
        func escape(_ scalar: Unicode.Scalar, inBracket: Bool) throws -> Escape {
            let controls: [Unicode.Scalar: UInt32] = ["a": 7, "b": 8, "e": 27, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11]
            if let control = controls[scalar] { return .literal(control) }
            let classes: [Unicode.Scalar: ScalarSet] = ["d": RegexClasses.digit, "w": RegexClasses.word, "s": RegexClasses.space]
            if let set = classes[scalar] { return .characterClass(set) }
            if ("A"..."Z").contains(scalar), let lower = Unicode.Scalar(scalar.value + 32), let set = classes[lower] {
                guard !inBracket else { throw Unsupported(reason: "\\\(scalar) inside a bracket expression") }
                return .characterClass(ScalarSet(set.ranges, negated: true))
            }
            switch scalar {
            case "1"..."9":
                throw Unsupported(reason: "backreference \\\(scalar)")
            case "m", "M", "y", "Y", "A", "Z":
                throw Unsupported(reason: "word or string anchor \\\(scalar)")
            default:
                if scalar.properties.isAlphabetic || isDigit(scalar) {
                    throw Unsupported(reason: "escape \\\(scalar)")
                }
                return .literal(scalar.value)
            }
        }

        /// `[…]` after its `[`: literals and ranges (case-folded under `~*`) and named classes.
        mutating func bracket() throws -> ScalarSet {
            var negated = false
            if current == "^" {
                negated = true
                position += 1
            }
            var literals: [ClosedRange<UInt32>] = []
            var classes: [ClosedRange<UInt32>] = []
            var first = true
            while true {
                guard let scalar = next() else { throw Unsupported(reason: "an unterminated bracket expression") }
                if scalar == "]" && !first { break }
                first = false
                let low: Escape
                if scalar == "[", let kind = current, ":.=".unicodeScalars.contains(kind) {
                    guard kind == ":" else { throw Unsupported(reason: "collating element or equivalence class [\(kind)…\(kind)]") }
                    classes += try namedClass().ranges
                    try noRangeAfterClass()
                    continue
                } else if scalar == "\\" {
                    guard let escaped = next() else { throw Unsupported(reason: "a trailing backslash") }
                    low = try escape(escaped, inBracket: true)
                } else {
                    low = .literal(scalar.value)
                }
                switch low {
                case let .characterClass(set):
                    classes += set.ranges
                    try noRangeAfterClass()
                case let .literal(start):
                    guard current == "-", let end = following, end != "]" else {
                        literals.append(start...start)
                        continue
                    }
                    position += 2
                    var last = end.value
                    if end == "\\" {
                        guard let escaped = next(), case let .literal(value) = try escape(escaped, inBracket: true) else {
                            throw Unsupported(reason: "a class escape as a range end")
                        }
                        last = value
                    } else if end == "[", let kind = current, ":.=".unicodeScalars.contains(kind) {
                        throw Unsupported(reason: "a bracket class as a range end")
                    }
                    guard start <= last else { throw Unsupported(reason: "an invalid range (an error in PostgreSQL)") }
                    if current == "-", following != "]" { throw Unsupported(reason: "an invalid range (an error in PostgreSQL)") }
                    literals.append(start...last)
                }
            }
            let folded = self.folded(ScalarSet(literals))
            return ScalarSet(folded.ranges + classes, negated: negated)
        }

        /// A class cannot start a range (`[\d-z]` is an error in PostgreSQL).
        func noRangeAfterClass() throws {
            if current == "-", let end = following, end != "]" {
                throw Unsupported(reason: "a class as a range start (an error in PostgreSQL)")
            }
        }

        /// `[:name:]` after the outer `[`'s inner `[`.
        mutating func namedClass() throws -> ScalarSet {
            position += 1
            var name = ""
            while let scalar = current, !(scalar == ":" && following == "]") {
                name.unicodeScalars.append(scalar)
                position += 1
            }
            guard !atEnd else { throw Unsupported(reason: "an unterminated [:class:]") }
            position += 2
            guard let set = RegexClasses.named(name) else {
                throw Unsupported(reason: "[[:\(name):]] (its members depend on the C library and are not tabulated here)")
            }
            return set
        }
    }
}
