import Foundation
import LinearProgramming

/// Solves the allocation model, optionally under extra conditions, exactly, by the number of
/// awards. Used for the published allocation (`Allocator`), for margins and for scenarios.
///
/// V*(conditions) is the best over N = 0, 1, … of the optimum among allocations with exactly
/// N awards. The steps, each of which keeps the optimum exact (docs/performance.md):
///
/// 1. Candidates that dominance inside their country makes unnecessary are set aside
///    (`Dominance`, `ReducedProblem`).
/// 2. A starting allocation: the given incumbent, or else the better of the greedy allocation
///    and a heuristic search at the most promising count (below); its value is the one to beat.
/// 3. For each N, the LP relaxation of `CountModel` (the model with `Σ x = N` and the
///    balance inequalities a known N allows, written in the compact form of
///    `AllocationModel.Form`) bounds the best allocation with N awards. N is
///    scanned outward from the LP optimum of the plain model; the plain relaxation with
///    `Σ x = N` is concave in N, so once it falls to the value to beat on one side, no count
///    further on that side can beat it either and the scan stops there.
/// 4. The counts whose bound beats the best allocation known are searched, best bound first.
///    Before each search, every candidate whose LP reduced costs prove that awarding it would
///    leave V below the best known is dropped (reduced-cost fixing), and GLPK, with the run's
///    own settings (`Allocator.solverOptions`), is told the value to beat: a row
///    `V ≥ best + step/2` with `step` the lattice step of V (`ValueLattice`), or
///    `V ≥ best + 1e-9·max(1, |best|)` when V has no lattice.
enum ConditionedSolver {
    /// What a solve knows and wants beyond the model and its conditions (margins, waitlists).
    struct Goal: Sendable {
        /// Search the counts in levels of a falling target first (`TargetLevels`).
        var descending = false
        /// A proven upper bound on V under the conditions. A margin's is the run's V*: a
        /// condition only narrows the allocations, so none is worth more.
        var ceiling: Double?
        /// Solve the count scan's LPs as one warm-started sequence (`WarmStartedLP`) instead of
        /// each from scratch. Margins only: a margin solves the scan hundreds of times a run,
        /// the run itself once; and a warm start may end at another optimal basis, so other
        /// reduced costs, which can change which of several equal optima a search returns.
        var warmStartedScan = false
        /// Before the exact searches, look for a better start near the best allocation known
        /// (`CountSearch.improveByNeighbourhoods`) when the problem kept by dominance has at
        /// least this many candidates; nil: never. Margins only
        /// (`SearchSettings.neighbourhoodMinimumCandidates`): which of several equal optima a
        /// search returns depends on its start, and the run and the scenarios keep theirs.
        var neighbourhoodsFrom: Int?

        /// A margin's solve (`MarginCalculator`): falling targets below the run's V*, which is
        /// also its ceiling, the warm-started count scan, and neighbourhood searches on large
        /// meetings.
        static func margin(ceiling: Double) -> Goal {
            Goal(
                descending: true, ceiling: ceiling, warmStartedScan: true,
                neighbourhoodsFrom: SearchSettings.neighbourhoodMinimumCandidates)
        }
    }

    /// The best allocation meeting `conditions`, starting from `incumbent` (which must meet
    /// them when given); nil when no allocation does. The steps above, one phase each of
    /// `CountSearch`.
    static func solve(
        _ problem: AllocationProblem, policy: Policy, conditions: AllocationModel.Conditions, incumbent: Allocation?,
        goal: Goal = .init(), progress: ProgressReporter? = nil
    ) throws -> SolveOutcome? {
        let search = CountSearch(
            problem, policy: policy, conditions: conditions, incumbent: incumbent, goal: goal, progress: progress)
        defer { search.trace.summarize() }
        guard search.required <= search.maximum else { return search.outcomeOfStart() }
        guard try search.scanCounts() else { return search.outcomeOfStart() }
        try search.improveByHeuristics()
        try search.improveByNeighbourhoods()
        try search.searchExactly()
        return try search.outcome()
    }

