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
package struct MarginWork: Sendable {
    package let problem: AllocationProblem
    package let published: Allocation
    /// V*, the value of the published allocation.
    package let optimum: Double
    package let policy: Policy
    /// Whether the run itself was proven optimal.
    package let runExact: Bool
    package let base: AllocationModel.Conditions
    package let classes: CloneClasses

    package init(result: AllocationResult, base: AllocationModel.Conditions) {
        self.init(
            problem: result.problem, published: result.allocation, optimum: result.value,
            policy: result.screening.inputs.policy, runExact: result.status == .optimal, base: base)
    }

    package init(
        problem: AllocationProblem, published: Allocation, optimum: Double, policy: Policy, runExact: Bool,
        base: AllocationModel.Conditions
    ) {
        self.problem = problem
        self.published = published
        self.optimum = optimum
        self.policy = policy
        self.runExact = runExact
        self.base = base
        classes = CloneClasses(problem: problem, published: published, base: base)
    }

    /// The class of `rank`: its representative (the rank itself for a pinned candidate).
    package func representative(_ rank: Int) -> Int { classes.representative[rank] ?? rank }

    /// The representatives to compute for `ranks`, given the margins `known`, in rank order:
    /// those of the ranks whose class has no known margin.
    package func toCompute(_ ranks: [Int], known: [Int: MarginResult]) -> [Int] {
        let knownClasses = Set(known.keys.map(representative))
        return Set(ranks.filter { known[$0] == nil }.map(representative)).subtracting(knownClasses).sorted()
    }

    /// The margins of `ranks` (in the order given), from `known` and `computed` margins of
    /// their classes. Every class of `ranks` must have a margin in one of them.
    package func assemble(_ ranks: [Int], known: [Int: MarginResult], computed: [MarginResult]) -> [MarginResult] {
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

    /// Computes the representatives `ranks` in parallel (`ParallelWork`, results by position).
    ///
    /// Each is computed from the run alone, never from other margins known by then: the
    /// alternative allocation an explanation shows (who would be displaced, who added) must
    /// not depend on which margins happened to be stored before (an explanation asked for
    /// during the margin phase, a phase resumed after a kill). Value-dominance hints between
    /// margins were tried and settled 3 of the sample's 141 margins with no measurable gain
    /// (docs/performance.md, "Margins at scale"), so they were not worth that.
    package func compute(_ ranks: [Int], finished: (@Sendable (Int) -> Void)? = nil) throws -> [MarginResult] {
        let work = self
        return try ParallelWork.map(count: ranks.count, finished: finished) { position in
            try work.computeOne(ranks[position])
        }
    }

    /// The margin of `rank`, timed.
    package func computeOne(_ rank: Int) throws -> MarginResult {
        let clock = ContinuousClock()
        let start = clock.now
        var computed = try MarginCalculator.compute(
            rank: rank, problem: problem, published: published, optimum: optimum,
            policy: policy, runExact: runExact, base: base)
        let elapsed = clock.now - start
        computed.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return computed
    }

    /// The margins of `ranks`, in the order given: known ones as they are, the others from
    /// one computed margin per class, all on every core at once (no barrier: a slow margin
    /// does not leave a core idle; measured 9–18 % of the wall time with batches of four, in
    /// docs/performance.md); each computed from the run alone, so the results do not depend on
    /// thread timing or on what was known before.
    package func margins(
        of ranks: [Int], known: [Int: MarginResult] = [:], progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> [MarginResult] {
        let needed = toCompute(ranks, known: known)
        let total = needed.count
        let computed = try compute(
            needed, finished: progress.map { report in { @Sendable done in report(done, total) } })
        return assemble(ranks, known: known, computed: computed)
    }
}
