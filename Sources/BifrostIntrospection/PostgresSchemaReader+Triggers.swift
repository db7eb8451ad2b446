import BifrostPostgres
import BifrostSchema

extension PostgresSchemaReader {
    /// User triggers (not the internal ones behind foreign keys) with timing, events,
    /// `UPDATE OF` columns, level, `WHEN` condition, function and arguments.
    func readTriggers(_ filter: String) throws -> [(UInt32, Trigger)] {
        let result = try connection.query("""
            SELECT t.tgrelid, t.tgname, t.tgtype, t.tgenabled, pg_get_triggerdef(t.oid),
                   fn.nspname, f.proname,
                   encode(t.tgargs, 'escape'), t.tgnargs,
                   (SELECT json_agg(a.attname ORDER BY k.ord)
                      FROM unnest(t.tgattr::int2[]) WITH ORDINALITY k(num, ord)
                      JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.num),
                   t.tgqual IS NOT NULL,
                   obj_description(t.oid, 'pg_trigger')
            FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_proc f ON f.oid = t.tgfoid
            JOIN pg_namespace fn ON fn.oid = f.pronamespace
            WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND n.nspname \(namespaceFilter)
            ORDER BY t.tgrelid, t.tgname
            """, [filter])
        return try result.rows.map { row in
            let type = Int(row[2]!)!
            let definition = row[4]!
            var events: [Trigger.Event] = []
            if type & 4 != 0 { events.append(.insert) }
            if type & 16 != 0 { events.append(.update) }
            if type & 8 != 0 { events.append(.delete) }
            if type & 32 != 0 { events.append(.truncate) }
            let trigger = Trigger(
                name: row[1]!,
                timing: type & 64 != 0 ? .insteadOf : type & 2 != 0 ? .before : .after,
                events: events,
                updateColumns: try decode([String].self, row[9]) ?? [],
                level: type & 1 != 0 ? .row : .statement,
                condition: row[10] == "t" ? expressions.parse(Self.whenCondition(in: definition)) : nil,
                function: QualifiedName(schema: row[5]!, name: row[6]!),
                arguments: Self.triggerArguments(row[7] ?? "", count: Int(row[8]!)!),
                isEnabled: row[3] != "D",
                definition: definition,
                comment: row[11])
            return (UInt32(row[0]!)!, trigger)
        }
    }

    /// The condition of `… FOR EACH ROW WHEN (<condition>) EXECUTE FUNCTION …`, in the fixed
    /// layout `pg_get_triggerdef` prints.
    static func whenCondition(in definition: String) -> String? {
        guard let start = definition.range(of: " WHEN ("),
              let end = definition.range(of: ") EXECUTE ", options: .backwards),
              start.upperBound <= end.lowerBound else { return nil }
        return String(definition[start.upperBound..<end.lowerBound])
    }

    /// `tgargs` holds the arguments NUL-terminated; `encode(…, 'escape')` shows NUL as `\000`
    /// and a backslash as `\\`.
    static func triggerArguments(_ escaped: String, count: Int) -> [String] {
        guard count > 0 else { return [] }
        var arguments: [String] = []
        var bytes: [UInt8] = []
        var characters = Array(escaped.utf8)[...]
        while let byte = characters.popFirst() {
            if byte == UInt8(ascii: "\\"), let next = characters.first {
                if next == UInt8(ascii: "\\") {
                    bytes.append(next)
                    characters.removeFirst()
                } else {
                    let octal = characters.prefix(3)
                    characters.removeFirst(octal.count)
                    let value = UInt8(String(decoding: octal, as: UTF8.self), radix: 8) ?? 0
                    if value == 0 {
                        arguments.append(String(decoding: bytes, as: UTF8.self))
                        bytes = []
                    } else {
                        bytes.append(value)
                    }
                }
            } else {
                bytes.append(byte)
            }
        }
        return Array(arguments.prefix(count))
    }
}
