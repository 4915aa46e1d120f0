@testable import FellowshipCore

/// Exhaustive enumeration of every feasible allocation of a small problem, written
/// straight from MODEL.md without the production evaluator, so it can check both the MILP
/// and the evaluator.
enum BruteForce {
    /// V of MODEL.md section 4, from scratch.
    static func referenceValue(_ problem: AllocationProblem, _ allocation: Allocation) -> Double {
        var scores = 0.0
        var awards = 0
        var women = 0
        var countries: Set<Int> = []
        var perRegion: [Region: Int] = [:]
        for (rank, component) in allocation.enumerated() where component != nil {
            let candidate = problem.candidates[rank]
            scores += candidate.score
            awards += 1
            if candidate.isFemale { women += 1 }
            countries.insert(candidate.country)
            perRegion[candidate.region, default: 0] += 1
        }
        var regionShortfall = 0.0
        for region in Region.allCases {
            regionShortfall += max(0, problem.share(region) * Double(awards) - Double(perRegion[region] ?? 0))
        }
        let genderShortfall = max(0, problem.genderTarget * Double(awards) - Double(women))
        return scores + problem.coverageWeight * Double(countries.count)
            - problem.regionShortfallWeight * regionShortfall - problem.genderShortfallWeight * genderShortfall
    }

    /// MODEL.md section 3, from scratch.
    static func referenceFeasible(_ problem: AllocationProblem, _ allocation: Allocation) -> Bool {
        var spent: Int64 = 0
        var perCountry: [Int: Int] = [:]
        var dsaPerCountry: [Int: Int] = [:]
        for (rank, component) in allocation.enumerated() {
            guard let component else { continue }
            let candidate = problem.candidates[rank]
            guard let cost = candidate.cost(component) else { return false }
            spent += cost.cents
            perCountry[candidate.country, default: 0] += 1
            if component == .dsa { dsaPerCountry[candidate.country, default: 0] += 1 }
        }
        return spent <= problem.budget.cents
            && perCountry.values.allSatisfy { $0 <= problem.countryCap }
            && dsaPerCountry.values.allSatisfy { $0 <= problem.maxDSAPerCountry }
    }

    /// Calls `body` with every feasible allocation.
    static func forEachFeasible(_ problem: AllocationProblem, _ body: (Allocation) -> Void) {
        var allocation = problem.emptyAllocation
        func visit(_ rank: Int) {
            if rank == problem.candidates.count {
                body(allocation)
                return
            }
            allocation[rank] = nil
            visit(rank + 1)
            for component in Component.allCases where problem.candidates[rank].cost(component) != nil {
                allocation[rank] = component
                // Budget and caps only grow with more awards: prune infeasible prefixes.
                if referenceFeasible(problem, allocation) { visit(rank + 1) }
            }
            allocation[rank] = nil
        }
        visit(0)
    }

    /// The best V over feasible allocations meeting `condition` (nil when none does).
    static func optimum(_ problem: AllocationProblem, where condition: (Allocation) -> Bool = { _ in true }) -> Double?
    {
        var best: Double? = nil
        forEachFeasible(problem) { allocation in
            guard condition(allocation) else { return }
            let value = referenceValue(problem, allocation)
            if best == nil || value > best! { best = value }
        }
        return best
    }

    /// Whether no exchange of MODEL.md section 5 is possible, checked by definition.
    static func isExchangeStable(_ problem: AllocationProblem, _ allocation: Allocation, optimum: Double) -> Bool {
        let threshold = optimum - 1e-6 * max(1, abs(optimum))
        for a in allocation.indices where allocation[a] != nil {
            for b in allocation.indices where allocation[b] == nil && b < a {
                for component in Component.allCases where problem.candidates[b].cost(component) != nil {
                    var trial = allocation
                    trial[a] = nil
                    trial[b] = component
                    if referenceFeasible(problem, trial) && referenceValue(problem, trial) >= threshold { return false }
                }
            }
            let current = problem.candidates[a].cost(allocation[a]!)!
            for component in Component.allCases {
                guard let cost = problem.candidates[a].cost(component), cost < current else { continue }
                var trial = allocation
                trial[a] = component
                if referenceFeasible(problem, trial) { return false }
            }
        }
        return true
    }
}
