import Foundation
import LinearProgramming

/// Solves the allocation model under a margin's extra conditions, exactly, by the number of
/// awards.
///
/// V*(conditions) is the best over N = 0, 1, … of the optimum among allocations with exactly
/// N awards. For each N the model is `MarginModel` (the allocation MILP with `Σ x = N` and the
/// balance inequalities that a known N allows), whose LP relaxation is tight. The counts are
/// taken in order of their LP bound, best first; a count whose LP bound does not exceed the
/// best allocation found so far cannot hold a better one and is not searched, and neither is
/// one whose combinatorial bound (`valueBound`) is below it. Each searched count is solved by
/// GLPK with the run's own settings (`Allocator.solverOptions`), told the value to beat: a
/// row `V ≥ best + 1e-9·max(1, |best|)` when the best allocation known has another count,
/// or that allocation as incumbent when it has this count. The result is the same optimum
/// as one solve of the plain model, found in a fraction of the time.
enum ConditionedSolver {
    struct Solution {
        var allocation: Allocation
        var value: Double
        /// False when a solve stopped at the time limit, so the value is the best found.
        var proven: Bool
    }

    /// The best allocation meeting `conditions`, starting from `incumbent` (which must meet
    /// them); nil when no allocation does.
    static func solve(
        _ problem: AllocationProblem, policy: Policy, conditions: AllocationModel.Conditions, incumbent: Allocation?
    ) throws -> Solution? {
        let clock = ContinuousClock()
        let start = clock.now
        func remaining() -> Double {
            let elapsed = clock.now - start
            return max(0, policy.solver.timeLimitSeconds
                - (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        }
        var best: Solution? = incumbent.map { Solution(allocation: $0, value: problem.value(of: $0), proven: true) }
        let required = conditions.awarded.union(conditions.fixed.keys).count
        let maximum = MarginModel.maximumAwards(problem)
        guard required <= maximum else { return best }
        let bounds = valueBounds(problem, upTo: maximum)

        // LP bound of every count that could still beat the incumbent.
        let template = try MarginModel.Template(problem: problem, conditions: conditions)
        var candidates: [(awards: Int, bound: Double)] = []
        for n in required...maximum {
            if let best, bounds[n] <= best.value + 1e-7 { continue }
            var options = Allocator.solverOptions(for: policy)
            options.timeLimitSeconds = remaining()
            let relaxed = try GLPKSolver.solve(try template.relaxation(awards: n), options: options)
            switch relaxed.termination {
            case .optimal:
                guard let bound = relaxed.objectiveValue else { continue }
                candidates.append((n, bound))
            case .infeasible:
                continue
            default:
                // No usable bound: the count has to be searched.
                candidates.append((n, .infinity))
            }
        }
        candidates.sort { $0.bound != $1.bound ? $0.bound > $1.bound : $0.awards < $1.awards }

        var proven = true
        for candidate in candidates {
            if let best, candidate.bound <= best.value + 1e-7 { break }
            var model = try template.model(awards: candidate.awards)
            var options = Allocator.solverOptions(for: policy)
            options.timeLimitSeconds = remaining()
            if let best {
                if best.allocation.reduce(0, { $0 + ($1 == nil ? 0 : 1) }) == candidate.awards {
                    options.initialSolution = model.built.point(for: best.allocation, problem: problem)
                } else {
                    // Only an allocation better than the best one known matters here: say so, so
                    // that the search prunes as it would with that allocation as incumbent.
                    let cutoff = best.value + 1e-9 * max(1, abs(best.value))
                    _ = try model.built.model.addConstraint(name: "better", model.built.objective, .atLeast(cutoff))
                }
            }
            let result = try GLPKSolver.solve(model.built.model, options: options)
            switch result.termination {
            case .optimal, .limitReachedWithSolution:
                if result.termination != .optimal { proven = false }
                let allocation = model.built.allocation(from: result.values)
                guard problem.isFeasible(allocation), MarginCalculator.meets(allocation, conditions) else {
                    throw AllocationError("the solver returned an allocation that breaks the budget, a cap or the margin's condition when checked exactly")
                }
                let value = problem.value(of: allocation)
                if best == nil || value > best!.value { best = Solution(allocation: allocation, value: value, proven: true) }
            case .limitReachedWithoutSolution:
                proven = false
            case .infeasible:
                continue
            case .unbounded:
                throw AllocationError("the solver reported a margin model unbounded, which it cannot be")
            case .error(let message):
                throw AllocationError("the solver failed: \(message)")
            }
        }
        if var solution = best {
            solution.proven = proven
            return solution
        }
        return nil
    }

    /// For each count k of awards, an upper bound on V: the k best scores, coverage for at
    /// most k countries, less the region shortfall that every k-award allocation has.
    static func valueBounds(_ problem: AllocationProblem, upTo maximum: Int) -> [Double] {
        let scores = problem.candidates.map(\.score).sorted(by: >)
        let shares = Region.allCases.map { problem.share($0) }
        var sum = 0.0
        return (0...maximum).map { k in
            if k > 0 && k <= scores.count { sum += scores[k - 1] }
            let coverage = max(0, problem.coverageWeight) * Double(min(k, problem.countries.count))
            let floor = problem.regionShortfallWeight > 0 ? MarginModel.minimumShortfall(shares: shares, awards: k) : 0
            return sum + coverage - problem.regionShortfallWeight * floor
        }
    }
}
