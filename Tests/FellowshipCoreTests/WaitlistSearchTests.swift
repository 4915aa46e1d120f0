import Foundation
import Testing

@testable import FellowshipCore

/// The first N places of the waitlist found with bounds (`WaitlistSearch`) are exactly the
/// first N of the full waitlist, on small instances checked by enumeration and on generated
/// meetings in several budget regimes.
@Suite("Waitlist by bounds")
struct WaitlistSearchTests {
    /// Counts the margins the search asks for.
    final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var ranks: [Int] = []
        func add(_ more: [Int]) { lock.withLock { ranks += more } }
    }

    /// The first `limit` places, with the tie questions (`TieQuestion`) or margins alone.
    static func top(_ limit: Int, _ result: AllocationResult, counter: Counter? = nil, decidesTies: Bool = false) throws
        -> [WaitlistEntry]
    {
        try WaitlistSearch.top(
            limit, result: result,
            margins: { ranks in
                counter?.add(ranks)
                return try Explainer.margins(of: ranks, result: result)
            }, decidesTies: decidesTies
        ).entries
    }

    static func expectPrefix(_ top: [WaitlistEntry], of full: [WaitlistEntry], _ note: String) {
        #expect(top.map(\.applicant) == full.prefix(top.count).map(\.applicant), "\(note)")
        #expect(top.map(\.margin) == full.prefix(top.count).map(\.margin), "\(note)")
        #expect(top.enumerated().allSatisfy { $0.element.position == $0.offset + 1 }, "\(note)")
    }

    @Test(
        "small instances: every prefix equals the full waitlist, whose margins match enumeration",
        arguments: Array(UInt64(1)...12))
    func smallAgainstBruteForce(seed: UInt64) throws {
        let sources = try GeneratedRuns.sources(
            count: 12, seed: seed, budget: Money(cents: 300_000 + Int64(seed) * 40_000))
        let result = try Allocator.allocate(Screening(inputs: try sources.load()))
        let problem = result.problem
        try #require(problem.candidates.count <= 12)
        let full = try Explainer.waitlistEntries(result)
        let optimum = try #require(BruteForce.optimum(problem))
        for entry in full {
            let alternative = BruteForce.optimum(problem) { $0[entry.rank] != nil }
            let expected = alternative.map { Margin.difference(optimum: optimum, alternative: $0) }
            if let expected, let margin = entry.margin {
                #expect(abs(margin - expected) <= 1e-6 * max(1, abs(optimum)), "seed \(seed) rank \(entry.rank)")
            } else {
                #expect(entry.margin == nil && expected == nil, "seed \(seed) rank \(entry.rank)")
            }
        }
        for limit in 1...max(1, full.count) {
            Self.expectPrefix(try Self.top(limit, result), of: full, "seed \(seed) top \(limit)")
            Self.expectPrefix(
                try Self.top(limit, result, decidesTies: true), of: full, "seed \(seed) top \(limit), ties first")
        }
    }

    @Test(
        "generated meetings, tight to generous budgets: the first N places are exact and need fewer margins",
        arguments: [
            (90, UInt64(21), Int64(2_000_000)), (120, 22, 4_000_000), (150, 23, 8_000_000), (120, 24, 6_000_000),
        ])
    func generatedAgainstFullWaitlist(count: Int, seed: UInt64, budgetCents: Int64) throws {
        let result = try GeneratedRuns.result(count: count, seed: seed, budget: Money(cents: budgetCents))
        let full = try Explainer.waitlistEntries(result)
        try #require(full.count > 20)
        for limit in [1, 5, 20] {
            for decidesTies in [false, true] {
                let counter = Counter()
                let top = try Self.top(limit, result, counter: counter, decidesTies: decidesTies)
                #expect(top.count == limit)
                Self.expectPrefix(top, of: full, "seed \(seed) top \(limit), ties first: \(decidesTies)")
                #expect(Set(counter.ranks).count == counter.ranks.count, "a margin was asked for twice")
                if limit == 1 {
                    #expect(counter.ranks.count < full.count, "seed \(seed): every margin was computed for the top 1")
                }
            }
        }
        // Known (stored) margins are used, not recomputed.
        let known = Dictionary(uniqueKeysWithValues: full.prefix(3).map { ($0.rank, $0.margin) })
        let counter = Counter()
        let top = try WaitlistSearch.top(
            3, result: result, known: known,
            margins: { ranks in
                counter.add(ranks)
                return try Explainer.margins(of: ranks, result: result)
            }
        ).entries
        Self.expectPrefix(top, of: full, "seed \(seed) known")
        #expect(!counter.ranks.contains { known[$0] != nil })
    }

    @Test("many-awards regime, where the first places are ties: exact with the tie questions, and fewer margins")
    func regimeTies() throws {
        var settledByTies = 0
        for (count, seed, share) in [(120, UInt64(41), 0.45), (150, 42, 0.55), (150, 43, 0.65)] {
            let result = try GeneratedRuns.regimeResult(count: count, seed: seed, share: share)
            let full = try Explainer.waitlistEntries(result)
            try #require(full.count > 20)
            let ties = full.prefix(while: { $0.margin == 0 }).count
            for limit in [1, 5, 20] {
                let plain = Counter()
                let withTies = Counter()
                Self.expectPrefix(try Self.top(limit, result, counter: plain), of: full, "seed \(seed) top \(limit)")
                Self.expectPrefix(
                    try Self.top(limit, result, counter: withTies, decidesTies: true), of: full,
                    "seed \(seed) top \(limit), ties first")
                #expect(
                    withTies.ranks.count <= plain.ranks.count,
                    "seed \(seed) top \(limit): more margins with the tie questions")
                if ties >= limit {
                    // The first places are ties: the questions settle them without any margin.
                    #expect(
                        withTies.ranks.isEmpty, "seed \(seed) top \(limit): \(withTies.ranks.count) margins computed")
                    settledByTies += 1
                }
            }
        }
        #expect(settledByTies > 0, "no meeting here has a tie in first place: the check proves little")
    }
}
