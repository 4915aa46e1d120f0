import LinearProgramming

/// Reduced-cost fixing for the searches by number of awards: from the LP relaxation of one
/// count (or of the plain model), which candidates can still be part of an allocation reaching
/// a target value, and which components every such allocation must give. Both are exact
/// (weak duality), and used by the exact searches, the heuristic searches and the tie
/// questions alike, so that the rule exists once.
extension ConditionedSolver {
    /// The bound of one count of awards, with the reduced costs of its LP relaxation.
    struct Count {
        var awards: Int
        var bound: Double
        var reducedCosts: [Double]
        /// The LP relaxation's result, when it was solved to optimality.
        var relaxation: SolveResult?
    }

    /// Reduced-cost fixing for one count: the candidates that may appear in an allocation with
    /// `count.awards` awards and V ≥ `target.value`. For a variable at 0 in the LP optimum with
    /// reduced cost d < 0, every allocation that sets it has V ≤ bound + d (the other nonbasic
    /// terms only lower it); when that is below the target by more than `target.tolerance`
    /// (a margin for floating-point error), no such allocation uses the variable. A candidate all of whose variables are so excluded
    /// is dropped. Candidates the conditions award or fix are always kept.
    static func keptCandidates(
        _ problem: AllocationProblem, template: CountModel.Template, conditions: AllocationModel.Conditions,
        count: Count, target: (value: Double, tolerance: Double)?
    ) -> [Bool] {
        guard let target, count.bound.isFinite, count.reducedCosts.count == template.built.model.variableCount else {
            return Array(repeating: true, count: problem.candidates.count)
        }
        let limit = target.value - target.tolerance
        return problem.candidates.map { candidate in
            if conditions.awarded.contains(candidate.rank) || conditions.fixed[candidate.rank] != nil { return true }
            let variables = [
                template.built.ticketVariables[candidate.rank], template.built.dsaVariables[candidate.rank],
            ]
            return variables.contains { variable in
                guard let variable else { return false }
                let d = count.reducedCosts[variable.index]
                return d >= 0 || count.bound + d >= limit
            }
        }
    }

    /// Reduced-cost fixing at the upper bound, for one count: the components every allocation
    /// with `count.awards` awards and V ≥ `target.value` must give. For a variable at its upper
    /// bound 1 in the LP optimum with reduced cost d > 0, every allocation that leaves it at 0
    /// has V ≤ bound − d (the same weak-duality argument as `keptCandidates`, from the other
    /// side); when that is below the target by more than `target.tolerance`, every such
    /// allocation gives the candidate that component. The search then fixes it, which in the
    /// many-awards regime fixes most of the awards and leaves a small model (HiGHS's root
    /// restart does the same on these instances). Candidates the conditions already pin, and
    /// excluded ones, are left as they are.
    static func forcedComponents(
        _ problem: AllocationProblem, template: CountModel.Template, conditions: AllocationModel.Conditions,
        count: Count, target: (value: Double, tolerance: Double)?
    ) -> [Int: Component] {
        guard let target, count.bound.isFinite, let relaxation = count.relaxation,
            count.reducedCosts.count == template.built.model.variableCount,
            relaxation.values.count == template.built.model.variableCount
        else { return [:] }
        let limit = target.value - target.tolerance
        var forced: [Int: Component] = [:]
        for candidate in problem.candidates {
            let rank = candidate.rank
            if conditions.fixed[rank] != nil || conditions.excluded.contains(rank) { continue }
            for (component, variable) in [
                (Component.ticket, template.built.ticketVariables[rank]),
                (Component.dsa, template.built.dsaVariables[rank]),
            ] {
                guard let variable else { continue }
                let d = count.reducedCosts[variable.index]
                if d > 0, relaxation.values[variable.index] > 1 - 1e-9, count.bound - d < limit {
                    forced[rank] = component
                }
            }
        }
        return forced
    }
}
