/// PostgreSQL's regex character classes on a UTF-8 database with the C.UTF-8 locale, as
/// measured on every code point (`TextTests.characterClassesMatchPostgreSQL`): `[[:digit:]]`
/// and `\d` are ASCII digits only; `[[:alnum:]]` is glibc's `iswalnum` (`CharacterClassTables`);
/// `[[:alpha:]]` is that without the ASCII digits; `\w`/`[[:word:]]` adds `_`; `\s`/`[[:space:]]`
/// are the 21 characters below. Other classes (upper, lower, punct, …) are not tabulated.
enum RegexClasses {
    static let digit = ScalarSet([0x30...0x39])
    static let alpha = ScalarSet([0x41...0x5A, 0x61...0x7A] + CharacterClassTables.nonASCIIAlphanumeric)
    static let alphanumeric = ScalarSet(digit.ranges + alpha.ranges)
    static let word = ScalarSet(alphanumeric.ranges + [0x5F...0x5F])
    static let space = ScalarSet([0x09...0x0D, 0x20...0x20, 0x1680...0x1680, 0x2000...0x2006, 0x2008...0x200A,
                                  0x2028...0x2029, 0x205F...0x205F, 0x3000...0x3000])
    static let hexDigit = ScalarSet([0x30...0x39, 0x41...0x46, 0x61...0x66])

    /// The set of `[[:name:]]`, nil when it is not tabulated.
    static func named(_ name: String) -> ScalarSet? {
        ["digit": digit, "alpha": alpha, "alnum": alphanumeric, "word": word, "space": space, "xdigit": hexDigit][name]
    }
}