    /// `solve`, falling back to one solve of the plain model (over the candidates dominance
    /// keeps) with its no-good rounds (`Allocator.solveModel`) when GLPK's tolerances let an
    /// allocation through that the exact check rejects. `incumbent` is used only when it is
    /// feasible and meets the conditions.
    static func solveExactly(
        _ problem: AllocationProblem, policy: Policy, conditions: AllocationModel.Conditions, incumbent: Allocation?,
        goal: Goal = .init(), progress: ProgressReporter? = nil
    ) throws -> SolveOutcome? {
        let clock = ContinuousClock()
        let began = clock.now
        let start = incumbent.flatMap { allocation in
            allocation.count == problem.candidates.count && problem.isFeasible(allocation)
                && conditions.areMet(by: allocation) ? allocation : nil
        }
        do {
            var outcome = try solve(
                problem, policy: policy, conditions: conditions, incumbent: start, goal: goal,
                progress: progress)
            outcome?.seconds = SolverTrace.seconds(clock.now - began)
            return outcome
        } catch is InexactSolution {
            let reduced = ReducedProblem(problem, conditions: conditions)
            guard
                let solved = try Allocator.solveModel(
                    reduced.problem, policy: policy, conditions: reduced.conditions,
                    incumbent: start.flatMap(reduced.restrict))
            else { return nil }
            let allocation = reduced.expand(solved.allocation)
            let value = problem.value(of: allocation)
            return SolveOutcome(
                allocation: allocation, value: value, status: solved.status,
                bound: max(value, solved.bound), seconds: SolverTrace.seconds(clock.now - began))
        }
    }

    /// GLPK returned an allocation that the exact check (whole cents) rejects; the caller
    /// falls back to the plain model with its no-good rounds.
    struct InexactSolution: Error {}

    /// The greedy allocation, when it meets `conditions`.
    static func greedyAllocation(_ problem: AllocationProblem, conditions: AllocationModel.Conditions) -> Allocation? {
        let allocation = GreedyAllocator.allocate(problem)
        return problem.isFeasible(allocation) && conditions.areMet(by: allocation) ? allocation : nil
    }

    /// The allocation GLPK finds with exactly `awards` awards among the `keep` candidates (nil
    /// when it finds none in the time or nodes allowed), and the nodes it took. No value to
    /// beat is imposed: such a row made GLPK search long for any allocation at all, where
    /// without it a good one comes at once and the gap stops the search
    /// (`SearchSettings.heuristic`).
    static func searchCount(
        _ problem: AllocationProblem, keeping keep: [Bool], conditions: AllocationModel.Conditions, awards: Int,
        options: SolverOptions
    ) throws -> (allocation: Allocation?, nodes: Int?) {
        let narrowed = ReducedProblem(problem, keeping: keep, conditions: conditions)
        let model = try CountModel.Template(
            problem: narrowed.problem, conditions: narrowed.conditions, form: .compact(awards: awards)
        ).model(awards: awards)
        let result = try GLPKSolver.solve(model.built.model, options: options)
        guard result.termination.hasSolution else { return (nil, result.nodes) }
        return (narrowed.expand(model.built.allocation(from: result.values)), result.nodes)
    }

    /// The candidates a heuristic search at `awards` awards looks at: those the relaxation
    /// awards at all, and the others with the least negative reduced costs, up to
    /// `max(1.5 · awards, 30)` in all (ties by rank). Conditioned awards are always among them.
    static func promisingCandidates(
        _ problem: AllocationProblem, template: CountModel.Template, conditions: AllocationModel.Conditions,
        relaxation: SolveResult, awards: Int
    ) -> [Bool] {
        let limit = max(3 * awards / 2, 30)
        var keep = [Bool](repeating: false, count: problem.candidates.count)
        var scored: [(rank: Int, reducedCost: Double)] = []
        for candidate in problem.candidates {
            let variables = [
                template.built.ticketVariables[candidate.rank], template.built.dsaVariables[candidate.rank],
            ]
            .compactMap { $0 }
            if conditions.awarded.contains(candidate.rank) || conditions.fixed[candidate.rank] != nil
                || variables.contains(where: { relaxation.values[$0.index] > 1e-6 })
            {
                keep[candidate.rank] = true
            } else if let best = variables.map({ relaxation.reducedCosts[$0.index] }).max() {
                scored.append((candidate.rank, best))
            }
        }
        let room = max(0, limit - keep.reduce(0) { $0 + ($1 ? 1 : 0) })
        scored.sort { $0.reducedCost != $1.reducedCost ? $0.reducedCost > $1.reducedCost : $0.rank < $1.rank }
        for entry in scored.prefix(room) { keep[entry.rank] = true }
        return keep
    }
}
