/// Applies the tie rule of MODEL.md section 5 to an optimal allocation: the one place the
/// rule is written, used by the run, by reallocations after a decline and by the alternative
/// allocations of margins.
///
/// Among the many optimal allocations the published one is *exchange-stable*: nobody who
/// could have taken an awarded applicant's place at no cost to V applied earlier, and
/// nobody holds a component that a cheaper allowed one could replace. The exchanges are
/// applied in the published fixed order, so the same optimum always yields the same result.
///
/// Under conditions (a reallocation's kept awards and declined applications, a margin's
/// "awarded" or "not awarded") the rule runs among the candidates the conditions leave free:
/// a `frozen` candidate is never given an award it lacks nor loses one it holds, and a
/// candidate of `fixedComponents` keeps its component. So among equally good allocations the
/// one reported is chosen by the same published rule, not by the solver's path.
public enum ExchangeStabilizer {
    /// - Parameter optimum: the V that no exchange may lower by more than the tie tolerance.
    /// - Parameter frozen: candidates that take part in no exchange of kind 1.
    /// - Parameter fixedComponents: awarded candidates that take part in no exchange of kind 2.
    public static func stabilize(
        _ start: Allocation, problem: AllocationProblem, optimum: Double, frozen: Set<Int> = [],
        fixedComponents: Set<Int> = []
    ) -> Allocation {
        var allocation = start
        let threshold = optimum - AllocationProblem.tolerance(optimum)
        // Each exchange of kind 1 raises Σ (n − rank) over the awarded, and each of kind 2 lowers
        // the money spent with the same people awarded, so the loop ends (MODEL.md section 5).
        // No step limit: a limit that could bind would return an allocation that is not
        // exchange-stable, silently breaking the published rule.
        while true {
            let tally = AllocationProblem.Tally(problem: problem, allocation: allocation)
            if let exchange = firstEarlierApplicantExchange(
                allocation, tally: tally, problem: problem, threshold: threshold, frozen: frozen)
            {
                allocation[exchange.removed] = nil
                allocation[exchange.added] = exchange.component
                continue
            }
            if let switchTo = firstCheaperComponent(allocation, tally: tally, problem: problem, fixed: fixedComponents)
            {
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
    /// without V falling below the threshold; a is the latest-ranked such applicant. Frozen
    /// candidates are neither.
    static func firstEarlierApplicantExchange(
        _ allocation: Allocation, tally: AllocationProblem.Tally, problem: AllocationProblem, threshold: Double,
        frozen: Set<Int> = []
    ) -> Exchange? {
        let awarded = allocation.indices.filter { allocation[$0] != nil && !frozen.contains($0) }
        for b in allocation.indices where allocation[b] == nil && !frozen.contains(b) {
            for a in awarded.reversed() where a > b {
                if let component = swapComponent(
                    remove: a, add: b, allocation: allocation, tally: tally, problem: problem, threshold: threshold)
                {
                    return Exchange(removed: a, added: b, component: component)
                }
            }
        }
        return nil
    }

    /// Giving b an award in a's place: the component b would get (its cheapest that fits once
    /// a's award is withdrawn, `Tally.cheapestFitting`) and V after the swap; nil when no
    /// component of b fits. The one swap primitive of the tie rule and of the reasons.
    ///
    /// V depends on who is awarded, not on which component, so one feasible component
    /// decides the question.
    package static func swap(
        remove a: Int, add b: Int, allocation: Allocation, tally: AllocationProblem.Tally, problem: AllocationProblem
    ) -> (component: Component, value: Double)? {
        // Asked of the tally with a's award taken away, without copying it (the tie rule asks
        // this for every pair of a waiting and an awarded applicant).
        let withdrawal = (problem.candidates[a], allocation[a]!)
        let candidate = problem.candidates[b]
        guard let component = tally.cheapestFitting(candidate, without: withdrawal) else { return nil }
        return (component, tally.value(adding: candidate, without: withdrawal))
    }

    /// The component b would get if it replaced a, when the replacement keeps V at or above
    /// `threshold`; nil otherwise.
    package static func swapComponent(
        remove a: Int, add b: Int, allocation: Allocation, tally: AllocationProblem.Tally,
        problem: AllocationProblem, threshold: Double
    ) -> Component? {
        guard let swapped = swap(remove: a, add: b, allocation: allocation, tally: tally, problem: problem),
            swapped.value >= threshold
        else { return nil }
        return swapped.component
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
            if let component = tally.cheapestFitting(
                candidate, without: (candidate, current), cheaperThan: candidate.cost(current)!)
            {
                return (rank, component)
            }
        }
        return nil
    }

    /// Whether no exchange of either kind is possible among the free candidates: the
    /// definition, checked pair by pair (used by tests and as a guard on the result).
    public static func isStable(
        _ allocation: Allocation, problem: AllocationProblem, optimum: Double, frozen: Set<Int> = [],
        fixedComponents: Set<Int> = []
    ) -> Bool {
        let threshold = optimum - AllocationProblem.tolerance(optimum)
        let tally = AllocationProblem.Tally(problem: problem, allocation: allocation)
        for b in allocation.indices where allocation[b] == nil && !frozen.contains(b) {
            for a in allocation.indices where a > b && allocation[a] != nil && !frozen.contains(a) {
                if swapComponent(
                    remove: a, add: b, allocation: allocation, tally: tally, problem: problem, threshold: threshold)
                    != nil
                {
                    return false
                }
            }
        }
        return firstCheaperComponent(allocation, tally: tally, problem: problem, fixed: fixedComponents) == nil
    }
}
