/// The SQL being translated, for turning parser byte offsets into line:column and carets.
public struct SourceText: Sendable {
    public let text: String
    private let utf8: [UInt8]

    public init(_ text: String) {
        self.text = text
        self.utf8 = Array(text.utf8)
    }

    /// 1-based line and column (in characters) of a UTF-8 byte offset.
    public func position(ofByte offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        let end = min(max(offset, 0), utf8.count)
        for index in 0..<end where utf8[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: utf8[lineStart..<end], as: UTF8.self).count + 1
        return (line, column)
    }

    /// The text of the given 1-based line.
    public func line(_ number: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard number >= 1, number <= lines.count else { return "" }
        return String(lines[number - 1])
    }

    /// The first byte offset at or after `offset` that is not whitespace.
    func skippingWhitespace(from offset: Int) -> Int {
        var index = max(0, offset)
        while index < utf8.count, [0x20, 0x09, 0x0A, 0x0D].contains(utf8[index]) { index += 1 }
        return index
    }

    /// The source from a byte offset up to (not including) another.
    func slice(from start: Int, to end: Int) -> String {
        let lower = min(max(start, 0), utf8.count)
        let upper = min(max(end, lower), utf8.count)
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }
}
