import BifrostSchema
import Foundation
import Testing

@Suite struct JSONValueTests {
    @Test func parsesWhatJSONDecoderParses() throws {
        let text = #"{"a": [1, -2.5e3, true, false, null, "x\"\\\/\n\u00e9\ud83d\udd10"], "b": {}, "c": []}"#
        let fast = try JSONValue.parse(text)
        let reference = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(fast == reference)
        #expect(fast["a"] == .array([.number(1), .number(-2500), .bool(true), .bool(false), .null, .string("x\"\\/\né🔐")]))
    }

    @Test func rejectsBrokenJSONWithItsPlace() {
        let error = #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(#"{"a": [1, 2}"#) }
        #expect(error?.offset == 11)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse("[1] x") }
    }
}
