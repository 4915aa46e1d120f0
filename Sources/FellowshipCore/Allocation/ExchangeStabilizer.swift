/// Applies the tie rule of MODEL.md section 5 to an optimal allocation.
///
/// Among the many optimal allocations the published one is *exchange-stable*: nobody who
/// could have taken an awarded applicant's place at no cost to V applied earlier, and
/// nobody holds a component that a cheaper allowed one could replace. The exchanges are
/// applied in the published fixed order, so the same optimum always yields the same result.
public enum ExchangeStabilizer {
    public static func stabilize(_ start: Allocation, problem: AllocationProblem, optimum: Double) -> Allocation {
        var allocation = start
        let threshold = optimum - AllocationProblem.tolerance(optimum)
        while true {
            let tally = AllocationProblem.Tally(problem: problem, allocation: allocation)
            if let exchange = firstEarlierApplicantExchange(
                allocation, tally: tally, problem: problem, threshold: threshold)
            {
                allocation[exchange.removed] = nil
                allocation[exchange.added] = exchange.component
                continue
            }
            if let switchTo = firstCheaperComponent(allocation, tally: tally, problem: problem) {
                allocation[switchTo.rank] = switchTo.component
                continue
            }
            return allocation
        }
    }

    struct Exchange {
        var removed: Int
        var added: Int
        var component: Component
    }

    /// Kind 1: the earliest-ranked not-awarded b that can replace a later-ranked awarded a
    /// without V falling below the threshold; a is the latest-ranked such applicant.
    static func firstEarlierApplicantExchange(
        _ allocation: Allocation, tally: AllocationProblem.Tally, problem: AllocationProblem, threshold: Double
    ) -> Exchange? {
        let awarded = allocation.indices.filter { allocation[$0] != nil }
        for b in allocation.indices where allocation[b] == nil {
            for a in awarded.reversed() where a > b {
                if let component = swapComponent(
                    remove: a, add: b, allocation: allocation, tally: tally,
                    problem: problem, threshold: threshold)
                {
                    return Exchange(removed: a, added: b, component: component)
                }
            }
        }
        return nil
    }

    /// The component b would get if it replaced a (its cheapest feasible one), when the
    /// replacement keeps V at or above `threshold`; nil otherwise.
    ///
    /// V depends on who is awarded, not on which component, so one feasible component
    /// decides the question.
    package static func swapComponent(
        remove a: Int, add b: Int, allocation: Allocation, tally: AllocationProblem.Tally,
        problem: AllocationProblem, threshold: Double
    ) -> Component? {
        var swapped = tally
        swapped.remove(problem.candidates[a], allocation[a]!)
        let candidate = problem.candidates[b]
        guard let component = candidate.componentsByCost.first(where: { swapped.canAdd(candidate, $0) }) else {
            return nil
        }
        swapped.add(candidate, component)
        return swapped.value >= threshold ? component : nil
    }

    /// Kind 2: the earliest-ranked awarded applicant whose allowed cheaper component keeps
    /// the allocation feasible, with that component. Candidates in `fixed` keep theirs (a
    /// reallocation's kept awards).
    static func firstCheaperComponent(
        _ allocation: Allocation, tally: AllocationProblem.Tally, problem: AllocationProblem, fixed: Set<Int> = []
    ) -> (rank: Int, component: Component)? {
        for rank in allocation.indices where !fixed.contains(rank) {
            guard let current = allocation[rank] else { continue }
            let candidate = problem.candidates[rank]
            let currentCost = candidate.cost(current)!
            var without = tally
            without.remove(candidate, current)
            for component in candidate.componentsByCost where candidate.cost(component)! < currentCost {
                if without.canAdd(candidate, component) { return (rank, component) }
            }
        }
        return nil
    }

    /// Whether no exchange of either kind is possible: the definition, checked directly
    /// (used by tests and as a guard on the result).
    public static func isStable(_ allocation: Allocation, problem: AllocationProblem, optimum: Double) -> Bool {
        let threshold = optimum - AllocationProblem.tolerance(optimum)
        let tally = AllocationProblem.Tally(problem: problem, allocation: allocation)
        for b in allocation.indices where allocation[b] == nil {
            for a in allocation.indices where a > b && allocation[a] != nil {
                var swapped = tally
                swapped.remove(problem.candidates[a], allocation[a]!)
                for component in problem.candidates[b].componentsByCost
                where swapped.canAdd(problem.candidates[b], component) {
                    var trial = swapped
                    trial.add(problem.candidates[b], component)
                    if trial.value >= threshold { return false }
                }
            }
        }
        return firstCheaperComponent(allocation, tally: tally, problem: problem) == nil
    }
}
