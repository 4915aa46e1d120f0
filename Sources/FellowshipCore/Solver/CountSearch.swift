import LinearProgramming

/// One solve of `ConditionedSolver.solve`, phase by phase: the state the phases share (the
/// reduced problem, the value to beat, the counts still open, the time left) and one method
/// per phase, run in this order:
///
/// 1. `init`: dominance inside each country sets candidates aside (`ReducedProblem`); the
///    value to beat is the better of the given incumbent and the greedy allocation.
/// 2. `scanCounts`: LP bounds by number of awards, outward from the plain relaxation's
///    optimum, with a heuristic search at the most promising count when no incumbent was
///    given.
/// 3. `improveByHeuristics`: the same heuristic at the other counts that may still win;
///    with a given incumbent (margins), `improveByNeighbourhoods` instead: small searches
///    around the incumbent (`CountSearch+Neighbourhood.swift`).
/// 4. `searchExactly`: exact searches of the counts that can still beat the best known, in
///    levels of a falling target first when the goal asks for it (margins).
/// 5. `outcome`: the best allocation, proven or with the bound the open counts leave.
///
/// A class, not a struct: the phases time themselves through `trace` while reading the other
/// fields, and a solve lives on one thread from start to end.
final class CountSearch {
    let problem: AllocationProblem
    let conditions: AllocationModel.Conditions
    let incumbent: Allocation?
    let goal: ConditionedSolver.Goal
    let progress: ProgressReporter?
    let policy: Policy
    var trace: SolverTrace

    /// The problem without the candidates dominance sets aside, and the conditions by its ranks.
    let reduced: ReducedProblem
    var inner: AllocationProblem { reduced.problem }
    var innerConditions: AllocationModel.Conditions { reduced.conditions }

    /// Half the lattice step of V (`ValueLattice`), when V has one.
    let halfStep: Double?
    /// Awards the conditions require, and an upper bound on the number of awards.
    let required: Int
    let maximum: Int

    /// The value to beat, kept in full ranks (an incumbent may award a set-aside candidate).
    var best: (allocation: Allocation, value: Double)?
    /// The counts whose LP bound beats the value to beat, best bound first after the scan.
    var counts: [ConditionedSolver.Count] = []
    /// The count next to the plain relaxation's optimum.
    var peak: Int
    /// Bounds of the counts a limit left open (time limit).
    var open: [Double] = []
    var proven = true
    var options: SolverOptions

    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private(set) var template: CountModel.Template?
    private var plain: SolveResult?
    private var relaxations: [Int: SolveResult] = [:]
    /// The warm-started sequence of the count scan, while it runs (`Goal.warmStartedScan`).
    private var warm: WarmStartedLP?

    init(
        _ problem: AllocationProblem, policy: Policy, conditions: AllocationModel.Conditions, incumbent: Allocation?,
        goal: ConditionedSolver.Goal, progress: ProgressReporter?
    ) {
        start = clock.now
        self.problem = problem
        self.policy = policy
        self.conditions = conditions
        self.incumbent = incumbent
        self.goal = goal
        self.progress = progress
        var trace = SolverTrace()
        let (reduced, _) = trace.measure("dominance") { ReducedProblem(problem, conditions: conditions) }
        self.reduced = reduced
        let inner = reduced.problem
        trace.log("candidates \(problem.candidates.count), kept by dominance \(inner.candidates.count)")

        var best: (allocation: Allocation, value: Double)?
        if let incumbent { best = (incumbent, problem.value(of: incumbent)) }
        if let start = ConditionedSolver.greedyAllocation(inner, conditions: reduced.conditions) {
            let value = inner.value(of: start)
            if best == nil || value > best!.value { best = (reduced.expand(start), value) }
        }
        trace.log("start: " + (best.map { "value \($0.value)" } ?? "none"))
        self.best = best
        self.trace = trace
        // Values of a problem lie on a lattice (`ValueLattice`) when its weights are moderate
        // rationals: then a better allocation is better by a whole step, and it is enough to
        // look for V ≥ best + step/2, which GLPK's tolerances cannot blur. Otherwise the
        // threshold is best + 1e-9·max(1, |best|). The lattice is the full problem's: a given
        // incumbent may award set-aside candidates, whose scores the reduced problem's
        // lattice would not account for.
        halfStep = ValueLattice(problem).map { $0.step / 2 }
        required = reduced.conditions.awarded.union(reduced.conditions.fixed.keys).count
        maximum = CountModel.maximumAwards(inner)
        peak = required
        options = Allocator.solverOptions(for: policy)
    }

