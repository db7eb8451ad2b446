import BifrostPostgres
import BifrostSchema

extension PostgresSchemaReader {
    private struct IndexElementRow: Decodable {
        var column: String?
        var definition: String
        var option: Int
        var operatorClass: String?
        var collation: String?
        var isKey: Bool
    }

    /// Indexes with their keys (columns or expressions, order, NULLS order, operator class,
    /// collation), INCLUDE columns, predicate, method, the constraint they back and, for a
    /// partition's index, the partitioned index it is attached to.
    func readIndexes(_ filter: String) throws -> [(UInt32, Index)] {
        let result = try connection.query("""
            SELECT i.indrelid, ic.relname, am.amname, i.indisunique,
                   pg_get_expr(i.indpred, i.indrelid), pg_get_indexdef(i.indexrelid), con.conname,
                   obj_description(i.indexrelid, 'pg_class'),
                   (SELECT json_agg(json_build_object(
                        'column', a.attname,
                        'definition', pg_get_indexdef(i.indexrelid, k.n, true),
                        'option', COALESCE(i.indoption[k.n - 1], 0),
                        'operatorClass', CASE WHEN NOT opc.opcdefault THEN opc.opcname END,
                        'collation', CASE WHEN i.indcollation[k.n - 1] NOT IN (0, 100)
                                           AND i.indcollation[k.n - 1] IS DISTINCT FROM a.attcollation
                                          THEN coll.collname END,
                        'isKey', k.n <= i.indnkeyatts) ORDER BY k.n)
                      FROM generate_series(1, i.indnatts) k(n)
                      LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1]
                                               AND i.indkey[k.n - 1] <> 0
                      LEFT JOIN pg_opclass opc ON opc.oid = i.indclass[k.n - 1]
                      LEFT JOIN pg_collation coll ON coll.oid = i.indcollation[k.n - 1]),
                   (SELECT inh.inhparent::regclass::text FROM pg_inherits inh WHERE inh.inhrelid = i.indexrelid)
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_am am ON am.oid = ic.relam
            LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                                        AND con.contype IN ('p', 'u', 'x')
            WHERE c.relkind IN ('r', 'p') AND n.nspname \(namespaceFilter)
            ORDER BY i.indrelid, ic.relname
            """, [filter])
        return try result.rows.map { row in
            let elements = try decode([IndexElementRow].self, row[8]) ?? []
            let keys = elements.filter(\.isKey).map { element in
                Index.Element(
                    column: element.column,
                    expression: element.column == nil ? expressions.parse(element.definition) : nil,
                    isDescending: element.option & 1 != 0,
                    nullsFirst: element.option & 2 != 0,
                    operatorClass: element.operatorClass,
                    collation: element.collation)
            }
            var index = Index(
                name: row[1]!, method: row[2]!, isUnique: row[3] == "t", elements: keys,
                included: elements.filter { !$0.isKey }.compactMap(\.column),
                predicate: expressions.parse(row[4]), constraint: row[6], definition: row[5]!, comment: row[7])
            index.parentIndex = row[9]
            return (UInt32(row[0]!)!, index)
        }
    }
}
