import FellowshipCore

/// A seeded pseudo-random generator whose output is the same on every machine and every
/// Swift version: xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64.
///
/// Everything the sample generator draws goes through the methods below, which use only
/// integer arithmetic and exact conversions. The standard library's `random(in:using:)`,
/// `shuffled(using:)` and `randomElement(using:)` are deliberately not used: their
/// algorithms are not part of any stability guarantee, so a new Swift release could change
/// the bundled sample data.
struct SeededRandom {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    /// A generator for an independent purpose, derived from this one's seed and a label, so
    /// that drawing more or fewer values for one purpose does not shift another.
    init(seed: UInt64, stream: UInt64) {
        self.init(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    }

    private static func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = Self.rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = Self.rotateLeft(state.3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (unbiased: rejection of the short last interval).
    mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "empty range")
        let range = UInt64(bound)
        let threshold = (0 &- range) % range
        while true {
            let value = next()
            if value >= threshold { return Int(value % range) }
        }
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// A uniform `Double` in `[0, 1)`: the top 53 bits, scaled exactly.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with probability `permille / 1000`.
    mutating func chance(permille: Int) -> Bool {
        int(below: 1000) < permille
    }

    /// A uniformly chosen element.
    mutating func pick<T>(_ items: [T]) -> T {
        items[int(below: items.count)]
    }

    /// An index chosen with probability proportional to its (non-negative) weight.
    mutating func index(weights: [Int]) -> Int {
        var total = 0
        for weight in weights { total += max(0, weight) }
        precondition(total > 0, "no positive weight")
        var target = int(below: total)
        for (index, weight) in weights.enumerated() where weight > 0 {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1  // not reached
    }

    /// `count` distinct indices of `0..<population`, in the order drawn (partial
    /// Fisher-Yates on an index table).
    mutating func sample(_ count: Int, of population: Int) -> [Int] {
        let take = min(max(0, count), population)
        var table = Array(0..<population)
        for position in 0..<take {
            let other = position + int(below: population - position)
            table.swapAt(position, other)
        }
        return Array(table[0..<take])
    }
}

/// A table for drawing indices by integer weight many times: cumulative sums and a binary
/// search, so each draw costs O(log n).
struct WeightedTable {
    private let cumulative: [Int]
    let total: Int

    init(weights: [Int]) {
        var running = 0
        var sums: [Int] = []
        sums.reserveCapacity(weights.count)
        for weight in weights {
            running += max(0, weight)
            sums.append(running)
        }
        cumulative = sums
        total = running
    }

    var isEmpty: Bool { total == 0 }

    func draw(_ random: inout SeededRandom) -> Int {
        precondition(total > 0, "no positive weight")
        let target = random.int(below: total)
        // The first index whose cumulative sum exceeds target.
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
