import Testing

@testable import FellowshipCore

/// The optimiser must return the true optimum of the published model: on hundreds of
/// small random instances, GLPK's V* must equal exhaustive enumeration, and the published
/// allocation must be feasible and exchange-stable.
@Suite("Brute-force cross-check")
struct BruteForceCrossCheckTests {
    static let seeds: [UInt64] = Array(1...240)

    /// Solves `problem` (60 s limit) and checks the result against enumeration: proven
    /// optimal, feasible and worth V* by the reference code of `BruteForce`.
    /// - Returns: the solve, its value by the reference code, and the enumerated V*.
    static func solveAgainstEnumeration(
        _ problem: AllocationProblem, _ note: String
    ) throws -> (
        solved: SolveOutcome, value: Double,
        expected: Double
    ) {
        let expected = try #require(BruteForce.optimum(problem))
        var policy = Policy()
        policy.solver.timeLimitSeconds = 60
        let solved = try #require(try Allocator.solve(problem, policy: policy))
        #expect(solved.status == .optimal, "\(note)")
        #expect(BruteForce.referenceFeasible(problem, solved.allocation), "\(note)")
        let value = BruteForce.referenceValue(problem, solved.allocation)
        #expect(
            abs(value - expected) <= 1e-6 * max(1, abs(expected)), "\(note): GLPK \(value), enumeration \(expected)")
        return (solved, value, expected)
    }

    @Test("GLPK's optimum equals exhaustive enumeration; the result is exchange-stable", arguments: seeds)
    func optimumMatchesEnumeration(seed: UInt64) throws {
        let problem = RandomProblems.make(seed: seed)
        let (solved, value, expected) = try Self.solveAgainstEnumeration(problem, "seed \(seed)")
        #expect(abs(problem.value(of: solved.allocation) - value) < 1e-9)

        let stable = ExchangeStabilizer.stabilize(solved.allocation, problem: problem, optimum: value)
        #expect(BruteForce.referenceFeasible(problem, stable))
        let stableValue = BruteForce.referenceValue(problem, stable)
        #expect(abs(stableValue - expected) <= 1e-6 * max(1, abs(expected)))
        #expect(BruteForce.isExchangeStable(problem, stable, optimum: expected), "seed \(seed)")
        #expect(ExchangeStabilizer.isStable(stable, problem: problem, optimum: expected))
    }
}

extension BruteForceCrossCheckTests {
    /// Guards the cross-check itself: the random instances must be non-trivial (budgets
    /// and caps bind, optima award several people) and must exercise the tie rule.
    @Test("the random instances are non-trivial and exercise the tie rule")
    func instancesAreInteresting() throws {
        var nonEmpty = 0
        var budgetBinds = 0
        var tieRuleChanged = 0
        var multipleOptima = 0
        for seed in Self.seeds {
            let problem = RandomProblems.make(seed: seed)
            let solved = try #require(try Allocator.solve(problem, policy: Policy()))
            let value = problem.value(of: solved.allocation)
            let stable = ExchangeStabilizer.stabilize(solved.allocation, problem: problem, optimum: value)
            if stable.contains(where: { $0 != nil }) { nonEmpty += 1 }
            if stable != solved.allocation { tieRuleChanged += 1 }
            let tally = AllocationProblem.Tally(problem: problem, allocation: stable)
            if problem.candidates.contains(where: {
                stable[$0.rank] == nil && tally.blockers($0, $0.componentsByCost[0]).contains(.budget)
            }) {
                budgetBinds += 1
            }
            var optimal = 0
            BruteForce.forEachFeasible(problem) { allocation in
                if abs(BruteForce.referenceValue(problem, allocation) - value) <= 1e-6 * max(1, abs(value)) {
                    optimal += 1
                }
            }
            if optimal > 1 { multipleOptima += 1 }
        }
        print(
            "instances: \(Self.seeds.count), non-empty optimum \(nonEmpty), budget binds \(budgetBinds), several optima \(multipleOptima), tie rule changed GLPK's answer \(tieRuleChanged)"
        )
        #expect(nonEmpty >= Self.seeds.count * 3 / 4)
        #expect(budgetBinds >= Self.seeds.count / 4)
        #expect(multipleOptima >= Self.seeds.count / 4)
        #expect(tieRuleChanged >= 10)
    }
}
