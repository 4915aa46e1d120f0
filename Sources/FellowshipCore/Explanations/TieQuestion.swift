import Foundation
import LinearProgramming

/// Whether a not-awarded candidate's margin is 0, decided from the run's own LP relaxations
/// by count (issue #12, the waitlist by bounds).
///
/// The waitlist's first places are ties when many candidates could take an award without
/// lowering V. Equal margins go by rank, so what decides those places is which candidates
/// are ties, and a tie is a much smaller question than a margin: is there an allocation
/// awarding a that is worth at least V* − step/2, where step is the lattice step of V
/// (`ValueLattice`)? V*(a awarded) ≤ V*, and on the lattice it is either V* or at least a
/// step below, so the answer is yes exactly when the margin is 0 (as `MarginCalculator`
/// would report it, the step exceeding its tolerance).
///
/// For each count n of awards, the waitlist already solved the LP relaxation with exactly n
/// awards (`WaitlistSearch.CountBounds`): optimum R_n, reduced costs d. By weak duality every
/// allocation with n awards that gives a the component c and j the component c′ has
/// V ≤ R_n + min(0, d(a, c)) + min(0, d(j, c′)) (each nonbasic variable moved off its bound
/// only lowers the bound). So the question at count n is asked only where
/// U_n(a) = max_c R_n + min(0, d(a, c)) reaches the floor, and only over the candidates j
/// with a component whose term keeps that bound at the floor; a component at its upper bound
/// whose reduced cost alone takes that bound below the floor is given (reduced-cost fixing
/// from both sides, `ConditionedSolver.keptCandidates` and `forcedComponents`). No LP of its
/// own is solved first. The search is GLPK's branch and bound on that model with the row
/// V ≥ floor, stopped at the first allocation it finds (any such allocation answers yes).
struct TieQuestion: Sendable {
    let problem: AllocationProblem
    let published: Allocation
    let optimum: Double
    let base: AllocationModel.Conditions
    let template: CountModel.Template
    /// The LP relaxation of each count scanned (optimum, values and reduced costs), or nil
    /// when it had no usable optimum (then the question is not asked this way).
    let counts: [(awards: Int, relaxation: SolveResult?)]
    let options: SolverOptions
    let step: Double

    /// The answer for `rank`: true when its margin is 0, false when it is not, nil when this
    /// could not decide (a count without a usable relaxation, the time limit, or an
    /// allocation the exact check rejects); the caller then computes the margin.
    func isTie(_ rank: Int) -> Bool? {
        let candidate = problem.candidates[rank]
        guard published[rank] == nil else { return nil }
        guard MarginCalculator.blockersAlone(candidate, in: problem).isEmpty else { return false }
        let tolerance = AllocationProblem.tolerance(optimum)
        let conditions = MarginCalculator.adding(base, awarded: rank)
        if let found = LocalSearch.bestAwarding(rank, from: published, problem: problem),
            conditions.areMet(by: found), problem.value(of: found) >= optimum - tolerance
        {
            return true
        }
        let floor = optimum - step / 2
        for count in counts {
            guard let relaxation = count.relaxation, let bound = relaxation.objectiveValue else { return nil }
            let own = variables(of: rank).map { bound + min(0, relaxation.reducedCosts[$0.index]) }.max()
            guard let own, own >= floor - tolerance else { continue }
            // With a's own term folded in, the count's bound for allocations funding a is
            // `own`: reduced-cost fixing from both sides against the floor, as the exact
            // searches do it (`ConditionedSolver.keptCandidates`, `forcedComponents`).
            let folded = ConditionedSolver.Count(
                awards: count.awards, bound: own, reducedCosts: relaxation.reducedCosts,
                relaxation: relaxation)
            let target = (value: floor, tolerance: tolerance)
            let keep = ConditionedSolver.keptCandidates(
                problem, template: template, conditions: conditions, count: folded,
                target: target)
            var searchConditions = conditions
            for (other, component) in ConditionedSolver.forcedComponents(
                problem, template: template, conditions: conditions, count: folded, target: target)
            {
                searchConditions.fixed[other] = component
            }
            do {
                let narrowed = ReducedProblem(problem, keeping: keep, conditions: searchConditions)
                var model = try CountModel.Template(problem: narrowed.problem, conditions: narrowed.conditions)
                    .model(awards: count.awards)
                _ = try model.built.model.addConstraint(name: "floor", model.built.objective, .atLeast(floor))
                var options = SearchSettings.exact(options)
                options.stopsAtFirstSolution = true
                let result = try GLPKSolver.solve(model.built.model, options: options)
                switch result.termination {
                case .infeasible:
                    continue
                case .optimal, .limitReachedWithSolution:
                    let allocation = narrowed.expand(model.built.allocation(from: result.values))
                    guard problem.isFeasible(allocation), conditions.areMet(by: allocation),
                        problem.value(of: allocation) >= optimum - tolerance
                    else { return nil }
                    return true
                default:
                    return nil
                }
            } catch {
                return nil
            }
        }
        return false
    }

    /// The LP variables of candidate `rank` (ticket, DSA) in the template.
    private func variables(of rank: Int) -> [VariableID] {
        [template.built.ticketVariables[rank], template.built.dsaVariables[rank]].compactMap { $0 }
    }
}
