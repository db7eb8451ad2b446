/// `lower()` / `upper()` with PostgreSQL's Unicode folding in stock SQLite, whose own
/// lower()/upper() fold ASCII only (unless built with ICU, which this does not assume).
///
/// ASCII-only values (as many characters as bytes) go straight to SQLite's function; other
/// values are walked character by character (`CharacterWalk`), each non-ASCII character looked
/// up in the full table of `CaseMapping` — exact for every character Unicode 15 maps.
enum CaseFolding {
    static func lower(_ value: SQLiteExpression, alias: String) -> SQLiteExpression { fold(value, lowering: true, alias: alias) }
    static func upper(_ value: SQLiteExpression, alias: String) -> SQLiteExpression { fold(value, lowering: false, alias: alias) }

    /// The non-ASCII mappings as two strings of equal length in characters: `substr(to,
    /// instr(from, c), 1)` folds the character c.
    static func lookupStrings(lowering: Bool) -> (from: String, to: String) {
        lowering ? lowerStrings : upperStrings
    }

    private static let lowerStrings = strings(CaseMapping.lowercase)
    private static let upperStrings = strings(CaseMapping.uppercase)

    private static func strings(_ mapping: [UInt32: UInt32]) -> (from: String, to: String) {
        let pairs = mapping.filter { $0.key >= 0x80 }.sorted { $0.key < $1.key }
        return (pairs.map { string($0.key) }.joined(), pairs.map { string($0.value) }.joined())
    }

    /// One character folded: ASCII by SQLite's function, the rest by the table.
    static func foldCharacter(_ character: SQLiteExpression, lowering: Bool) -> SQLiteExpression {
        let (from, to) = lookupStrings(lowering: lowering)
        let ascii = SQLiteExpression.call(lowering ? "lower" : "upper", character)
        return .when(.binary(.call("unicode", character), "<", .integer(128)), then: ascii,
                     else: CharacterWalk.lookup(character, from: .text(from), to: .text(to), otherwise: character))
    }

    private static func fold(_ value: SQLiteExpression, lowering: Bool, alias: String) -> SQLiteExpression {
        let isASCII = SQLiteExpression.binary(.call("length", value), "=", .call("length", .cast(value, as: "BLOB")))
        let walk = CharacterWalk.subquery(over: value, alias: alias) { foldCharacter($0.character, lowering: lowering) }
        return .when(isASCII, then: .call(lowering ? "lower" : "upper", value), else: walk)
    }

    static func string(_ value: UInt32) -> String {
        Unicode.Scalar(value).map { String(Character($0)) } ?? ""
    }
}
