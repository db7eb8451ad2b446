/// PostgreSQL's per-character case mapping on a UTF-8 database: `lower()`, `upper()`, `ILIKE`
/// and case-insensitive regular expressions fold one code point at a time through the C
/// library's `towlower`/`towupper`, i.e. Unicode's *simple* case mappings (İ → i, ß stays ß).
///
/// The tables are derived from Swift's Unicode properties, limited to characters (and targets)
/// assigned by Unicode 15.0 — the version glibc 2.36+ uses; a unit test checks them against a
/// live PostgreSQL for every code point. Swift only exposes *full* mappings, so the simple ones
/// are recovered: a one-scalar full mapping is the simple one; otherwise the uppercase falls
/// back to a one-scalar titlecase (ᾀ → ᾈ) or the character itself (ß), and the lowercase to
/// its first scalar (İ → i).
enum CaseMapping {
    /// Code point ranges that hold every character with a case mapping (the unit test scans all
    /// scalars to prove nothing is missed).
    static let casedBlocks: [ClosedRange<UInt32>] = [
        0x0000...0x058F, 0x10A0...0x10FF, 0x13A0...0x13FF, 0x1C80...0x1CBF, 0x1D00...0x1FFF,
        0x2100...0x218F, 0x24B0...0x24FF, 0x2C00...0x2D2F, 0xA640...0xA7FF, 0xAB50...0xABBF,
        0xFB00...0xFB1F, 0xFF20...0xFF5F, 0x10400...0x104FF, 0x10570...0x105BF, 0x10C80...0x10CFF,
        0x118A0...0x118DF, 0x16E40...0x16E7F, 0x1E900...0x1E95F,
    ]

    /// Character → simple lowercase, for characters that change.
    static let lowercase: [UInt32: UInt32] = table(lower: true)
    /// Character → simple uppercase, for characters that change.
    static let uppercase: [UInt32: UInt32] = table(lower: false)

    /// Simple lowercase of one character (itself when it has none).
    static func lower(_ value: UInt32) -> UInt32 { lowercase[value] ?? value }
    static func upper(_ value: UInt32) -> UInt32 { uppercase[value] ?? value }

    /// Lowercase → every character whose lowercase it is (including itself).
    private static let lowercaseClasses: [UInt32: [UInt32]] = {
        var classes: [UInt32: [UInt32]] = [:]
        for (character, lowered) in lowercase.sorted(by: { $0.key < $1.key }) {
            classes[lowered, default: [lowered]].append(character)
        }
        return classes
    }()

    /// The characters `c` matches under ILIKE: those with the same simple lowercase
    /// (`k` → k, K, U+212A KELVIN SIGN; `ß` → ß, ẞ). PostgreSQL's ILIKE on a multibyte database
    /// is `lower(string) LIKE lower(pattern)`.
    static func sameLowercase(_ value: UInt32) -> [UInt32] {
        let lowered = lower(value)
        return lowercaseClasses[lowered] ?? [lowered]
    }

    /// The characters a pattern character matches in a case-insensitive regular expression:
    /// PostgreSQL's regex compiler replaces it by {lower(c), upper(c)} (regc_locale.c `allcases`),
    /// so `'K' ~* 'k'` but not U+212A.
    static func regexCases(_ value: UInt32) -> [UInt32] {
        let lowered = lower(value), uppered = upper(value)
        return lowered == uppered ? [lowered] : [lowered, uppered]
    }

    /// Non-ASCII letters with a case mapping either way (they are alphanumeric for any C library).
    static let casedLetters: ScalarSet = ScalarSet(scalars: (lowercase.flatMap { [$0.key, $0.value] } + uppercase.flatMap { [$0.key, $0.value] })
        .filter { value in
            guard value >= 0x80, let scalar = Unicode.Scalar(value) else { return false }
            return [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter].contains(scalar.properties.generalCategory)
        })

    /// The Unicode version of the tables (the `age` of both sides of a mapping).
    static let unicodeVersion = (major: 15, minor: 0)

    private static func table(lower: Bool) -> [UInt32: UInt32] {
        var mapping: [UInt32: UInt32] = [:]
        for block in casedBlocks {
            for value in block {
                guard let scalar = Unicode.Scalar(value), let mapped = simpleMapping(scalar, lower: lower),
                      mapped != value, isCovered(scalar), Unicode.Scalar(mapped).map(isCovered) == true else { continue }
                mapping[value] = mapped
            }
        }
        return mapping
    }

    /// The simple case mapping of one scalar, recovered from Swift's full mappings.
    static func simpleMapping(_ scalar: Unicode.Scalar, lower: Bool) -> UInt32? {
        let properties = scalar.properties
        if lower {
            guard properties.changesWhenLowercased else { return nil }
            return properties.lowercaseMapping.unicodeScalars.first?.value
        }
        guard properties.changesWhenUppercased else { return nil }
        let full = Array(properties.uppercaseMapping.unicodeScalars)
        if full.count == 1 { return full[0].value }
        let title = Array(properties.titlecaseMapping.unicodeScalars)
        return title.count == 1 ? title[0].value : nil
    }

    private static func isCovered(_ scalar: Unicode.Scalar) -> Bool {
        guard let age = scalar.properties.age else { return false }
        return (age.major, age.minor) <= unicodeVersion
    }
}
