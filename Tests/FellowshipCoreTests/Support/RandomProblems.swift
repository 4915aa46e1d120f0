@testable import FellowshipCore

/// A small deterministic PRNG for tests (SplitMix64), so failures reproduce by seed.
struct TestRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }
}

/// Random small allocation problems with many ties, for the brute-force cross-checks.
enum RandomProblems {
    static func make(seed: UInt64, maxCandidates: Int = 10, maxCountries: Int = 5) -> AllocationProblem {
        var random = TestRandom(seed: seed)
        let countryCount = random.int(1...maxCountries)
        let countryRegions = (0..<countryCount).map { _ in random.pick(Array(Region.allCases.prefix(4))) }
        let candidateCount = random.int(1...maxCandidates)
        // Few distinct scores and costs, so ties are common and the tie rule is exercised.
        let scoreSet: [Double] = random.chance(0.3) ? [10, 12.5, 13, 16] : [10, 13, 16]
        let dsaCost = Money(cents: Int64(random.pick([2000, 3840, 4000])) * 100)
        var candidates: [Candidate] = []
        for rank in 0..<candidateCount {
            let country = random.int(0...(countryCount - 1))
            let request = random.pick([FellowshipRequest.ticket, .dsa, .either, .either])
            let ticket = Money(
                cents: Int64(random.pick([800, 1200, 1500, 2000, 3840, 4100])) * 100 + Int64(random.pick([0, 0, 37])))
            candidates.append(
                Candidate(
                    applicationIndex: rank, id: "A\(rank)", rank: rank, country: country,
                    region: countryRegions[country], isFemale: random.chance(0.45), score: random.pick(scoreSet),
                    ticketCost: request == .dsa ? nil : ticket, dsaCost: request == .ticket ? nil : dsaCost))
        }
        let used = Set(candidates.map(\.country))
        var shares: [Region: Double] = [:]
        if random.chance(0.7) {
            for k in used { shares[countryRegions[k], default: 0] += 1 / Double(used.count) }
        } else {
            shares = [.AFR: 0.4, .ASP: 0.25]
        }
        return AllocationProblem(
            candidates: candidates, countries: (0..<countryCount).map { "C\($0)" }, countryRegions: countryRegions,
            budget: Money(cents: Int64(random.int(0...16)) * 100_000 + Int64(random.pick([0, 0, 50]))),
            countryCap: random.pick([1, 2, 2, 2, 3]), maxDSAPerCountry: random.pick([0, 1, 1, 2]),
            genderTarget: random.pick([0, 0.5, 0.5, 0.3]), regionShares: shares,
            coverageWeight: random.pick([0, 5, 5, 2.5]), regionShortfallWeight: random.pick([0, 6, 6, 13]),
            genderShortfallWeight: random.pick([0, 6, 6, 11]))
    }
}
