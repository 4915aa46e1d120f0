import Testing

@testable import FellowshipCore

/// MODEL.md section 6 margins against exhaustive enumeration: on small random instances
/// every candidate's margin from `MarginCalculator` (heuristics, the per-count models and
/// GLPK) must equal `V* − V*(condition)` found by enumerating every feasible allocation.
@Suite("Margin brute-force cross-check")
struct MarginBruteForceTests {
    static let seeds: [UInt64] = Array(1...150)

    /// The published allocation as `Allocator.allocate` makes it: GLPK's optimum, stabilised.
    /// A reallocation of `problem`'s published run as the decline path makes one: its first
    /// award declined (excluded), its second kept with its component (fixed), the rest
    /// re-optimised and stabilised under those conditions; nil when fewer than one is awarded.
    static func reallocation(
        _ problem: AllocationProblem
    ) throws -> (base: AllocationModel.Conditions, published: Allocation, optimum: Double)? {
        let first = try publish(problem)
        let awarded = first.allocation.indices.filter { first.allocation[$0] != nil }
        guard let declined = awarded.first else { return nil }
        var base = AllocationModel.Conditions(excluded: [declined])
        for rank in awarded.dropFirst().prefix(1) { base.fixed[rank] = first.allocation[rank]! }
        let solved = try #require(try Allocator.solve(problem, policy: Policy(), conditions: base))
        let published = Allocator.stabilize(solved.allocation, problem: problem, conditions: base)
        return (base, published, problem.value(of: published))
    }

    static func publish(_ problem: AllocationProblem) throws -> (allocation: Allocation, value: Double) {
        let solved = try #require(try Allocator.solve(problem, policy: Policy()))
        let value = problem.value(of: solved.allocation)
        let stable = ExchangeStabilizer.stabilize(solved.allocation, problem: problem, optimum: value)
        return (stable, problem.value(of: stable))
    }

    /// For each rank, the best V with it awarded and with it not awarded (nil: none), in one pass.
    static func enumerate(_ problem: AllocationProblem) -> (with: [Double?], without: [Double?]) {
        var with = [Double?](repeating: nil, count: problem.candidates.count)
        var without = [Double?](repeating: nil, count: problem.candidates.count)
        BruteForce.forEachFeasible(problem) { allocation in
            let value = BruteForce.referenceValue(problem, allocation)
            for rank in allocation.indices {
                if allocation[rank] != nil {
                    if with[rank] == nil || value > with[rank]! { with[rank] = value }
                } else {
                    if without[rank] == nil || value > without[rank]! { without[rank] = value }
                }
            }
        }
        return (with, without)
    }

    static func expectedMargin(optimum: Double, alternative: Double?) -> Double? {
        guard let alternative else { return nil }
        let difference = optimum - alternative
        return difference <= 1e-6 * max(1, abs(optimum)) ? 0 : difference
    }

