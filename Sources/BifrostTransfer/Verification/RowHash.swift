/// A 64-bit hash of a canonical row's bytes, eight bytes at a time in four independent
/// lanes (multiply, rotate and xor per word), the lanes folded in order and finished with
/// MurmurHash3's 64-bit finalizer. Both sides of a verification hash with it; it guards
/// against accidents, not adversaries.
enum RowHash {
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15 ^ UInt64(count), 0x6A09_E667_F3BC_C908,
                                                      0xBB67_AE85_84CA_A73B, 0x3C6E_F372_FE94_F82B)
        var offset = 0
        func word(_ at: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        while offset + 32 <= count {
            lanes.0 = mix(lanes.0, word(offset))
            lanes.1 = mix(lanes.1, word(offset + 8))
            lanes.2 = mix(lanes.2, word(offset + 16))
            lanes.3 = mix(lanes.3, word(offset + 24))
            offset += 32
        }
        var state = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
        while offset + 8 <= count {
            state = mix(state, word(offset))
            offset += 8
        }
        if offset < count {
            // The last bytes padded with zeros; the length, hashed first, tells the padding apart.
            var tail: UInt64 = 0
            withUnsafeMutableBytes(of: &tail) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset...])) }
            state = mix(state, UInt64(littleEndian: tail))
        }
        return finalize(state)
    }

    @inline(__always)
    private static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
        var word = word &* 0x87C3_7B91_1142_53D5
        word = (word << 31 | word >> 33) &* 0x4CF5_AD43_2745_937F
        let state = state ^ word
        return (state << 27 | state >> 37) &* 5 &+ 0x52DC_E729
    }

    @inline(__always)
    private static func finalize(_ state: UInt64) -> UInt64 {
        var state = state
        state ^= state >> 33
        state = state &* 0xFF51_AFD7_ED55_8CCD
        state ^= state >> 33
        state = state &* 0xC4CE_B9FE_1A85_EC53
        state ^= state >> 33
        return state
    }
}

/// A multiset checksum: the wrapping sum of the rows' hashes, so row order does not matter
/// but every value, and the split between fields, does.
struct RowChecksum {
    private(set) var sum: UInt64 = 0

    mutating func add(_ row: CanonicalRow) {
        sum = sum &+ row.hash
    }

    var hex: String { Self.hex(sum) }

    static func hex(_ sum: UInt64) -> String {
        let digits = String(sum, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
