import LinearProgramming
import Testing

@testable import FellowshipCore
@testable import FellowshipSamples

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

    @Test(
        "generated meetings: the search equals one plain solve of the unreduced model",
        arguments: Array(UInt64(1)...12))
    func generatedAgainstPlainSolve(seed: UInt64) throws {
        let count = 60 + Int(seed % 6) * 20
        let share = Self.shares[Int(seed) % Self.shares.count]
        let screened = Screening(
            inputs: try GeneratedRuns.sources(count: count, seed: seed &+ 700, budget: Money(cents: 6_000_000)).load())
        let problem = Self.inRegime(screened.problem, share: share)
        var policy = screened.inputs.policy
        policy.solver.timeLimitSeconds = 120
        let plain = try #require(try Allocator.solveModel(problem, policy: policy, conditions: .init(), incumbent: nil))
        let searched = try #require(try Allocator.solve(problem, policy: policy))
        #expect(plain.status == .optimal && searched.status == .optimal)
        #expect(problem.isFeasible(searched.allocation))
        let expected = problem.value(of: plain.allocation)
        let value = problem.value(of: searched.allocation)
        #expect(
            abs(value - expected) <= 1e-6 * max(1, abs(expected)),
            "\(count) applications, seed \(seed), share \(share): search \(value), plain solve \(expected)")
        #expect(abs(searched.bound - value) <= 1e-6 * max(1, abs(value)))
    }

    @Test(
        "margins: the search in falling target levels with the ceiling V*, its count scan warm-started or not, with neighbourhood searches or not, equals the plain conditioned solve",
        arguments: [(90, UInt64(51), 0.45), (110, 52, 0.55), (130, 53, 0.65)])
    func levelsAgainstPlainConditionedSolve(count: Int, seed: UInt64, share: Double) throws {
        let result = try GeneratedRuns.regimeResult(count: count, seed: seed, share: share)
        let problem = result.problem
        let policy = result.screening.inputs.policy
        let waiting = problem.candidates.indices.filter { result.allocation[$0] == nil }.prefix(25)
        let awarded = problem.candidates.indices.filter { result.allocation[$0] != nil }.prefix(15)
        // Each condition with the start a margin uses (the local search's allocation).
        let cases: [(AllocationModel.Conditions, Allocation?)] =
            waiting.map {
                (
                    MarginCalculator.adding(.init(), awarded: $0),
                    LocalSearch.bestAwarding($0, from: result.allocation, problem: problem)
                )
            }
            + awarded.map {
                (
                    MarginCalculator.adding(.init(), excluded: $0),
                    LocalSearch.bestWithout($0, from: result.allocation, problem: problem)
                )
            }
        var levelled = 0
        for (condition, start) in cases {
            let plain = try ConditionedSolver.solveExactly(
                problem, policy: policy, conditions: condition, incumbent: nil)
            let incumbent = start.flatMap { condition.areMet(by: $0) ? $0 : nil }
            // As margins search on large meetings (the count scan's LPs warm-started one from
            // the other, and neighbourhood searches, here from any size), as they search on
            // small ones, and with every LP of the scan solved from scratch.
            for (warm, neighbourhoods) in [(true, 0), (true, nil), (false, nil)] as [(Bool, Int?)] {
                let search = try ConditionedSolver.solveExactly(
                    problem, policy: policy, conditions: condition, incumbent: incumbent,
                    goal: .init(
                        descending: true, ceiling: result.value, warmStartedScan: warm,
                        neighbourhoodsFrom: neighbourhoods))
                #expect((plain == nil) == (search == nil))
                guard let plain, let search else { continue }
                #expect(plain.proven && search.proven)
                #expect(
                    abs(plain.value - search.value) <= 1e-6 * max(1, abs(plain.value)),
                    "seed \(seed) \(condition) warm \(warm) neighbourhoods \(neighbourhoods.map(String.init) ?? "none"): plain \(plain.value), levels \(search.value)"
                )
                #expect(problem.isFeasible(search.allocation) && condition.areMet(by: search.allocation))
                if warm, neighbourhoods == nil, search.value < result.value - 1 { levelled += 1 }
            }
        }
        #expect(levelled > 0, "seed \(seed): no condition costs more than a point, so no level was searched")
    }

    @Test("reduced-cost fixing at the upper bound: every allocation at or above the target gives the forced components")
    func forcedComponentsAgainstEnumeration() throws {
        var forcedSeen = 0
        for seed in UInt64(1)...60 {
            let base = RandomProblems.make(seed: seed &* 7_919 &+ 11, maxCandidates: 11, maxCountries: 5)
            let problem = Self.inRegime(base, share: Self.shares[Int(seed) % Self.shares.count])
            let template = try CountModel.Template(problem: problem, conditions: .init())
            var allocations: [(allocation: Allocation, awards: Int, value: Double)] = []
            BruteForce.forEachFeasible(problem) { allocation in
                allocations.append(
                    (allocation, allocation.compactMap { $0 }.count, BruteForce.referenceValue(problem, allocation)))
            }
            for n in 1...max(1, problem.candidates.count) {
                let atCount = allocations.filter { $0.awards == n }
                guard let best = atCount.map(\.value).max() else { continue }
                let relaxed = try GLPKSolver.solve(try template.relaxation(awards: n), options: .init())
                guard relaxed.termination == .optimal, let bound = relaxed.objectiveValue else { continue }
                let count = ConditionedSolver.Count(
                    awards: n, bound: bound, reducedCosts: relaxed.reducedCosts, relaxation: relaxed)
                // Targets at the count's optimum and below it, as the exact searches use them.
                for target in [best, best - 0.5, best - 2] {
                    let forced = ConditionedSolver.forcedComponents(
                        problem, template: template, conditions: .init(), count: count,
                        target: (target, AllocationProblem.tolerance(target)))
                    forcedSeen += forced.count
                    for entry in atCount where entry.value >= target - AllocationProblem.tolerance(target) {
                        for (rank, component) in forced {
                            #expect(
                                entry.allocation[rank] == component,
                                "seed \(seed), \(n) awards, target \(target): rank \(rank) forced to \(component) but \(String(describing: entry.allocation[rank])) in an allocation worth \(entry.value)"
                            )
                        }
                    }
                }
            }
        }
        #expect(forcedSeen > 0, "nothing was ever forced: the check proves nothing")
    }

    @Test("reduced-cost fixing at the upper bound forces components on generated meetings of the regime")
    func forcedComponentsOccur() throws {
        let result = try GeneratedRuns.regimeResult(count: 120, seed: 61, share: 0.5)
        let problem = result.problem
        let template = try CountModel.Template(problem: problem, conditions: .init())
        let n = result.allocation.compactMap { $0 }.count
        let relaxed = try GLPKSolver.solve(try template.relaxation(awards: n), options: .init())
        let bound = try #require(relaxed.objectiveValue)
        let count = ConditionedSolver.Count(
            awards: n, bound: bound, reducedCosts: relaxed.reducedCosts, relaxation: relaxed)
        let forced = ConditionedSolver.forcedComponents(
            problem, template: template, conditions: .init(), count: count,
            target: (result.value, AllocationProblem.tolerance(result.value)))
        #expect(!forced.isEmpty, "nothing forced at V* on a meeting of the regime")
        // The published optimum gives every forced component.
        for (rank, component) in forced { #expect(result.allocation[rank] == component) }
    }

    /// Guards the cross-checks above: in the regime the budget binds and several awards are
    /// made, so the instances are not trivially empty or unconstrained.
    @Test("the regime instances fund several awards and the budget binds")
    func instancesAreInTheRegime() throws {
        var budgetBinds = 0
        var manyAwards = 0
        for seed in UInt64(1)...12 {
            let count = 60 + Int(seed % 6) * 20
            let screened = Screening(
                inputs: try GeneratedRuns.sources(count: count, seed: seed &+ 700, budget: Money(cents: 6_000_000))
                    .load())
            let problem = Self.inRegime(screened.problem, share: Self.shares[Int(seed) % Self.shares.count])
            let cheapest = problem.candidates.map(\.cheapestCost.cents).sorted()
            let affordable = cheapest.reduce(into: (count: 0, spent: Int64(0))) { state, cost in
                if state.spent + cost <= problem.budget.cents {
                    state.count += 1
                    state.spent += cost
                }
            }
            if affordable.count < problem.candidates.count { budgetBinds += 1 }
            if affordable.count >= 10 { manyAwards += 1 }
        }
        #expect(budgetBinds == 12)
        #expect(manyAwards >= 10)
    }
}
