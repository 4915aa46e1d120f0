import Testing
@testable import FellowshipCore

/// The solver's optimum in the many-awards regime (issue #12, point 5: budgets at 40 to 70 %
/// of funding every country's `country_cap` cheapest candidates, where the budget and the
/// country caps bind together). The count-by-count search is tuned for speed in this regime
/// (docs/performance.md), so it is cross-checked here against exhaustive enumeration on small
/// random instances and against one plain `glp_intopt` solve of the whole, unreduced model
/// on generated meetings of 60 to 160 applications.
@Suite("Many-awards regime cross-check")
struct RegimeCrossCheckTests {
    /// Budget shares of the regime, cycled over the seeds.
    static let shares: [Double] = [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]

    /// `problem` with its budget set to `share` of funding every country's cap cheapest.
    static func inRegime(_ problem: AllocationProblem, share: Double) -> AllocationProblem {
        var problem = problem
        problem.budget = BudgetRegime.budget(share: share, of: problem)
        return problem
    }

    @Test("small random instances: the search equals enumeration", arguments: Array(UInt64(1)...120))
    func smallAgainstEnumeration(seed: UInt64) throws {
        let base = RandomProblems.make(seed: seed &* 104_729 &+ 3, maxCandidates: 12, maxCountries: 6)
        let problem = Self.inRegime(base, share: Self.shares[Int(seed) % Self.shares.count])
        let (solved, _, expected) = try BruteForceCrossCheckTests.solveAgainstEnumeration(problem, "seed \(seed)")
        #expect(abs(solved.bound - expected) <= 1e-6 * max(1, abs(expected)))
    }

    @Test("generated meetings: the search equals one plain solve of the unreduced model",
          arguments: Array(UInt64(1)...12))
    func generatedAgainstPlainSolve(seed: UInt64) throws {
        let count = 60 + Int(seed % 6) * 20
        let share = Self.shares[Int(seed) % Self.shares.count]
        let screened = Screening(inputs: try GeneratedRuns.sources(count: count, seed: seed &+ 700, budget: Money(cents: 6_000_000)).load())
        let problem = Self.inRegime(screened.problem, share: share)
        var policy = screened.inputs.policy
        policy.solver.timeLimitSeconds = 120
        let plain = try #require(try Allocator.solveModel(problem, policy: policy, conditions: .init(), incumbent: nil))
        let searched = try #require(try Allocator.solve(problem, policy: policy))
        #expect(plain.status == .optimal && searched.status == .optimal)
        #expect(problem.isFeasible(searched.allocation))
        let expected = problem.value(of: plain.allocation)
        let value = problem.value(of: searched.allocation)
        #expect(abs(value - expected) <= 1e-6 * max(1, abs(expected)),
                "\(count) applications, seed \(seed), share \(share): search \(value), plain solve \(expected)")
        #expect(abs(searched.bound - value) <= 1e-6 * max(1, abs(value)))
    }

    /// Guards the cross-checks above: in the regime the budget binds and several awards are
    /// made, so the instances are not trivially empty or unconstrained.
    @Test("the regime instances fund several awards and the budget binds")
    func instancesAreInTheRegime() throws {
        var budgetBinds = 0, manyAwards = 0
        for seed in UInt64(1)...12 {
            let count = 60 + Int(seed % 6) * 20
            let screened = Screening(inputs: try GeneratedRuns.sources(count: count, seed: seed &+ 700, budget: Money(cents: 6_000_000)).load())
            let problem = Self.inRegime(screened.problem, share: Self.shares[Int(seed) % Self.shares.count])
            let cheapest = problem.candidates.map(\.cheapestCost.cents).sorted()
            let affordable = cheapest.reduce(into: (count: 0, spent: Int64(0))) { state, cost in
                if state.spent + cost <= problem.budget.cents { state.count += 1; state.spent += cost }
            }
            if affordable.count < problem.candidates.count { budgetBinds += 1 }
            if affordable.count >= 10 { manyAwards += 1 }
        }
        #expect(budgetBinds == 12)
        #expect(manyAwards >= 10)
    }
}