    /// Seconds left of the policy's time limit for the whole solve.
    func remaining() -> Double {
        max(0, policy.solver.timeLimitSeconds - SolverTrace.seconds(clock.now - start))
    }

    /// The value an allocation must reach to beat `value`.
    func threshold(_ value: Double) -> Double {
        if let halfStep, halfStep >= 4 * AllocationProblem.tolerance(value) { return value + halfStep }
        return value + 1e-9 * max(1, abs(value))
    }

    /// Whether an upper bound leaves room to beat the best known.
    func beats(_ bound: Double) -> Bool {
        guard let best else { return true }
        return bound > threshold(best.value) - AllocationProblem.tolerance(best.value) / 2
    }

    /// The outcome when the start settles the solve (no count can hold more, or the plain
    /// relaxation is infeasible): the best known, proven.
    func outcomeOfStart() -> SolveOutcome? {
        best.map { SolveOutcome(allocation: $0.allocation, value: $0.value, status: .optimal, bound: $0.value) }
    }

    /// Keeps `allocation` (in full ranks) as the best known when it is feasible, meets the
    /// conditions and is better.
    func offer(_ allocation: Allocation) {
        guard problem.isFeasible(allocation), conditions.areMet(by: allocation) else { return }
        let value = problem.value(of: allocation)
        if best == nil || value > best!.value { best = (allocation, value) }
    }

    // MARK: - Phase 2: bounds by count

    /// Bounds per count, scanning outward from the plain relaxation's optimum. Returns false
    /// when the plain relaxation is infeasible (the start is then the answer). With the goal's
    /// `warmStartedScan`, the scan's LPs are one warm-started sequence over the plain relaxation.
    func scanCounts() throws -> Bool {
        var form = AllocationModel.Form(isCompact: true)
        form.hasAwardCount = goal.warmStartedScan
        let template = try CountModel.Template(problem: inner, conditions: innerConditions, form: form)
        self.template = template
        guard goal.warmStartedScan else { return try scan(template) }
        return try GLPKSolver.withWarmStarts(base: template.relaxed) { sequence in
            warm = sequence
            defer { warm = nil }
            return try scan(template)
        }
    }

    /// One LP of the scan: on the warm-started sequence while there is one, else from scratch.
    private func solveRelaxation(_ model: Model, options: SolverOptions) throws -> SolveResult {
        if let warm { return try warm.solve(model, options: options) }
        return try GLPKSolver.solve(model, options: options)
    }

