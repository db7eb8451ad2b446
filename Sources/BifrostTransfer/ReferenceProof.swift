import BifrostMapping
import BifrostSchema

/// Which foreign keys verification already proves to resolve in the SQLite file, so the
/// conversion need not look each reference up again (`PRAGMA foreign_key_check` is a
/// lookup per row).
///
/// PostgreSQL enforced the key in the snapshot that was read, and verification proves every
/// stored value equal to PostgreSQL's. When both columns of every pair have the same type
/// and a storage in which equal PostgreSQL values are equal bytes, the reference finds its
/// row in SQLite exactly as it did in PostgreSQL. Types whose equality is looser than their
/// bytes (floats' -0 and 0, numeric's 1.0 and 1.00, citext, non-deterministic collations)
/// are still checked.
struct ReferenceProof {
    private let columnsByTable: [QualifiedName: [String: ColumnMapping]]

    /// Storages where PostgreSQL's equality is equality of the stored bytes.
    private static let exactCodecs: Set<String> = ["integer", "boolean", "uuid", "date", "timestamp", "enum", "text"]
    /// Text types compared by their bytes (with the default, deterministic collation); not
    /// char(n), whose comparison ignores trailing blanks.
    private static let exactTextTypes: Set<String> = ["text", "varchar", "name"]

    init(mappings: [TableMapping]) {
        columnsByTable = Dictionary(mappings.map { mapping in
            (mapping.table.name, Dictionary(mapping.columns.map { ($0.column.name, $0) }, uniquingKeysWith: { first, _ in first }))
        }, uniquingKeysWith: { first, _ in first })
    }

    func verificationProves(_ mapping: TableMapping) -> Bool {
        mapping.table.foreignKeys.allSatisfy { key in
            guard let referenced = columnsByTable[key.referencedTable] else { return true }  // not in the file
            return zip(key.columns, key.referencedColumns).allSatisfy { child, parent in
                guard let child = columnsByTable[mapping.table.name]?[child], let parent = referenced[parent] else { return false }
                return isExact(child) && isExact(parent) && child.codec.name == parent.codec.name
                    && child.column.type.storage == parent.column.type.storage
            }
        }
    }

    private func isExact(_ mapping: ColumnMapping) -> Bool {
        guard Self.exactCodecs.contains(mapping.codec.name), mapping.column.collation == nil else { return false }
        return mapping.codec.name != "text" || Self.exactTextTypes.contains(mapping.column.type.storage.name)
    }
}
