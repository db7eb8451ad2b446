import BifrostSchema
import Foundation

/// `--type TABLE.COLUMN=TYPE`: the PostgreSQL type an import gives a column of a SQLite
/// file made elsewhere, instead of the one inferred from its declared type — e.g. a TEXT
/// column holding UUIDs, or an INTEGER column holding 0/1 booleans. The stored values must
/// have the form Bifrost's own mapping writes for that type (README, "How values are
/// stored"); a value that does not is named, as for any import.
public struct ImportTypeOverride: Sendable, Equatable {
    public var table: String
    public var column: String
    /// The PostgreSQL type, as its `pg_type` name, OID and declaration.
    var type: (name: String, oid: UInt32, declaration: String)

    /// The types an override may name, by any of their spellings.
    static let known: [(name: String, oid: UInt32, declaration: String, spellings: [String])] = [
        ("int8", 20, "bigint", ["bigint", "int8"]),
        ("int4", 23, "integer", ["integer", "int", "int4"]),
        ("int2", 21, "smallint", ["smallint", "int2"]),
        ("float8", 701, "double precision", ["double precision", "float8"]),
        ("float4", 700, "real", ["real", "float4"]),
        ("numeric", 1700, "numeric", ["numeric", "decimal"]),
        ("text", 25, "text", ["text"]),
        ("bytea", 17, "bytea", ["bytea"]),
        ("bool", 16, "boolean", ["boolean", "bool"]),
        ("uuid", 2950, "uuid", ["uuid"]),
        ("json", 114, "json", ["json"]),
        ("jsonb", 3802, "jsonb", ["jsonb"]),
        ("date", 1082, "date", ["date"]),
        ("time", 1083, "time without time zone", ["time", "time without time zone"]),
        ("timestamp", 1114, "timestamp without time zone", ["timestamp", "timestamp without time zone"]),
        ("timestamptz", 1184, "timestamp with time zone", ["timestamptz", "timestamp with time zone"]),
    ]

    /// `TABLE.COLUMN=TYPE`; `source` says where it was written, for errors.
    public init(parsing argument: String, from source: String = "--type") throws {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        let target = parts.first?.trimmingCharacters(in: .whitespaces).split(separator: ".", maxSplits: 1).map(String.init) ?? []
        guard parts.count == 2, target.count == 2, !target[0].isEmpty, !target[1].isEmpty else {
            throw ImportError.typeOverride("\(source) \(argument): expected TABLE.COLUMN=TYPE, e.g. users.id=uuid")
        }
        let spelled = parts[1].trimmingCharacters(in: .whitespaces).lowercased()
        guard let known = Self.known.first(where: { $0.spellings.contains(spelled) }) else {
            let names = Self.known.map(\.declaration).joined(separator: ", ")
            throw ImportError.typeOverride("\(source) \(argument): \(parts[1]) is not a type an import can give; these are: \(names)")
        }
        table = target[0]
        column = target[1]
        type = (known.name, known.oid, known.declaration)
    }

    /// The overrides of a mapping file (`import --mapping`): one `TABLE.COLUMN=TYPE` a line;
    /// blank lines and `#` comments are skipped. An error names the file and line.
    public static func load(path: String) throws -> [ImportTypeOverride] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ImportError.typeOverride("cannot read the mapping file \(path): \(error.localizedDescription)")
        }
        return try text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { number, line in
            let content = line.prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
            return content.isEmpty ? nil : try ImportTypeOverride(parsing: content, from: "\(path):\(number + 1):")
        }
    }

    public static func == (left: ImportTypeOverride, right: ImportTypeOverride) -> Bool {
        left.table == right.table && left.column == right.column && left.type.oid == right.type.oid
    }
}
