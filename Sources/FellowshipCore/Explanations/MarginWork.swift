import Foundation

/// Many margins of one run at once (issue #12): one conditioned solve per clone class.
///
/// The margins asked for are grouped by `CloneClasses`: a margin already known (stored) for
/// any clone of the same published status is carried over, otherwise the class's
/// representative (its earliest-ranked member) is computed by `MarginCalculator` and every
/// member asked for is read from it (`CloneClasses.transfer`). Which candidate is computed
/// and what it is computed from depend only on the run and on the margins known, never on
/// the order in which threads finish, so the results are the same however the work is
/// scheduled.
struct MarginWork: Sendable {
    let problem: AllocationProblem
    let published: Allocation
    /// V*, the value of the published allocation.
    let optimum: Double
    let policy: Policy
    /// Whether the run itself was proven optimal.
    let runExact: Bool
    let base: AllocationModel.Conditions
    let classes: CloneClasses
    let dominance: ValueDominance
    /// For each rank, the candidates it dominates in value (the converse of `dominance`).
    let dominated: [[Int]]

    init(result: AllocationResult, base: AllocationModel.Conditions) {
        self.init(problem: result.problem, published: result.allocation, optimum: result.value,
                  policy: result.screening.inputs.policy, runExact: result.status == .optimal, base: base)
    }

    init(problem: AllocationProblem, published: Allocation, optimum: Double, policy: Policy, runExact: Bool,
         base: AllocationModel.Conditions) {
        self.problem = problem
        self.published = published
        self.optimum = optimum
        self.policy = policy
        self.runExact = runExact
        self.base = base
        classes = CloneClasses(problem: problem, published: published, base: base)
        dominance = ValueDominance(problem: problem, base: base)
        var dominated = [[Int]](repeating: [], count: problem.candidates.count)
        for (rank, dominators) in dominance.dominators.enumerated() {
            for dominator in dominators { dominated[dominator].append(rank) }
        }
        self.dominated = dominated
    }

    /// The class of `rank`: its representative (the rank itself for a pinned candidate).
    func representative(_ rank: Int) -> Int { classes.representative[rank] ?? rank }

    /// The representatives to compute for `ranks`, given the margins `known`, in rank order:
    /// those of the ranks whose class has no known margin.
    func toCompute(_ ranks: [Int], known: [Int: MarginResult]) -> [Int] {
        let knownClasses = Set(known.keys.map(representative))
        return Set(ranks.filter { known[$0] == nil }.map(representative)).subtracting(knownClasses).sorted()
    }

    /// The margins of `ranks` (in the order given), from `known` and `computed` margins of
    /// their classes. Every class of `ranks` must have a margin in one of them.
    func assemble(_ ranks: [Int], known: [Int: MarginResult], computed: [MarginResult]) -> [MarginResult] {
        var source: [Int: MarginResult] = [:]
        // A computed representative first, else the earliest-ranked known member.
        for margin in known.values.sorted(by: { $0.rank > $1.rank }) { source[representative(margin.rank)] = margin }
        for margin in computed { source[representative(margin.rank)] = margin }
        return ranks.map { rank in
            if let margin = known[rank] { return margin }
            let from = source[representative(rank)]!
            return CloneClasses.transfer(from, to: rank, problem: problem, base: base)
        }
    }

    /// Computes the representatives `ranks` in parallel (`ParallelWork`, results by position),
    /// each with the hint the margins `known` give it (`hint(for:known:)`).
    func compute(
        _ ranks: [Int], known: [Int: MarginResult] = [:], finished: (@Sendable (Int) -> Void)? = nil
    ) throws -> [MarginResult] {
        let hints = ranks.map { hint(for: $0, known: known) }
        let work = self
        return try ParallelWork.map(count: ranks.count, finished: finished) { position in
            try work.computeOne(ranks[position], hint: hints[position])
        }
    }

