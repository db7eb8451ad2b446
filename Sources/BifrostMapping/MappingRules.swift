import BifrostSchema
import Foundation

/// One line of a mapping file: which columns it matches and the codec that stores them.
public struct MappingRule: Sendable, Equatable {
    /// What a rule matches.
    public enum Match: Sendable, Equatable, CustomStringConvertible {
        /// A type by `pg_type` name, bare (`int4`) or schema-qualified (`public.mood`).
        case type(String)
        /// Every type of a kind (enum, domain, array …).
        case kind(TypeReference.Kind)
        /// One column.
        case column(schema: String, table: String, column: String)
        /// Any type no other rule matched.
        case anyType

        public var description: String {
            switch self {
            case let .type(name): "type \(name)"
            case let .kind(kind): "kind \(MappingRule.kindNames.first { $0.value == kind }?.key ?? kind.rawValue)"
            case let .column(schema, table, column): "column \(schema).\(table).\(column)"
            case .anyType: "type *"
            }
        }
    }

    public var match: Match
    public var codec: CodecName
    /// Where the rule was written, `file:line`, for messages.
    public var origin: String

    public init(match: Match, codec: CodecName, origin: String) {
        self.match = match
        self.codec = codec
        self.origin = origin
    }

    static let kindNames: [String: TypeReference.Kind] = [
        "enum": .enumeration, "domain": .domain, "array": .array, "composite": .composite,
        "range": .range, "multirange": .multirange, "base": .base,
    ]
}

/// An ordered list of mapping rules: user rules first, then the defaults.
public struct MappingRules: Sendable {
    public var rules: [MappingRule]

    public init(rules: [MappingRule]) {
        self.rules = rules
    }

    /// The defaults of `Mappings/postgres-to-sqlite.rules`, compiled into the library.
    public static let defaultRules: MappingRules = {
        let name = "postgres-to-sqlite.rules"
        guard let text = EmbeddedMappings.files[name] else { preconditionFailure("\(name) not embedded") }
        do {
            return try MappingRules(parsing: text, origin: "Mappings/\(name)")
        } catch {
            preconditionFailure("the embedded Mappings/\(name) does not parse: \(error)")
        }
    }()

    /// The text of the default mapping file, for users to copy.
    public static var defaultRulesText: String {
        EmbeddedMappings.files["postgres-to-sqlite.rules"] ?? ""
    }

    /// Reads a user's mapping file; its rules come before `fallback`'s.
    public static func load(path: String, before fallback: MappingRules = .defaultRules) throws -> MappingRules {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw MappingFileError(origin: path, message: "cannot read the mapping file: \(error.localizedDescription)")
        }
        let user = try MappingRules(parsing: text, origin: path)
        return MappingRules(rules: user.rules + fallback.rules)
    }

    /// Parses mapping-file text; `origin` names the file in error messages.
    public init(parsing text: String, origin: String) throws {
        var rules: [MappingRule] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let place = "\(origin):\(offset + 1)"
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            if words.isEmpty { continue }
            guard words.count == 4, words[2] == "->" else {
                throw MappingFileError(origin: place, message: "expected `<type|kind|column> <what> -> <codec>`, found `\(line.trimmingCharacters(in: .whitespaces))`")
            }
            guard let codec = CodecName(rawValue: words[3]) else {
                let known = CodecName.allCases.map(\.rawValue).joined(separator: ", ")
                throw MappingFileError(origin: place, message: "unknown codec `\(words[3])`; known codecs: \(known)")
            }
            rules.append(MappingRule(match: try Self.match(words[0], words[1], at: place), codec: codec, origin: place))
        }
        self.rules = rules
    }

    private static func match(_ selector: String, _ value: String, at place: String) throws -> MappingRule.Match {
        switch selector {
        case "type":
            return value == "*" ? .anyType : .type(value)
        case "kind":
            guard let kind = MappingRule.kindNames[value] else {
                let known = MappingRule.kindNames.keys.sorted().joined(separator: ", ")
                throw MappingFileError(origin: place, message: "unknown kind `\(value)`; known kinds: \(known)")
            }
            return .kind(kind)
        case "column":
            let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, !parts.contains(where: \.isEmpty) else {
                throw MappingFileError(origin: place, message: "a column rule needs SCHEMA.TABLE.COLUMN, found `\(value)`")
            }
            return .column(schema: parts[0], table: parts[1], column: parts[2])
        default:
            throw MappingFileError(origin: place, message: "a rule starts with `type`, `kind` or `column`, found `\(selector)`")
        }
    }
}

/// A mapping file that cannot be used, with its place (`file:line`).
public struct MappingFileError: Error, Sendable, CustomStringConvertible {
    public var origin: String
    public var message: String

    public var description: String { "\(origin): \(message)" }
}
