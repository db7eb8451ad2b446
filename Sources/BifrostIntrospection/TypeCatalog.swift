import BifrostPostgres
import BifrostSchema

/// `pg_type` and `pg_enum` loaded once, to resolve column types, domains and array elements
/// without a query per column.
struct TypeCatalog {
    private struct Entry {
        var reference: TypeReference
        var baseType: UInt32
        var elementType: UInt32
    }

    private var entries: [UInt32: Entry] = [:]

    init(connection: PostgresConnection) throws {
        let types = try connection.query("""
            SELECT t.oid, n.nspname, t.typname, t.typtype, t.typbasetype, t.typelem,
                   t.typlen, t.typcategory
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            """)
        var labels: [UInt32: [String]] = [:]
        for row in try connection.query(
            "SELECT enumtypid, enumlabel FROM pg_enum ORDER BY enumtypid, enumsortorder").rows {
            labels[UInt32(row[0]!)!, default: []].append(row[1]!)
        }
        for row in types.rows {
            let oid = UInt32(row[0]!)!
            let element = UInt32(row[5]!)!
            // PostgreSQL's own test for a true array type: an element type and varlena storage.
            let isArray = element != 0 && row[6] == "-1" && row[7] == "A"
            let kind: TypeReference.Kind = switch row[3] {
            case _ where isArray: .array
            case "e": .enumeration
            case "d": .domain
            case "c": .composite
            case "r": .range
            case "m": .multirange
            case "p": .pseudo
            default: .base
            }
            let reference = TypeReference(oid: oid, schema: row[1]!, name: row[2]!, kind: kind,
                                          enumLabels: labels[oid] ?? [])
            entries[oid] = Entry(reference: reference, baseType: UInt32(row[4]!)!,
                                 elementType: isArray ? element : 0)
        }
    }

    /// The full type of a column of type `oid`.
    func columnType(oid: UInt32, typmod: Int32, declaration: String, dimensions: Int = 0) throws -> ColumnType {
        let type = try reference(oid)
        let bases = try domainBases(of: oid)
        let storageOID = bases.last?.oid ?? oid
        var element: ArrayElement?
        if let entry = entries[storageOID], entry.elementType != 0 {
            element = ArrayElement(type: try reference(entry.elementType),
                                   domainBases: try domainBases(of: entry.elementType))
        }
        return ColumnType(declaration: declaration, typmod: typmod, type: type,
                          domainBases: bases, element: element, arrayDimensions: element == nil ? 0 : max(1, dimensions))
    }

    private func reference(_ oid: UInt32) throws -> TypeReference {
        guard let entry = entries[oid] else {
            throw PostgresError(kind: .protocolViolation, message: "type OID \(oid) is not in pg_type")
        }
        return entry.reference
    }

    private func domainBases(of oid: UInt32) throws -> [TypeReference] {
        var bases: [TypeReference] = []
        var current = oid
        while let entry = entries[current], entry.reference.kind == .domain {
            current = entry.baseType
            bases.append(try reference(current))
        }
        return bases
    }
}
