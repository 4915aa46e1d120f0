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
/// 3. For each N, the LP relaxation of `MarginModel` (the model with `Σ x = N` and the
///    balance inequalities a known N allows) bounds the best allocation with N awards. N is
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
    }

    struct Solution {
        var allocation: Allocation
        var value: Double
        /// False when a solve stopped at the time limit, so the value is the best found.
        var proven: Bool
        /// A proven upper bound on V under the conditions (the value itself when proven).
        var bound: Double
    }

    /// The best allocation meeting `conditions`, starting from `incumbent` (which must meet
    /// them when given); nil when no allocation does.
    static func solve(
        _ problem: AllocationProblem, policy: Policy, conditions: AllocationModel.Conditions, incumbent: Allocation?,
        goal: Goal = .init(), progress: ProgressReporter? = nil
    ) throws -> Solution? {
        let clock = ContinuousClock()
        let start = clock.now
        func remaining() -> Double {
            let elapsed = clock.now - start
            return max(
                0,
                policy.solver.timeLimitSeconds
                    - (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        }
        var trace = SolverTrace()
        defer { trace.summarize() }
        let (reduced, _) = trace.measure("dominance") { ReducedProblem(problem, conditions: conditions) }
        let inner = reduced.problem
        trace.log("candidates \(problem.candidates.count), kept by dominance \(inner.candidates.count)")
        let innerConditions = reduced.conditions

        // The value to beat, kept in full ranks (an incumbent may award a set-aside candidate).
        var best: (allocation: Allocation, value: Double)?
        if let incumbent { best = (incumbent, problem.value(of: incumbent)) }
        if let start = greedyAllocation(inner, conditions: innerConditions) {
            let value = inner.value(of: start)
            if best == nil || value > best!.value { best = (reduced.expand(start), value) }
        }
        trace.log("start: " + (best.map { "value \($0.value)" } ?? "none"))
        // Values of a problem lie on a lattice (`ValueLattice`) when its weights are moderate
        // rationals: then a better allocation is better by a whole step, and it is enough to
        // look for V ≥ best + step/2, which GLPK's tolerances cannot blur. Otherwise the
        // threshold is best + 1e-9·max(1, |best|). The lattice is the full problem's: a given
        // incumbent may award set-aside candidates, whose scores the reduced problem's
        // lattice would not account for.
        let halfStep = ValueLattice(problem).map { $0.step / 2 }
        func threshold(_ value: Double) -> Double {
            if let halfStep, halfStep >= 4 * AllocationProblem.tolerance(value) { return value + halfStep }
            return value + 1e-9 * max(1, abs(value))
        }
        func beats(_ bound: Double) -> Bool {
            guard let best else { return true }
            return bound > threshold(best.value) - AllocationProblem.tolerance(best.value) / 2
        }

        let required = innerConditions.awarded.union(innerConditions.fixed.keys).count
        let maximum = MarginModel.maximumAwards(inner)
        guard required <= maximum else {
            return best.map { Solution(allocation: $0.allocation, value: $0.value, proven: true, bound: $0.value) }
        }
        let combinatorial = valueBounds(inner, upTo: maximum)
        let template = try MarginModel.Template(problem: inner, conditions: innerConditions)

        // Step 3: bounds per count, scanning outward from the plain relaxation's optimum.
        var counts: [Count] = []
        var proven = true
        var options = Allocator.solverOptions(for: policy)
        options.timeLimitSeconds = remaining()
        let (plain, plainSeconds) = try trace.measure("count scan") {
            try GLPKSolver.solve(template.relaxed, options: options)
        }
        trace.log("plain relaxation \(plain.objectiveValue ?? .nan) in \(plainSeconds) s, maximum awards \(maximum)")
        var peak = required
        if plain.termination == .optimal {
            let awards = template.all.terms.reduce(0.0) { $0 + plain.values[$1.variable.index] }
            peak = min(maximum, max(required, Int(awards.rounded(.down))))
        } else if plain.termination == .infeasible {
            return best.map { Solution(allocation: $0.allocation, value: $0.value, proven: true, bound: $0.value) }
        }
        // A good allocation early makes everything after cheaper: without a given incumbent,
        // at the count next to the plain relaxation's optimum whose own relaxation is the
        // better (the optimum lies between two counts, and in the many-awards regime the count
        // below it was often the worse one), solve the model over the candidates whose reduced
        // costs are the least negative, stopping within `SearchSettings.heuristicGap` (a
        // heuristic: only its allocation is used, never its bound). A given incumbent
        // (margins: the local search's; scenarios: a neighbouring budget's optimum) is usually
        // as good, and skipping this halves the time of a margin.
        // A heuristic search also gives the components that every allocation within
        // `SearchSettings.heuristicForcingDepth` of the count's bound must give
        // (`forcedComponents`): only a restriction of where it looks, since its allocation is
        // all that is used of it.
        func heuristicConditions(_ relaxed: SolveResult, awards: Int, bound: Double) -> AllocationModel.Conditions {
            var result = innerConditions
            let count = Count(awards: awards, bound: bound, reducedCosts: relaxed.reducedCosts, relaxation: relaxed)
            for (rank, component) in forcedComponents(
                inner, template: template, conditions: innerConditions, count: count,
                target: (bound - SearchSettings.heuristicForcingDepth, 0))
            {
                result.fixed[rank] = component
            }
            return result
        }
        var relaxations: [Int: SolveResult] = [:]
        if plain.termination == .optimal {
            options.timeLimitSeconds = remaining()
            var (relaxed, _) = try trace.measure("count scan") {
                try GLPKSolver.solve(try template.relaxation(awards: peak), options: options)
            }
            relaxations[peak] = relaxed
            if incumbent == nil, peak + 1 <= maximum {
                options.timeLimitSeconds = remaining()
                let (above, _) = try trace.measure("count scan") {
                    try GLPKSolver.solve(try template.relaxation(awards: peak + 1), options: options)
                }
                relaxations[peak + 1] = above
                if above.termination == .optimal,
                    (above.objectiveValue ?? -.infinity) > (relaxed.objectiveValue ?? .infinity)
                {
                    peak += 1
                    relaxed = above
                }
            }
            if incumbent == nil, relaxed.termination == .optimal, let bound = relaxed.objectiveValue, beats(bound) {
                let keep = promisingCandidates(
                    inner, template: template, conditions: innerConditions,
                    relaxation: relaxed, awards: peak)
                options.timeLimitSeconds = remaining()
                let heuristicOptions = SearchSettings.heuristic(options)
                let ((found, nodes), seconds) = try trace.measure("heuristic") {
                    try searchCount(
                        inner, keeping: keep, conditions: heuristicConditions(relaxed, awards: peak, bound: bound),
                        awards: peak, options: heuristicOptions)
                }
                if let found, problem.isFeasible(reduced.expand(found)) && conditions.areMet(by: reduced.expand(found))
                {
                    let allocation = reduced.expand(found)
                    let value = problem.value(of: allocation)
                    if best == nil || value > best!.value { best = (allocation, value) }
                }
                trace.log(
                    "heuristic at N=\(peak) (peak, bound \(bound)) over \(keep.filter { $0 }.count): "
                        + (found.map { "value \(inner.value(of: $0))" } ?? "nothing")
                        + " in \(seconds) s, \(nodes ?? 0) nodes")
            }
        }
        for direction in [-1, 1] {
            var n = direction < 0 ? peak : peak + 1
            while (required...maximum).contains(n) {
                defer { n += direction }
                if !beats(combinatorial[n]) { continue }
                options.timeLimitSeconds = remaining()
                let (outer, _) = try trace.measure("count scan") {
                    try GLPKSolver.solve(try template.plainRelaxation(awards: n), options: options)
                }
                switch outer.termination {
                case .optimal:
                    // Concavity: every count further on this side is bounded by this value.
                    if let value = outer.objectiveValue, !beats(value) {
                        n = direction < 0 ? required - 1 : maximum + 1
                    }
                    if !beats(outer.objectiveValue ?? .infinity) { continue }
                case .infeasible:
                    continue
                default:
                    break
                }
                options.timeLimitSeconds = remaining()
                let (relaxed, _) = try trace.measure("count scan") {
                    try relaxations[n] ?? GLPKSolver.solve(try template.relaxation(awards: n), options: options)
                }
                trace.log(
                    "N=\(n): plain bound \(outer.objectiveValue ?? .nan), tight bound \(relaxed.objectiveValue ?? .nan)"
                )
                switch relaxed.termination {
                case .optimal:
                    guard let bound = relaxed.objectiveValue, beats(bound) else { continue }
                    counts.append(
                        Count(awards: n, bound: bound, reducedCosts: relaxed.reducedCosts, relaxation: relaxed))
                case .infeasible:
                    continue
                default:
                    // No usable bound: the count has to be searched in full.
                    counts.append(Count(awards: n, bound: .infinity, reducedCosts: [], relaxation: nil))
                }
            }
        }
        counts.sort { $0.bound != $1.bound ? $0.bound > $1.bound : $0.awards < $1.awards }

        // The same heuristic at the other counts that may beat the best known, best bound
        // first: an exact search goes much faster once the best allocation of every count is
        // nearly known (reduced-cost fixing drops more, the cutoff prunes more). Not at a count
        // whose bound is within the heuristic's gap of the best known: the heuristic could stop
        // there without improving on it, after as long as the exact search takes.
        for count in counts where count.awards != peak && incumbent == nil {
            guard beats(count.bound), let relaxed = count.relaxation, remaining() > 0 else { continue }
            if let best, !SearchSettings.heuristicMayImprove(bound: count.bound, best: best.value) {
                trace.log(
                    "heuristic at N=\(count.awards) skipped: bound \(count.bound) within its gap of \(best.value)")
                continue
            }
            let keep = promisingCandidates(
                inner, template: template, conditions: innerConditions,
                relaxation: relaxed, awards: count.awards)
            options.timeLimitSeconds = remaining()
            let heuristicOptions = SearchSettings.heuristic(options)
            let ((found, nodes), seconds) = try trace.measure("heuristic") {
                try searchCount(
                    inner, keeping: keep,
                    conditions: heuristicConditions(relaxed, awards: count.awards, bound: count.bound),
                    awards: count.awards, options: heuristicOptions)
            }
            if let found {
                let allocation = reduced.expand(found)
                if problem.isFeasible(allocation) && conditions.areMet(by: allocation) {
                    let value = problem.value(of: allocation)
                    if best == nil || value > best!.value { best = (allocation, value) }
                }
            }
            trace.log(
                "heuristic at N=\(count.awards) (bound \(count.bound)) over \(keep.filter { $0 }.count): "
                    + (found.map { "value \(inner.value(of: $0))" } ?? "nothing")
                    + " in \(seconds) s, \(nodes ?? 0) nodes")
        }

        // Step 4: search the counts that can still beat the best known. With `descending`
        // (margins), in levels of a falling target first (`TargetLevels`): each level asks
        // every count whose bound reaches the target for an allocation of at least that value,
        // with reduced-cost fixing against the target instead of the (often far lower) value
        // to beat; the first level that finds one settles the solve.
        var open: [Double] = []
        // The plain relaxation as a second source of fixing (its count is never read: the
        // fixing uses only the bound, the reduced costs and the values).
        let plainCount =
            plain.termination == .optimal
            ? plain.objectiveValue.map {
                Count(awards: peak, bound: $0, reducedCosts: plain.reducedCosts, relaxation: plain)
            } : nil
        var upper = counts.map(\.bound)
        var settled = [Bool](repeating: false, count: counts.count)
        let top = counts.first.map { count in goal.ceiling.map { min(count.bound, $0) } ?? count.bound }
        var levels = goal.descending ? TargetLevels(top: top, lattice: halfStep.map { $0 * 2 }) : nil
        var searches = 0
        let searched = counts.filter { beats($0.bound) }.count
        while true {
            let target = levels?.target(above: best.map { threshold($0.value) })
            for (index, count) in counts.enumerated() where !settled[index] {
                guard beats(upper[index]) else {
                    settled[index] = true
                    continue
                }
                if let target, upper[index] < target { continue }
                progress?(RunProgress(.solving, done: min(searches, searched), total: max(searched, searches + 1)))
                searches += 1
                guard remaining() > 0 else {
                    proven = false
                    open.append(upper[index])
                    settled[index] = true
                    continue
                }
                let cutoff = max(target ?? -.infinity, best.map { threshold($0.value) } ?? -.infinity)
                let ((narrowed, model), buildSeconds) = try trace.measure("exact: building") {
                    let fixingTarget =
                        cutoff.isFinite ? (cutoff, AllocationProblem.tolerance(best?.value ?? cutoff)) : nil
                    // Reduced-cost fixing from the count's own relaxation and from the plain
                    // relaxation (a relaxation of every count's model, with other duals): a
                    // candidate is kept only when both keep it, and a component forced by
                    // either is given.
                    var keep = keptCandidates(
                        inner, template: template, conditions: innerConditions, count: count,
                        target: fixingTarget)
                    var searchConditions = innerConditions
                    for (rank, component) in forcedComponents(
                        inner, template: template, conditions: innerConditions,
                        count: count, target: fixingTarget)
                    {
                        searchConditions.fixed[rank] = component
                    }
                    if let plainCount {
                        let plainKeep = keptCandidates(
                            inner, template: template, conditions: innerConditions,
                            count: plainCount, target: fixingTarget)
                        keep = zip(keep, plainKeep).map { $0 && $1 }
                        for (rank, component) in forcedComponents(
                            inner, template: template, conditions: innerConditions,
                            count: plainCount, target: fixingTarget)
                        where searchConditions.fixed[rank] == nil {
                            searchConditions.fixed[rank] = component
                        }
                    }
                    let narrowed = ReducedProblem(inner, keeping: keep, conditions: searchConditions)
                    var model = try MarginModel.Template(problem: narrowed.problem, conditions: narrowed.conditions)
                        .model(awards: count.awards)
                    if cutoff.isFinite {
                        _ = try model.built.model.addConstraint(name: "better", model.built.objective, .atLeast(cutoff))
                    }
                    // A known ceiling as a row: once an allocation reaches it, every node's
                    // bound is down to it and the search ends. Only half a lattice step above
                    // it, so that GLPK's tolerances cannot cut off an allocation at the ceiling.
                    if let ceiling = goal.ceiling, let halfStep, halfStep >= 4 * AllocationProblem.tolerance(ceiling) {
                        _ = try model.built.model.addConstraint(
                            name: "ceiling", model.built.objective, .atMost(ceiling + halfStep))
                    }
                    return (narrowed, model)
                }
                options.timeLimitSeconds = remaining()
                var exactOptions = SearchSettings.exact(options)
                // A level's search is a probe: it stops after `TargetLevels.probeNodes` nodes,
                // and a count it leaves open is searched again at the next level.
                if target != nil { exactOptions.nodeLimit = TargetLevels.probeNodes }
                let (result, searchSeconds) = try trace.measure("exact: search") {
                    try GLPKSolver.solve(model.built.model, options: exactOptions)
                }
                trace.log(
                    "exact at N=\(count.awards) (bound \(upper[index]), at least \(cutoff), best \(best?.value ?? .nan)): "
                        + "\(narrowed.problem.candidates.count) candidates after fixing (\(narrowed.conditions.fixed.count) fixed), built in \(buildSeconds) s, "
                        + "\(result.termination) \(result.objectiveValue ?? .nan) in \(searchSeconds) s, \(result.nodes ?? 0) nodes"
                )
                switch result.termination {
                case .limitReachedWithSolution where target != nil, .limitReachedWithoutSolution where target != nil:
                    // A probe stopped at its node limit: keep what it found, the count stays open.
                    if result.termination.hasSolution {
                        let allocation = reduced.expand(narrowed.expand(model.built.allocation(from: result.values)))
                        if problem.isFeasible(allocation), conditions.areMet(by: allocation) {
                            let value = problem.value(of: allocation)
                            if best == nil || value > best!.value { best = (allocation, value) }
                        }
                    }
                case .optimal, .limitReachedWithSolution:
                    settled[index] = true
                    if result.termination != .optimal {
                        proven = false
                        open.append(result.bestBound ?? upper[index])
                    }
                    let allocation = reduced.expand(narrowed.expand(model.built.allocation(from: result.values)))
                    guard problem.isFeasible(allocation), conditions.areMet(by: allocation) else {
                        throw InexactSolution()
                    }
                    let value = problem.value(of: allocation)
                    if best == nil || value > best!.value { best = (allocation, value) }
                case .limitReachedWithoutSolution:
                    settled[index] = true
                    proven = false
                    open.append(result.bestBound ?? upper[index])
                case .infeasible:
                    // Nothing at this count reaches the cutoff: when that was only a level's
                    // target, the count stays open below it.
                    if let target, target >= cutoff {
                        upper[index] = target
                    } else {
                        settled[index] = true
                    }
                case .unbounded:
                    throw AllocationError(
                        "the solver reported a model by number of awards unbounded, which it cannot be")
                case .error(let message):
                    throw AllocationError("the solver failed: \(message)")
                }
            }
            guard target != nil, settled.contains(false) else { break }
            levels?.descend()
        }
        guard let best else {
            if !proven {
                throw AllocationError(
                    "the solver reached its time limit without any allocation under the extra conditions")
            }
            return nil
        }
        let bound = proven ? best.value : max(best.value, open.max() ?? best.value)
        return Solution(allocation: best.allocation, value: best.value, proven: proven, bound: bound)
    }

    /// `solve`, falling back to one solve of the plain model (over the candidates dominance
    /// keeps) with its no-good rounds (`Allocator.solveModel`) when GLPK's tolerances let an
    /// allocation through that the exact check rejects. `incumbent` is used only when it is
    /// feasible and meets the conditions.
    static func solveExactly(
        _ problem: AllocationProblem, policy: Policy, conditions: AllocationModel.Conditions, incumbent: Allocation?,
        goal: Goal = .init(), progress: ProgressReporter? = nil
    ) throws -> Solution? {
        let start = incumbent.flatMap { allocation in
            allocation.count == problem.candidates.count && problem.isFeasible(allocation)
                && conditions.areMet(by: allocation) ? allocation : nil
        }
        do {
            return try solve(
                problem, policy: policy, conditions: conditions, incumbent: start, goal: goal,
                progress: progress)
        } catch is InexactSolution {
            let reduced = ReducedProblem(problem, conditions: conditions)
            guard
                let solved = try Allocator.solveModel(
                    reduced.problem, policy: policy, conditions: reduced.conditions,
                    incumbent: start.flatMap(reduced.restrict))
            else { return nil }
            let allocation = reduced.expand(solved.allocation)
            let value = problem.value(of: allocation)
            return Solution(
                allocation: allocation, value: value, proven: solved.status == .optimal,
                bound: max(value, solved.bound))
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
        let model = try MarginModel.Template(problem: narrowed.problem, conditions: narrowed.conditions).model(
            awards: awards)
        let result = try GLPKSolver.solve(model.built.model, options: options)
        guard result.termination.hasSolution else { return (nil, result.nodes) }
        return (narrowed.expand(model.built.allocation(from: result.values)), result.nodes)
    }

    /// The candidates a heuristic search at `awards` awards looks at: those the relaxation
    /// awards at all, and the others with the least negative reduced costs, up to
    /// `max(1.5 · awards, 30)` in all (ties by rank). Conditioned awards are always among them.
    static func promisingCandidates(
        _ problem: AllocationProblem, template: MarginModel.Template, conditions: AllocationModel.Conditions,
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
        _ problem: AllocationProblem, template: MarginModel.Template, conditions: AllocationModel.Conditions,
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
        _ problem: AllocationProblem, template: MarginModel.Template, conditions: AllocationModel.Conditions,
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

    /// For each count k of awards, an upper bound on V: the k best scores, coverage for at
    /// most k countries, less the region shortfall that every k-award allocation has.
    ///
    /// Every constraint of MODEL.md section 3 is relaxed here except through `maximum` (the
    /// caller's count bound, `MarginModel.maximumAwards`): a bound over fewer constraints still
    /// bounds. The switch makes a new kind of constraint say so before it compiles.
    static func valueBounds(_ problem: AllocationProblem, upTo maximum: Int) -> [Double] {
        for constraint in AllocationProblem.Constraint.allCases {
            switch constraint {
            case .budget, .countryCap, .dsaRule: continue  // Relaxed, or counted in `maximum`.
            }
        }
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