    private func scan(_ template: CountModel.Template) throws -> Bool {
        let combinatorial = CountModel.valueBounds(inner, upTo: maximum)
        options.timeLimitSeconds = remaining()
        let options = self.options
        let (plain, plainSeconds) = try trace.measure("count scan") {
            try solveRelaxation(template.relaxed, options: options)
        }
        self.plain = plain
        trace.log("plain relaxation \(plain.objectiveValue ?? .nan) in \(plainSeconds) s, maximum awards \(maximum)")
        if plain.termination == .optimal {
            let awards = template.all.terms.reduce(0.0) { $0 + plain.values[$1.variable.index] }
            peak = min(maximum, max(required, Int(awards.rounded(.down))))
        } else if plain.termination == .infeasible {
            return false
        }
        if plain.termination == .optimal { try searchAtPeak(template) }
        for direction in [-1, 1] {
            var n = direction < 0 ? peak : peak + 1
            while (required...maximum).contains(n) {
                defer { n += direction }
                if !beats(combinatorial[n]) { continue }
                self.options.timeLimitSeconds = remaining()
                let options = self.options
                let (outer, _) = try trace.measure("count scan") {
                    try solveRelaxation(try template.plainRelaxation(awards: n), options: options)
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
                self.options.timeLimitSeconds = remaining()
                let relaxedOptions = self.options
                let known = relaxations[n]
                let (relaxed, _) = try trace.measure("count scan") {
                    try known ?? solveRelaxation(try template.relaxation(awards: n), options: relaxedOptions)
                }
                trace.log(
                    "N=\(n): plain bound \(outer.objectiveValue ?? .nan), tight bound \(relaxed.objectiveValue ?? .nan)"
                )
                switch relaxed.termination {
                case .optimal:
                    guard let bound = relaxed.objectiveValue, beats(bound) else { continue }
                    counts.append(
                        .init(awards: n, bound: bound, reducedCosts: relaxed.reducedCosts, relaxation: relaxed))
                case .infeasible:
                    continue
                default:
                    // No usable bound: the count has to be searched in full.
                    counts.append(.init(awards: n, bound: .infinity, reducedCosts: [], relaxation: nil))
                }
            }
        }
        counts.sort { $0.bound != $1.bound ? $0.bound > $1.bound : $0.awards < $1.awards }
        return true
    }

    /// A good allocation early makes everything after cheaper: without a given incumbent, at
    /// the count next to the plain relaxation's optimum whose own relaxation is the better (the
    /// optimum lies between two counts, and in the many-awards regime the count below it was
    /// often the worse one), solve the model over the candidates whose reduced costs are the
    /// least negative, stopping within `SearchSettings.heuristicGap` (a heuristic: only its
    /// allocation is used, never its bound). A given incumbent (margins: the local search's;
    /// scenarios: a neighbouring budget's optimum) is usually as good, and skipping this halves
    /// the time of a margin.
    private func searchAtPeak(_ template: CountModel.Template) throws {
        options.timeLimitSeconds = remaining()
        let options = self.options
        var (relaxed, _) = try trace.measure("count scan") {
            try solveRelaxation(try template.relaxation(awards: peak), options: options)
        }
        relaxations[peak] = relaxed
        if incumbent == nil, peak + 1 <= maximum {
            self.options.timeLimitSeconds = remaining()
            let aboveOptions = self.options
            let next = peak + 1
            let (above, _) = try trace.measure("count scan") {
                try solveRelaxation(try template.relaxation(awards: next), options: aboveOptions)
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
            try heuristicSearch(at: peak, relaxation: relaxed, bound: bound, template: template, label: "peak, bound")
        }
    }

    // MARK: - Phase 3: heuristics at the other counts

    /// The same heuristic at the other counts that may beat the best known, best bound first:
    /// an exact search goes much faster once the best allocation of every count is nearly
    /// known (reduced-cost fixing drops more, the cutoff prunes more). Not at a count whose
    /// bound is within the heuristic's gap of the best known: the heuristic could stop there
    /// without improving on it, after as long as the exact search takes.
    func improveByHeuristics() throws {
        guard let template else { return }
        for count in counts where count.awards != peak && incumbent == nil {
            guard beats(count.bound), let relaxed = count.relaxation, remaining() > 0 else { continue }
            if let best, !SearchSettings.heuristicMayImprove(bound: count.bound, best: best.value) {
                trace.log(
                    "heuristic at N=\(count.awards) skipped: bound \(count.bound) within its gap of \(best.value)")
                continue
            }
            try heuristicSearch(
                at: count.awards, relaxation: relaxed, bound: count.bound, template: template, label: "bound")
        }
    }

    /// One heuristic search at `awards` awards. It also fixes the components that every
    /// allocation within `SearchSettings.heuristicForcingDepth` of the count's bound must give
    /// (`forcedComponents`): only a restriction of where it looks, since its allocation is all
    /// that is used of it.
    private func heuristicSearch(
        at awards: Int, relaxation relaxed: SolveResult, bound: Double, template: CountModel.Template, label: String
    ) throws {
        let keep = ConditionedSolver.promisingCandidates(
            inner, template: template, conditions: innerConditions, relaxation: relaxed, awards: awards)
        var searchConditions = innerConditions
        let count = ConditionedSolver.Count(
            awards: awards, bound: bound, reducedCosts: relaxed.reducedCosts, relaxation: relaxed)
        for (rank, component) in ConditionedSolver.forcedComponents(
            inner, template: template, conditions: innerConditions, count: count,
            target: (bound - SearchSettings.heuristicForcingDepth, 0))
        {
            searchConditions.fixed[rank] = component
        }
        options.timeLimitSeconds = remaining()
        let heuristicOptions = SearchSettings.heuristic(options)
        let inner = self.inner
        let ((found, nodes), seconds) = try trace.measure("heuristic") {
            try ConditionedSolver.searchCount(
                inner, keeping: keep, conditions: searchConditions, awards: awards, options: heuristicOptions)
        }
        if let found { offer(reduced.expand(found)) }
        trace.log(
            "heuristic at N=\(awards) (\(label) \(bound)) over \(keep.filter { $0 }.count): "
                + (found.map { "value \(inner.value(of: $0))" } ?? "nothing")
                + " in \(seconds) s, \(nodes ?? 0) nodes")
    }

    // MARK: - Phase 4: exact searches

    /// Searches the counts that can still beat the best known. With `descending` (margins), in
    /// levels of a falling target first (`TargetLevels`): each level asks every count whose
    /// bound reaches the target for an allocation of at least that value, with reduced-cost
    /// fixing against the target instead of the (often far lower) value to beat; the first
    /// level that finds one settles the solve.
    func searchExactly() throws {
        guard let template, let plain else { return }
        // The plain relaxation as a second source of fixing (its count is never read: the
        // fixing uses only the bound, the reduced costs and the values).
        let plainCount =
            plain.termination == .optimal
            ? plain.objectiveValue.map {
                ConditionedSolver.Count(awards: peak, bound: $0, reducedCosts: plain.reducedCosts, relaxation: plain)
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
                let fixingTarget = cutoff.isFinite ? (cutoff, AllocationProblem.tolerance(best?.value ?? cutoff)) : nil
                let ((narrowed, model), buildSeconds) = try trace.measure("exact: building") {
                    try countModel(
                        count, template: template, plainCount: plainCount, fixingTarget: fixingTarget, cutoff: cutoff)
                }
                options.timeLimitSeconds = remaining()
                var exactOptions = SearchSettings.exact(options)
                // A level's search is a probe: it stops after `TargetLevels.probeNodes` nodes,
                // and a count it leaves open is searched again at the next level.
                if target != nil { exactOptions.nodeLimit = TargetLevels.probeNodes }
                let searchOptions = exactOptions
                let (result, searchSeconds) = try trace.measure("exact: search") {
                    try GLPKSolver.solve(model.built.model, options: searchOptions)
                }
                trace.log(
                    "exact at N=\(count.awards) (bound \(upper[index]), at least \(cutoff), best \(best?.value ?? .nan)): "
                        + "\(narrowed.problem.candidates.count) candidates after fixing (\(narrowed.conditions.fixed.count) fixed), built in \(buildSeconds) s, "
                        + "\(result.termination) \(result.objectiveValue ?? .nan) in \(searchSeconds) s, \(result.nodes ?? 0) nodes"
                )
                func found() -> Allocation {
                    reduced.expand(narrowed.expand(model.built.allocation(from: result.values)))
                }
                switch try SearchEnd(result.termination, model: "a model by number of awards") {
                case .found(proven: false) where target != nil:
                    // A probe stopped at its node limit: keep what it found, the count stays open.
                    offer(found())
                case .limitWithoutSolution where target != nil:
                    break
                case .found(let isProven):
                    settled[index] = true
                    if !isProven {
                        proven = false
                        open.append(result.bestBound ?? upper[index])
                    }
                    let allocation = found()
                    guard problem.isFeasible(allocation), conditions.areMet(by: allocation) else {
                        throw ConditionedSolver.InexactSolution()
                    }
                    offer(allocation)
                case .limitWithoutSolution:
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
                }
            }
            guard target != nil, settled.contains(false) else { break }
            levels?.descend()
        }
    }

    /// The model of one exact search: the count's model over the candidates reduced-cost
    /// fixing keeps, with the components it forces fixed, a row for the cutoff and one for the
    /// goal's ceiling.
    private func countModel(
        _ count: ConditionedSolver.Count, template: CountModel.Template, plainCount: ConditionedSolver.Count?,
        fixingTarget: (value: Double, tolerance: Double)?, cutoff: Double
    ) throws -> (ReducedProblem, CountModel) {
        // Reduced-cost fixing from the count's own relaxation and from the plain relaxation (a
        // relaxation of every count's model, with other duals): a candidate is kept only when
        // both keep it, and a component forced by either is given.
        var keep = ConditionedSolver.keptCandidates(
            inner, template: template, conditions: innerConditions, count: count, target: fixingTarget)
        var searchConditions = innerConditions
        for (rank, component) in ConditionedSolver.forcedComponents(
            inner, template: template, conditions: innerConditions, count: count, target: fixingTarget)
        {
            searchConditions.fixed[rank] = component
        }
        if let plainCount {
            let plainKeep = ConditionedSolver.keptCandidates(
                inner, template: template, conditions: innerConditions, count: plainCount, target: fixingTarget)
            keep = zip(keep, plainKeep).map { $0 && $1 }
            for (rank, component) in ConditionedSolver.forcedComponents(
                inner, template: template, conditions: innerConditions, count: plainCount, target: fixingTarget)
            where searchConditions.fixed[rank] == nil {
                searchConditions.fixed[rank] = component
            }
        }
        let narrowed = ReducedProblem(inner, keeping: keep, conditions: searchConditions)
        var model = try CountModel.Template(
            problem: narrowed.problem, conditions: narrowed.conditions,
            form: .compact(awards: count.awards)
        ).model(awards: count.awards)
        if cutoff.isFinite {
            _ = try model.built.model.addConstraint(name: "better", model.built.objective, .atLeast(cutoff))
        }
        // A known ceiling as a row: once an allocation reaches it, every node's bound is down
        // to it and the search ends. Only half a lattice step above it, so that GLPK's
        // tolerances cannot cut off an allocation at the ceiling.
        if let ceiling = goal.ceiling, let halfStep, halfStep >= 4 * AllocationProblem.tolerance(ceiling) {
            _ = try model.built.model.addConstraint(name: "ceiling", model.built.objective, .atMost(ceiling + halfStep))
        }
        return (narrowed, model)
    }

    // MARK: - Phase 5: the outcome

    /// The best allocation found, proven, or with the best bound the open counts leave.
    func outcome() throws -> SolveOutcome? {
        guard let best else {
            if !proven {
                throw AllocationError(
                    "the solver reached its time limit without any allocation under the extra conditions")
            }
            return nil
        }
        let bound = proven ? best.value : max(best.value, open.max() ?? best.value)
        return SolveOutcome(
            allocation: best.allocation, value: best.value, status: proven ? .optimal : .time_limit, bound: bound)
    }
}