    func check(_ problem: AllocationProblem, seed: UInt64) throws -> (ties: Int, nils: Int, solved: Int) {
        let published = try Self.publish(problem)
        let reference = Self.enumerate(problem)
        let optimum = try #require(BruteForce.optimum(problem))
        #expect(abs(optimum - published.value) <= 1e-6 * max(1, abs(optimum)))
        var counts = (ties: 0, nils: 0, solved: 0)
        for rank in problem.candidates.indices {
            let result = try MarginCalculator.compute(
                rank: rank, problem: problem, published: published.allocation, optimum: published.value,
                policy: Policy(), runExact: true, base: .init())
            let awarded = published.allocation[rank] != nil
            let alternative = awarded ? reference.without[rank] : reference.with[rank]
            let expected = Self.expectedMargin(optimum: published.value, alternative: alternative)
            #expect(result.margin.kind == (awarded ? .toKeepAward : .toBeAwarded))
            #expect(result.margin.isExact)
            switch (result.margin.value, expected) {
            case (nil, nil):
                counts.nils += 1
                #expect(result.alternative == nil)
            case (let margin?, let expected?):
                #expect(
                    abs(margin - expected) <= 1e-6 * max(1, abs(published.value)),
                    "seed \(seed) rank \(rank): margin \(margin), enumeration \(expected)")
                let allocation = try #require(result.alternative)
                #expect(BruteForce.referenceFeasible(problem, allocation))
                #expect(
                    (allocation[rank] != nil) == !awarded,
                    "seed \(seed) rank \(rank): the alternative ignores the condition")
                #expect(
                    abs(BruteForce.referenceValue(problem, allocation) - alternative!) <= 1e-6 * max(1, abs(optimum)),
                    "seed \(seed) rank \(rank): the alternative is not optimal under the condition")
                if margin == 0 { counts.ties += 1 }
                if result.method == .solved { counts.solved += 1 }
            default:
                Issue.record(
                    "seed \(seed) rank \(rank): margin \(String(describing: result.margin.value)), enumeration \(String(describing: expected))"
                )
            }
        }
        return counts
    }

    @Test("margins equal exhaustive enumeration on small random instances", arguments: seeds)
    func marginsMatchEnumeration(seed: UInt64) throws {
        _ = try check(RandomProblems.make(seed: seed), seed: seed)
    }

    @Test("margins equal exhaustive enumeration on instances of 12 candidates", arguments: Array(UInt64(1001)...1012))
    func largerInstances(seed: UInt64) throws {
        // The first instance of at least 10 candidates from this seed on.
        var next = seed
        var problem = RandomProblems.make(seed: next, maxCandidates: 12)
        while problem.candidates.count < 10 {
            next &+= 7919
            problem = RandomProblems.make(seed: next, maxCandidates: 12)
        }
        _ = try check(problem, seed: seed)
    }

    @Test("the cross-check covers ties, impossible awards and real solves")
    func coverage() throws {
        var total = (ties: 0, nils: 0, solved: 0)
        for seed in Self.seeds.prefix(60) {
            let counts = try check(RandomProblems.make(seed: seed), seed: seed)
            total.ties += counts.ties
            total.nils += counts.nils
            total.solved += counts.solved
        }
        #expect(total.ties >= 20)
        #expect(total.nils >= 5)
        #expect(total.solved >= 100)
    }

    @Test(
        "margins under a reallocation's kept and declined applications equal enumeration",
        arguments: Array(UInt64(1)...40))
    func underBaseConditions(seed: UInt64) throws {
        let problem = RandomProblems.make(seed: seed)
        guard let (base, published, optimum) = try Self.reallocation(problem) else { return }
        func meets(_ allocation: Allocation) -> Bool { base.areMet(by: allocation) }
        #expect(abs(optimum - (BruteForce.optimum(problem, where: meets) ?? .nan)) <= 1e-6 * max(1, abs(optimum)))
        for rank in problem.candidates.indices {
            let result = try MarginCalculator.compute(
                rank: rank, problem: problem, published: published, optimum: optimum, policy: Policy(), runExact: true,
                base: base)
            if base.excluded.contains(rank) || base.fixed[rank] != nil {
                #expect(result.margin.value == nil)
                continue
            }
            let isAwarded = published[rank] != nil
            let alternative = BruteForce.optimum(problem) { allocation in
                meets(allocation) && (allocation[rank] != nil) == !isAwarded
            }
            let expected = Self.expectedMargin(optimum: optimum, alternative: alternative)
            switch (result.margin.value, expected) {
            case (nil, nil): break
            case (let margin?, let expected?):
                #expect(
                    abs(margin - expected) <= 1e-6 * max(1, abs(optimum)),
                    "seed \(seed) rank \(rank): \(margin) vs \(expected)")
                #expect(meets(try #require(result.alternative)))
            default:
                Issue.record(
                    "seed \(seed) rank \(rank): margin \(String(describing: result.margin.value)), enumeration \(String(describing: expected))"
                )
            }
        }
    }

    @Test("no margin when the cheapest component exceeds the budget")
    func unaffordable() throws {
        let problem = AllocationProblem(
            candidates: [
                Candidate(
                    applicationIndex: 0, id: "A", rank: 0, country: 0, region: .AFR, isFemale: true, score: 10,
                    ticketCost: Money(cents: 100_000), dsaCost: nil),
                Candidate(
                    applicationIndex: 1, id: "B", rank: 1, country: 1, region: .ASP, isFemale: false, score: 20,
                    ticketCost: Money(cents: 900_000), dsaCost: Money(cents: 700_000)),
            ],
            countries: ["C0", "C1"], countryRegions: [.AFR, .ASP], budget: Money(cents: 500_000), countryCap: 2,
            maxDSAPerCountry: 1, genderTarget: 0.5, regionShares: [.AFR: 0.5, .ASP: 0.5], coverageWeight: 5,
            regionShortfallWeight: 6, genderShortfallWeight: 6)
        let published = try Self.publish(problem)
        #expect(published.allocation == [.ticket, nil])
        let result = try MarginCalculator.compute(
            rank: 1, problem: problem, published: published.allocation, optimum: published.value, policy: Policy(),
            runExact: true, base: .init())
        #expect(result.margin.value == nil)
        #expect(result.method == .noFeasibleAllocation)
        #expect(MarginCalculator.blockersAlone(problem.candidates[1], in: problem) == [.budget])
        let kept = try MarginCalculator.compute(
            rank: 0, problem: problem, published: published.allocation, optimum: published.value, policy: Policy(),
            runExact: true, base: .init())
        // Without A nothing can be funded: V* - 0.
        #expect(abs(try #require(kept.margin.value) - published.value) < 1e-9)
    }
}
