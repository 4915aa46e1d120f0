import Foundation
import Testing

@testable import FellowshipCore

/// The shortcuts of issue #12 for many margins at once (`CloneClasses`, `ValueDominance`,
/// `MarginWork`) against exhaustive enumeration on small random instances and against the
/// plain conditioned computation (`MarginCalculator.compute`, one candidate at a time) on
/// generated meetings, budget shares 0.4 to 0.7 included.
@Suite("Margin shortcuts: clones, value dominance, shared allocations")
struct MarginShortcutTests {
    /// Margins from `MarginWork` for every candidate and the plain one-by-one margins.
    static func both(
        _ problem: AllocationProblem, published: Allocation, optimum: Double, base: AllocationModel.Conditions = .init()
    ) throws -> (work: [MarginResult], plain: [MarginResult]) {
        let work = MarginWork(
            problem: problem, published: published, optimum: optimum, policy: Policy(), runExact: true,
            base: base)
        let fast = try work.margins(of: Array(problem.candidates.indices))
        let plain = try problem.candidates.indices.map {
            try MarginCalculator.compute(
                rank: $0, problem: problem, published: published, optimum: optimum,
                policy: Policy(), runExact: true, base: base)
        }
        return (fast, plain)
    }

    static func expectSame(
        _ fast: MarginResult, _ plain: MarginResult, problem: AllocationProblem, optimum: Double,
        base: AllocationModel.Conditions,
        _ note: String
    ) {
        #expect(fast.rank == plain.rank, "\(note)")
        #expect(fast.margin.kind == plain.margin.kind, "\(note)")
        #expect(fast.margin.isExact == plain.margin.isExact, "\(note)")
        switch (fast.margin.value, plain.margin.value) {
        case (nil, nil):
            #expect(fast.alternative == nil, "\(note)")
        case (let a?, let b?):
            #expect(abs(a - b) <= 1e-6 * max(1, abs(optimum)), "\(note): margin \(a) against \(b) solved alone")
            guard let alternative = fast.alternative else {
                Issue.record("\(note): no alternative allocation")
                return
            }
            #expect(problem.isFeasible(alternative), "\(note): the alternative is not feasible")
            #expect(base.areMet(by: alternative), "\(note): the alternative breaks the run's conditions")
            #expect(
                (alternative[fast.rank] != nil) == (fast.margin.kind == .toBeAwarded),
                "\(note): the alternative ignores the condition")
            #expect(
                abs(problem.value(of: alternative) - (fast.margin.alternativeOptimum ?? .nan)) <= 1e-6
                    * max(1, abs(optimum)),
                "\(note): the alternative is not worth the alternative optimum")
        default:
            Issue.record(
                "\(note): margin \(String(describing: fast.margin.value)) against \(String(describing: plain.margin.value)) solved alone"
            )
        }
    }

    @Test("clones and value dominance are what the proofs say, on random instances")
    func relations() {
        var clones = 0
        var dominations = 0
        for seed in UInt64(1)...200 {
            let problem = RandomProblems.make(seed: seed)
            let dominance = ValueDominance(problem: problem)
            for a in problem.candidates {
                for b in problem.candidates where a.rank != b.rank {
                    let isClone = CloneClasses.areClones(a, b)
                    // Clones dominate each other in value; mutual dominance makes clones.
                    #expect(isClone == (ValueDominance.dominates(a, b) && ValueDominance.dominates(b, a)))
                    #expect(dominance.dominators[a.rank].contains(b.rank) == ValueDominance.dominates(b, a))
                    if isClone { clones += 1 }
                    if ValueDominance.dominates(b, a) && !isClone { dominations += 1 }
                    // Inside a country, rank dominance is value dominance by an earlier candidate.
                    #expect(Dominance.dominates(b, a) == (b.rank < a.rank && ValueDominance.dominates(b, a)))
                }
            }
        }
        #expect(clones >= 20)
        #expect(dominations >= 100)
    }

    @Test(
        "exact symmetry: clones of the same status have the same V* under their conditions (enumeration)",
        arguments: Array(UInt64(1)...120))
    func clonesHaveEqualOptima(seed: UInt64) {
        let problem = RandomProblems.make(seed: seed)
        let reference = MarginBruteForceTests.enumerate(problem)
        let dominance = ValueDominance(problem: problem)
        for a in problem.candidates {
            for b in problem.candidates where CloneClasses.areClones(a, b) {
                #expect(
                    reference.with[a.rank] == reference.with[b.rank],
                    "seed \(seed): clones \(a.rank), \(b.rank) awarded")
                #expect(
                    reference.without[a.rank] == reference.without[b.rank],
                    "seed \(seed): clones \(a.rank), \(b.rank) not awarded")
            }
            // Value dominance: V*(a awarded) ≤ V*(b awarded), V*(b not awarded) ≤ V*(a not awarded).
            for b in dominance.dominators[a.rank] {
                if let with = reference.with[a.rank] {
                    #expect(with <= reference.with[b]! + 1e-9, "seed \(seed): \(b) dominates \(a.rank), awarded")
                }
                if let without = reference.without[b] {
                    #expect(
                        without <= reference.without[a.rank]! + 1e-9,
                        "seed \(seed): \(b) dominates \(a.rank), not awarded")
                }
            }
        }
    }

    @Test(
        "margins through clone classes equal enumeration and the plain computation (small random instances)",
        arguments: Array(UInt64(1)...150))
    func smallAgainstEnumeration(seed: UInt64) throws {
        let problem = RandomProblems.make(seed: seed)
        let published = try MarginBruteForceTests.publish(problem)
        let reference = MarginBruteForceTests.enumerate(problem)
        let (fast, plain) = try Self.both(problem, published: published.allocation, optimum: published.value)
        for rank in problem.candidates.indices {
            Self.expectSame(
                fast[rank], plain[rank], problem: problem, optimum: published.value, base: .init(),
                "seed \(seed) rank \(rank)")
            let awarded = published.allocation[rank] != nil
            let expected = MarginBruteForceTests.expectedMargin(
                optimum: published.value, alternative: awarded ? reference.without[rank] : reference.with[rank])
            if let expected, let margin = fast[rank].margin.value {
                #expect(
                    abs(margin - expected) <= 1e-6 * max(1, abs(published.value)),
                    "seed \(seed) rank \(rank): enumeration \(expected)")
            } else {
                #expect(expected == nil && fast[rank].margin.value == nil, "seed \(seed) rank \(rank)")
            }
        }
        // With half the margins known (as a store holds them), the others come out exactly as
        // when nothing was known: value and alternative allocation (what an explanation shows
        // must not depend on which margins happened to be stored first).
        let work = MarginWork(
            problem: problem, published: published.allocation, optimum: published.value, policy: Policy(),
            runExact: true, base: .init())
        var known: [Int: MarginResult] = [:]
        for margin in fast where margin.rank % 2 == 0 { known[margin.rank] = margin }
        let later = try work.margins(of: Array(problem.candidates.indices), known: known)
        for rank in problem.candidates.indices where rank % 2 == 1 {
            #expect(later[rank].margin.value == fast[rank].margin.value, "seed \(seed) rank \(rank) with half known")
            #expect(later[rank].alternative == fast[rank].alternative, "seed \(seed) rank \(rank) with half known")
        }
    }

    @Test(
        "under a reallocation's conditions: pinned candidates stay out of classes, margins equal the plain computation",
        arguments: Array(UInt64(1)...40))
    func underBaseConditions(seed: UInt64) throws {
        let problem = RandomProblems.make(seed: seed)
        guard let (base, published, optimum) = try MarginBruteForceTests.reallocation(problem) else { return }
        let classes = CloneClasses(problem: problem, published: published, base: base)
        for rank in base.excluded.union(base.fixed.keys) { #expect(classes.representative[rank] == nil) }
        let (fast, plain) = try Self.both(problem, published: published, optimum: optimum, base: base)
        for rank in problem.candidates.indices {
            Self.expectSame(
                fast[rank], plain[rank], problem: problem, optimum: optimum, base: base, "seed \(seed) rank \(rank)")
        }
    }

    @Test(
        "generated meetings, budget shares 0.4 to 0.7: every margin equals the plain conditioned computation",
        arguments: [(60, UInt64(31), 0.4), (80, 32, 0.55), (70, 33, 0.7), (90, 34, 0.6)])
    func generatedRegime(count: Int, seed: UInt64, share: Double) throws {
        let result = try GeneratedRuns.regimeResult(count: count, seed: seed, share: share)
        let problem = result.problem
        let (fast, plain) = try Self.both(problem, published: result.allocation, optimum: result.value)
        for rank in problem.candidates.indices {
            Self.expectSame(
                fast[rank], plain[rank], problem: problem, optimum: result.value, base: .init(),
                "seed \(seed) rank \(rank)")
        }
    }

    @Test("the margins do not depend on which margins were known before (stored), nor on thread timing")
    func independentOfWhatIsKnown() throws {
        let result = try GeneratedRuns.regimeResult(count: 70, seed: 35, share: 0.5)
        let work = MarginWork(result: result, base: .init())
        let all = Array(result.problem.candidates.indices)
        let once = try work.margins(of: all)
        let again = try work.margins(of: all)
        #expect(once.map(\.margin.value) == again.map(\.margin.value))
        #expect(once.map(\.alternative) == again.map(\.alternative))
        // Half of them known first (as a store would have them): the same margins.
        var known: [Int: MarginResult] = [:]
        for margin in once where margin.rank % 2 == 1 { known[margin.rank] = margin }
        let resumed = try work.margins(of: all, known: known)
        for (a, b) in zip(once, resumed) {
            #expect(
                a.margin.value.map { ($0 * 1e6).rounded() } == b.margin.value.map { ($0 * 1e6).rounded() },
                "rank \(a.rank)")
            // And the same alternative allocation: an explanation reads the same whenever asked.
            #expect(a.alternative == b.alternative, "rank \(a.rank)")
        }
    }

    @Test(
        "a waitlist candidate with as many earlier not-awarded value-dominators as places asked for is never computed")
    func waitlistSkipsDominated() throws {
        let result = try GeneratedRuns.regimeResult(count: 120, seed: 36, share: 0.5)
        let full = try Explainer.waitlistEntries(result)
        let dominance = ValueDominance(problem: result.problem)
        let waiting = Set(full.map(\.rank))
        for limit in [1, 3, 10] {
            let counter = WaitlistSearchTests.Counter()
            let top = try WaitlistSearchTests.top(limit, result, counter: counter)
            WaitlistSearchTests.expectPrefix(top, of: full, "top \(limit)")
            for rank in counter.ranks {
                #expect(
                    dominance.dominators[rank].filter { waiting.contains($0) && $0 < rank }.count < limit,
                    "top \(limit): rank \(rank) was computed although dominated")
            }
        }
    }
}