    /// The margin of `rank` computed with `hint`, timed.
    func computeOne(_ rank: Int, hint: MarginHint) throws -> MarginResult {
        let clock = ContinuousClock()
        let start = clock.now
        var computed = try MarginCalculator.compute(
            rank: rank, problem: problem, published: published, optimum: optimum,
            policy: policy, runExact: runExact, base: base, hint: hint)
        let elapsed = clock.now - start
        computed.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return computed
    }

    /// The order in which representatives are computed so that value-dominance bounds are
    /// there when needed: a not-awarded candidate after its value-dominators (fewer
    /// dominators first), an awarded one after those it dominates (fewer dominated first);
    /// then by rank.
    func ordered(_ ranks: [Int]) -> [Int] {
        func depth(_ rank: Int) -> Int {
            published[rank] == nil ? dominance.dominators[rank].count : dominated[rank].count
        }
        let keyed: [(rank: Int, depth: Int)] = ranks.map { ($0, depth($0)) }
        let sorted = keyed.sorted { left, right in left.depth != right.depth ? left.depth < right.depth : left.rank < right.rank }
        return sorted.map { $0.rank }
    }

    /// The margins of `ranks`, in the order given: known ones as they are, the others from
    /// one computed margin per class, all on every core at once (no barrier: a slow margin
    /// does not leave a core idle; measured 9–18 % of the wall time with batches of four, in
    /// docs/performance.md), each with the hints of the margins `known` beforehand, so the
    /// results do not depend on thread timing.
    func margins(
        of ranks: [Int], known: [Int: MarginResult] = [:], progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> [MarginResult] {
        let needed = ordered(toCompute(ranks, known: known))
        let total = needed.count
        let computed = try compute(needed, known: known, finished: progress.map { report in { @Sendable done in report(done, total) } })
        return assemble(ranks, known: known, computed: computed)
    }

    /// What the margins `known` tell about the margin of `rank` (`MarginHint`).
    ///
    /// Not awarded: every known allocation awarding a value-dominator b is a start once b's
    /// award is given to `rank` (either of its components), and V*(b awarded) bounds
    /// V*(rank awarded) from above. Awarded: every known allocation without a candidate b that
    /// `rank` dominates in value (and awarded too) is a start, as it is or with `rank`'s
    /// award given to b, and V*(b not awarded) bounds V*(rank not awarded). The allocations
    /// are checked by `MarginCalculator` before use.
    func hint(for rank: Int, known: [Int: MarginResult]) -> MarginHint {
        guard classes.representative[rank] != nil else { return MarginHint() }
        let awarded = published[rank] != nil
        var byClass: [Int: MarginResult] = [:]
        for margin in known.values where byClass[representative(margin.rank)].map({ $0.rank > margin.rank }) ?? true {
            byClass[representative(margin.rank)] = margin
        }
        var hint = MarginHint()
        let others = awarded ? dominated[rank] : dominance.dominators[rank]
        for other in others where (published[other] != nil) == awarded {
            guard let margin = byClass[representative(other)], let alternative = margin.alternative,
                  let value = margin.margin.alternativeOptimum else { continue }
            // The class's computed margin speaks for `other` once the two are exchanged.
            let allocation = CloneClasses.exchanging(margin.rank, other, in: alternative)
            // Only a proven optimum bounds; an unproven one (time limit) is still a start.
            if margin.margin.isExact { hint.upperBound = min(hint.upperBound ?? .infinity, value) }
            if awarded {
                if allocation[rank] == nil {
                    hint.incumbents.append(allocation)
                } else {
                    for component in problem.candidates[other].componentsByCost {
                        var moved = allocation
                        moved[rank] = nil
                        moved[other] = component
                        hint.incumbents.append(moved)
                    }
                }
            } else {
                if allocation[rank] != nil {
                    hint.incumbents.append(allocation)
                } else {
                    for component in problem.candidates[rank].componentsByCost {
                        var moved = allocation
                        moved[other] = nil
                        moved[rank] = component
                        hint.incumbents.append(moved)
                    }
                }
            }
        }
        return hint
    }
}
