/// Hostile variants of an input file for the fuzz suites (issue #11, point 15): flipped
/// bytes, stray quotes and line breaks, other encodings, huge fields, deep JSON, cut-off
/// files. Seeded, so that a failing case can be replayed from its number.
public struct InputMutator {
    /// SplitMix64: small, fast, and the same on every platform.
    public struct Random {
        public var state: UInt64

        public init(state: UInt64) { self.state = state }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        public mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
    }

    public static let kinds = [
        "flip", "quote", "linebreak", "utf16", "latin1", "invalid-utf8", "huge-field", "deep-json",
        "truncate", "duplicate-line", "nul", "bom", "empty", "delete-line",
    ]

    /// Case `number` of `bytes`: the mutation's name and the mutated bytes.
    public static func mutate(_ bytes: [UInt8], case number: Int) -> (kind: String, bytes: [UInt8]) {
        var random = Random(state: UInt64(number) &* 0x1234_5678_9ABC_DEF1 &+ 17)
        let kind = kinds[number % kinds.count]
        var out = bytes
        func position() -> Int { random.below(max(1, out.count)) }
        switch kind {
        case "flip":
            for _ in 0..<(1 + random.below(8)) where !out.isEmpty {
                out[position()] = UInt8(truncatingIfNeeded: random.next())
            }
        case "quote":
            for _ in 0..<(1 + random.below(4)) { out.insert(UInt8(ascii: "\""), at: position()) }
        case "linebreak":
            let breaks: [[UInt8]] = [[13], [10], [13, 10], [10, 10], [0xE2, 0x80, 0xA8]]
            for _ in 0..<(1 + random.below(4)) {
                out.insert(contentsOf: breaks[random.below(breaks.count)], at: position())
            }
        case "utf16":
            out =
                [0xFF, 0xFE]
                + String(decoding: bytes, as: UTF8.self).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case "latin1":
            out = bytes.map { $0 == UInt8(ascii: "e") ? 0xE9 : $0 }
        case "invalid-utf8":
            out.insert(
                contentsOf: [[0xC3], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]][random.below(4)],
                at: position())
        case "huge-field":
            out.insert(
                contentsOf: [UInt8](repeating: UInt8(ascii: "x"), count: 200_000 + random.below(200_000)),
                at: position())
        case "deep-json":
            let depth = 10 + random.below(5000)
            out =
                [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8(ascii: "1")]
                + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
            if random.below(2) == 0 {
                out = Array("{\"id\": ".utf8) + out + Array("}".utf8)
            }
        case "truncate":
            out = Array(out.prefix(position()))
        case "duplicate-line":
            var lines = out.split(separator: 10, omittingEmptySubsequences: false)
            if !lines.isEmpty { lines.insert(lines[random.below(lines.count)], at: random.below(lines.count)) }
            out = Array(lines.joined(separator: [10]))
        case "nul":
            for _ in 0..<(1 + random.below(3)) { out.insert(0, at: position()) }
        case "bom":
            out = [0xEF, 0xBB, 0xBF] + out
        case "empty":
            out = random.below(2) == 0 ? [] : [10, 10]
        default:  // delete-line
            var lines = out.split(separator: 10, omittingEmptySubsequences: false)
            if !lines.isEmpty { lines.remove(at: random.below(lines.count)) }
            out = Array(lines.joined(separator: [10]))
        }
        return (kind, out)
    }
}
