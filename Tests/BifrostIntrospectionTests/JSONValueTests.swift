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

    struct Sample: Codable, Equatable {
        var name: String
        var maximum: Int64
        var count: Int32
        var ratio: Double?
        var flags: [Bool]
        var tree: JSONValue
    }

    @Test func valueDecoderReadsWhatJSONDecoderReads() throws {
        let sample = Sample(name: "s", maximum: .max, count: -7, ratio: nil, flags: [true, false],
                            tree: .object(["A_Const": .object(["ival": .number(3)])]))
        let data = try JSONEncoder().encode(sample)
        let fast = try JSONValueDecoder().decode(Sample.self, from: try JSONValue.parse(String(decoding: data, as: UTF8.self)))
        #expect(fast == sample)
        #expect(fast == (try JSONDecoder().decode(Sample.self, from: data)))
    }

    @Test func valueDecoderRefusesIntegersADoubleCannotHold() throws {
        let text = #"{"name":"s","maximum":9007199254740993,"count":1,"flags":[],"tree":null}"#
        #expect(throws: JSONValueDecoder.InexactInteger.self) {
            try JSONValueDecoder().decode(Sample.self, from: try JSONValue.parse(text))
        }
        #expect(try JSONDecoder().decode(Sample.self, from: Data(text.utf8)).maximum == 9_007_199_254_740_993)
    }
}
