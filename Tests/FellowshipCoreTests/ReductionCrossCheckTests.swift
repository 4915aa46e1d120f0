import Testing

@testable import FellowshipCore

/// Dominance inside a country (docs/performance.md) and the count-by-count search must keep
/// V* of the full model and exchange stability. Checked against exhaustive enumeration and
/// against one solve of the plain, unreduced model, on random instances where dominance
/// actually sets candidates aside.
@Suite("Reductions cross-check")
struct ReductionCrossCheckTests {
    static let seeds: [UInt64] = Array(1...160)

    /// Small instances with few countries and repeated costs, so that dominance bites.
    static func instance(_ seed: UInt64) -> AllocationProblem {
        RandomProblems.make(seed: seed &* 7919 &+ 17, maxCandidates: 11, maxCountries: 2)
    }

    @Test(
        "the reduced problem has the full optimum; the tie rule on it is the tie rule on the full problem",
        arguments: seeds)
    func reductionIsExact(seed: UInt64) throws {
        let problem = Self.instance(seed)
        let expected = try #require(BruteForce.optimum(problem))
        let reduced = ReducedProblem(problem)
        // The reduction alone, by enumeration: same V*.
        let reducedOptimum = try #require(BruteForce.optimum(reduced.problem))
        #expect(abs(reducedOptimum - expected) <= 1e-9 * max(1, abs(expected)), "seed \(seed)")

        // The plain, unreduced model solved once, and the count-by-count search: same V*.
        var policy = Policy()
        policy.solver.timeLimitSeconds = 60
        let plain = try #require(try Allocator.solveModel(problem, policy: policy, conditions: .init(), incumbent: nil))
        let searched = try #require(try Allocator.solve(problem, policy: policy))
        #expect(plain.status == .optimal && searched.status == .optimal)
        #expect(abs(problem.value(of: plain.allocation) - expected) <= 1e-6 * max(1, abs(expected)))
        #expect(abs(problem.value(of: searched.allocation) - expected) <= 1e-6 * max(1, abs(expected)))
        #expect(abs(searched.bound - expected) <= 1e-6 * max(1, abs(expected)))

        // The tie rule over the kept candidates gives what it gives over everyone.
        let value = problem.value(of: searched.allocation)
        let restricted = try #require(reduced.restrict(searched.allocation))
        let onReduced = reduced.expand(
            ExchangeStabilizer.stabilize(restricted, problem: reduced.problem, optimum: value))
        let onFull = ExchangeStabilizer.stabilize(searched.allocation, problem: problem, optimum: value)
        #expect(onReduced == onFull, "seed \(seed)")
        #expect(BruteForce.isExchangeStable(problem, onReduced, optimum: expected), "seed \(seed)")

        // Theorem 2 from another start: any optimum of the reduced problem, made stable there,
        // is exchange-stable in the full problem.
        var first: Allocation?
        BruteForce.forEachFeasible(reduced.problem) { allocation in
            if first == nil
                && abs(BruteForce.referenceValue(reduced.problem, allocation) - expected) <= 1e-9
                    * max(1, abs(expected))
            {
                first = allocation
            }
        }
        let start = try #require(first)
        let stable = reduced.expand(ExchangeStabilizer.stabilize(start, problem: reduced.problem, optimum: expected))
        #expect(BruteForce.referenceFeasible(problem, stable))
        #expect(BruteForce.isExchangeStable(problem, stable, optimum: expected), "seed \(seed)")
    }

