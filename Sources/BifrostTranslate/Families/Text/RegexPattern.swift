/// The subset of PostgreSQL's regular expressions (AREs) that GLOB can express: alternatives of
/// sequences of single-character atoms (literals, `.`, bracket expressions, `\d`) with
/// quantifiers, optionally anchored. Everything else is rejected with the reason.
struct RegexPattern {
    struct Item: Equatable {
        var atom: Atom
        var min: Int
        /// nil: unbounded.
        var max: Int?
    }

    enum Atom: Equatable {
        case any
        case set(ScalarSet)
    }

    struct Branch {
        var anchoredStart = false
        var anchoredEnd = false
        var items: [Item] = []
    }

    /// Why a regular expression is outside the subset.
    struct Unsupported: Error {
        let reason: String
    }

    var branches: [Branch]

    /// Parses an ARE; `caseInsensitive` applies PostgreSQL's `~*` folding to every atom.
    init(_ source: String, caseInsensitive: Bool, anchored: Bool = false) throws {
        var parser = Parser(scalars: Array(source.unicodeScalars), caseInsensitive: caseInsensitive)
        branches = try parser.alternatives(anchored: anchored)
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

        mutating func next() -> Unicode.Scalar? {
            defer { position += 1 }
            return current
        }

        mutating func alternatives(anchored: Bool) throws -> [Branch] {
            if scalars.starts(with: Array("***".unicodeScalars)) {
                throw Unsupported(reason: "regex director ***")
            }
            var branches = try branch(anchored: anchored)
            while current == "|" {
                position += 1
                branches += try branch(anchored: anchored)
            }
            if !atEnd { throw Unsupported(reason: "unbalanced parenthesis") }
            return branches
        }

        /// One top-level alternative; groups with alternatives inside multiply it out.
        mutating func branch(anchored: Bool) throws -> [Branch] {
            var anchoredStart = anchored, anchoredEnd = anchored
            if current == "^" {
                position += 1
                anchoredStart = true
            }
            let sequences = try sequence(allowEndAnchor: true, anchoredEnd: &anchoredEnd)
            return sequences.map { Branch(anchoredStart: anchoredStart, anchoredEnd: anchoredEnd, items: $0) }
        }

        /// The alternative item sequences up to `|`, `)` or the end.
        mutating func sequence(allowEndAnchor: Bool, anchoredEnd: inout Bool) throws -> [[Item]] {
            var sequences: [[Item]] = [[]]
            while let scalar = current, scalar != "|", scalar != ")" {
                position += 1
                switch scalar {
                case "$":
                    guard allowEndAnchor, atEnd || current == "|" else { throw Unsupported(reason: "$ inside the pattern") }
                    anchoredEnd = true
                case "^":
                    throw Unsupported(reason: "^ inside the pattern")
                case "(":
                    let options = try group()
                    sequences = sequences.flatMap { prefix in options.map { prefix + $0 } }
                    guard sequences.count <= 64 else { throw Unsupported(reason: "more than 64 alternatives") }
                case "*", "+", "?":
                    throw Unsupported(reason: "quantifier \(scalar) without an operand")
                case "{" where current.map(isDigit) == true:
                    throw Unsupported(reason: "quantifier { without an operand")
                default:
                    let item = try quantified(try self.atom(scalar))
                    sequences = sequences.map { $0 + [item] }
                }
            }
            return sequences
        }

        /// `( … )` / `(?: … )`: its alternatives (plus the empty one for `( … )?`).
        mutating func group() throws -> [[Item]] {
            if current == "?" {
                guard position + 1 < scalars.count, scalars[position + 1] == ":" else {
                    throw Unsupported(reason: "lookaround or embedded options (?…)")
                }
                position += 2
            }
            var options: [[Item]] = []
            repeat {
                var anchoredEnd = false
                options += try sequence(allowEndAnchor: false, anchoredEnd: &anchoredEnd)
            } while next() == "|"
            guard position <= scalars.count, scalars[position - 1] == ")" else { throw Unsupported(reason: "unbalanced parenthesis") }
            if current == "?" {
                position += 1
                if current == "?" { position += 1 }
                options.append([])
            }
            if let scalar = current, "*+?".unicodeScalars.contains(scalar) || scalar == "{" && position + 1 < scalars.count && isDigit(scalars[position + 1]) {
                throw Unsupported(reason: "a repeated group")
            }
            return options
        }

        mutating func quantified(_ atom: Atom) throws -> Item {
            var item = Item(atom: atom, min: 1, max: 1)
            switch current {
            case "*": item.min = 0; item.max = nil
            case "+": item.max = nil
            case "?": item.min = 0
            case "{" where position + 1 < scalars.count && isDigit(scalars[position + 1]):
                position += 1
                item.min = number()
                item.max = item.min
                if current == "," {
                    position += 1
                    item.max = current.map(isDigit) == true ? number() : nil
                }
                guard current == "}" else { throw Unsupported(reason: "malformed bound {…}") }
                if let max = item.max, max < item.min { throw Unsupported(reason: "invalid bound {\(item.min),\(max)}") }
            default:
                return item
            }
            position += 1
            if current == "?" { position += 1 } // non-greedy: the same set of matches
            if let scalar = current, "*+?".unicodeScalars.contains(scalar) || (scalar == "{" && position + 1 < scalars.count && isDigit(scalars[position + 1])) {
                throw Unsupported(reason: "nested quantifiers")
            }
            if item.min > 100 || (item.max ?? 0) > 100 { throw Unsupported(reason: "a bound above 100") }
            return item
        }

        mutating func number() -> Int {
            var value = 0
            while let scalar = current, isDigit(scalar) {
                value = min(value * 10 + Int(scalar.value - 48), 10_000)
                position += 1
            }
            return value
        }

        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

        mutating func atom(_ scalar: Unicode.Scalar) throws -> Atom {
            switch scalar {
            case ".": return .any
            case "[": return .set(folded(try bracket()))
            case "\\":
                guard let escaped = next() else { throw Unsupported(reason: "a trailing backslash") }
                return .set(folded(try escape(escaped)))
            default:
                return .set(folded(ScalarSet(scalars: [scalar.value])))
            }
        }

        /// A literal or class under `~*`: each character by {lower(c), upper(c)}.
        func folded(_ set: ScalarSet) -> ScalarSet {
            guard caseInsensitive else { return set }
            if let single = set.single { return ScalarSet(scalars: CaseMapping.regexCases(single)) }
            return set.addingRegexCases()
        }

        /// A backslash escape outside or inside brackets.
        func escape(_ scalar: Unicode.Scalar) throws -> ScalarSet {
            let controls: [Unicode.Scalar: UInt32] = ["a": 7, "b": 8, "e": 27, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11]
            if let control = controls[scalar] { return ScalarSet(scalars: [control]) }
            switch scalar {
            case "d": return ScalarSet([48...57])
            case "D": return ScalarSet([48...57], negated: true)
            case "w", "W", "s", "S":
                throw Unsupported(reason: "\\\(scalar) depends on the locale's Unicode classification")
            case "1"..."9":
                throw Unsupported(reason: "backreference \\\(scalar)")
            case "m", "M", "y", "Y", "A", "Z":
                throw Unsupported(reason: "word or string anchor \\\(scalar)")
            default:
                if scalar.properties.isAlphabetic || isDigit(scalar) {
                    throw Unsupported(reason: "escape \\\(scalar)")
                }
                return ScalarSet(scalars: [scalar.value])
            }
        }

        /// `[…]` after its `[`.
        mutating func bracket() throws -> ScalarSet {
            var negated = false
            if current == "^" {
                negated = true
                position += 1
            }
            var ranges: [ClosedRange<UInt32>] = []
            var first = true
            while true {
                guard let scalar = next() else { throw Unsupported(reason: "an unterminated bracket expression") }
                if scalar == "]" && !first { break }
                first = false
                var low: ScalarSet
                if scalar == "[", let kind = current, ":.=".unicodeScalars.contains(kind) {
                    throw Unsupported(reason: "bracket class [\(kind)…\(kind)]")
                } else if scalar == "\\" {
                    guard let escaped = next() else { throw Unsupported(reason: "a trailing backslash") }
                    low = try escape(escaped)
                } else {
                    low = ScalarSet(scalars: [scalar.value])
                }
                if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]", let start = low.single {
                    position += 1
                    var end = next()!
                    if end == "\\" {
                        guard let escaped = next(), let value = try escape(escaped).single else {
                            throw Unsupported(reason: "a class escape as a range end")
                        }
                        end = Unicode.Scalar(value)!
                    }
                    guard start <= end.value else { throw Unsupported(reason: "an invalid range") }
                    ranges.append(start...end.value)
                    continue
                }
                guard !low.negated else { throw Unsupported(reason: "a negated class escape inside brackets") }
                ranges += low.ranges
            }
            return ScalarSet(ranges, negated: negated)
        }
    }
}