    @Test("under a margin's condition the reduction keeps the conditioned optimum", arguments: Array(seeds.prefix(80)))
    func conditionedReductionIsExact(seed: UInt64) throws {
        let problem = Self.instance(seed)
        var policy = Policy()
        policy.solver.timeLimitSeconds = 60
        for rank in problem.candidates.indices {
            for conditions in [AllocationModel.Conditions(awarded: [rank]), .init(excluded: [rank])] {
                let expected = BruteForce.optimum(problem) { conditions.areMet(by: $0) }
                let reduced = ReducedProblem(problem, conditions: conditions)
                let onReduced = BruteForce.optimum(reduced.problem) { reduced.conditions.areMet(by: $0) }
                #expect(
                    expected == nil
                        ? onReduced == nil : abs((onReduced ?? .nan) - expected!) <= 1e-9 * max(1, abs(expected!)),
                    "seed \(seed) rank \(rank)")
                let solved = try Allocator.solve(problem, policy: policy, conditions: conditions)
                #expect((solved == nil) == (expected == nil), "seed \(seed) rank \(rank)")
                if let solved, let expected {
                    #expect(conditions.areMet(by: solved.allocation))
                    #expect(
                        abs(problem.value(of: solved.allocation) - expected) <= 1e-6 * max(1, abs(expected)),
                        "seed \(seed) rank \(rank)")
                }
            }
        }
    }

    @Test("larger instances: the search equals one solve of the unreduced model", arguments: Array(UInt64(1)...24))
    func largerAgainstUnreduced(seed: UInt64) throws {
        let problem = RandomProblems.make(seed: seed &+ 50_000, maxCandidates: 70)
        var policy = Policy()
        policy.solver.timeLimitSeconds = 120
        let plain = try #require(try Allocator.solveModel(problem, policy: policy, conditions: .init(), incumbent: nil))
        let searched = try #require(try Allocator.solve(problem, policy: policy))
        #expect(plain.status == .optimal && searched.status == .optimal)
        let expected = problem.value(of: plain.allocation)
        let value = problem.value(of: searched.allocation)
        #expect(problem.isFeasible(searched.allocation))
        #expect(
            abs(value - expected) <= 1e-6 * max(1, abs(expected)), "seed \(seed): \(value) vs unreduced \(expected)")
        let reduced = ReducedProblem(problem)
        if let restricted = reduced.restrict(searched.allocation) {
            let onReduced = reduced.expand(
                ExchangeStabilizer.stabilize(restricted, problem: reduced.problem, optimum: value))
            #expect(onReduced == ExchangeStabilizer.stabilize(searched.allocation, problem: problem, optimum: value))
            #expect(ExchangeStabilizer.isStable(onReduced, problem: problem, optimum: value))
        } else {
            Issue.record("seed \(seed): the search awarded a set-aside candidate")
        }
    }

    /// Guards the cross-checks above: dominance must actually set candidates aside, including
    /// candidates that some optimal allocation of the full problem awards (so the theorems,
    /// not luck, keep the optimum).
    @Test("dominance sets candidates aside on the cross-check instances")
    func dominanceBites() throws {
        var reducedInstances = 0
        var optimalSetAside = 0
        var setAside = 0
        for seed in Self.seeds {
            let problem = Self.instance(seed)
            let dominance = Dominance(problem: problem)
            guard dominance.count > 0 else { continue }
            reducedInstances += 1
            setAside += dominance.count
            guard let optimum = BruteForce.optimum(problem) else { continue }
            var used = false
            BruteForce.forEachFeasible(problem) { allocation in
                if !used && abs(BruteForce.referenceValue(problem, allocation) - optimum) <= 1e-9 * max(1, abs(optimum))
                    && allocation.indices.contains(where: { allocation[$0] != nil && dominance.setAside[$0] })
                {
                    used = true
                }
            }
            if used { optimalSetAside += 1 }
        }
        print(
            "instances \(Self.seeds.count): reduced \(reducedInstances), set aside \(setAside), with an optimum awarding a set-aside candidate \(optimalSetAside)"
        )
        #expect(reducedInstances >= Self.seeds.count / 3)
        #expect(optimalSetAside >= 10)
    }

    @Test("the dominance relation, case by case")
    func relation() {
        func candidate(
            _ rank: Int, country: Int = 0, score: Double = 10, female: Bool = false,
            ticket: Int64? = 1000, dsa: Int64? = nil
        ) -> Candidate {
            Candidate(
                applicationIndex: rank, id: "A\(rank)", rank: rank, country: country, region: .AFR,
                isFemale: female, score: score, ticketCost: ticket.map { Money(cents: $0) },
                dsaCost: dsa.map { Money(cents: $0) })
        }
        let a = candidate(5)
        #expect(Dominance.dominates(candidate(1), a))
        #expect(!Dominance.dominates(candidate(6), a), "must rank earlier")
        #expect(!Dominance.dominates(candidate(1, country: 1), a), "same country only")
        #expect(!Dominance.dominates(candidate(1, score: 9), a), "score at least")
        #expect(!Dominance.dominates(candidate(1, ticket: 1001), a), "no dearer component")
        #expect(!Dominance.dominates(candidate(1, ticket: nil, dsa: 500), a), "must allow every component")
        #expect(Dominance.dominates(candidate(1, female: true), a), "a woman may dominate a man")
        #expect(!Dominance.dominates(candidate(1), candidate(5, female: true)), "a man may not dominate a woman")
        #expect(Dominance.dominates(candidate(1, dsa: 400), candidate(5, ticket: nil, dsa: 400)))
    }
}
