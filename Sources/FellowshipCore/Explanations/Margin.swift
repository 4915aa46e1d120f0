import Foundation
import LinearProgramming

/// The margin of MODEL.md section 6 for one eligible application.
///
/// - not awarded: `V* − V*(a awarded)`, the score points the application would have had
///   to gain to be funded; nil when no feasible allocation awards it at all;
/// - awarded: `V* − V*(a not awarded)`, the score points it could have lost and still
///   been funded.
///
/// V* is the value of the published allocation (`AllocationResult.value`, evaluated
/// exactly). A difference within the tie tolerance `1e-6 · max(1, |V*|)` is reported as
/// exactly 0: a tie.
public struct Margin: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The application is not awarded: the margin is what it lacked.
        case toBeAwarded = "to_be_awarded"
        /// The application is awarded: the margin is what it could have lost.
        case toKeepAward = "to_keep_award"
    }

    public var kind: Kind
    /// The margin in score points (≥ 0; 0 for a tie); nil when no feasible allocation awards
    /// the application.
    public var value: Double?
    /// V*: the value of the published allocation.
    public var optimum: Double
    /// V* under the extra condition ("awarded" or "not awarded"); nil when infeasible.
    public var alternativeOptimum: Double?
    /// Whether both the run and the conditioned solve were proven optimal (otherwise the
    /// margin is measured against the best allocations found within the time limit).
    public var isExact: Bool

    public init(kind: Kind, value: Double?, optimum: Double, alternativeOptimum: Double?, isExact: Bool) {
        self.kind = kind
        self.value = value
        self.optimum = optimum
        self.alternativeOptimum = alternativeOptimum
        self.isExact = isExact
    }

    /// A margin of 0: another allocation of equal value (within the tolerance) exists.
    public var isTie: Bool { value == 0 }

    /// The margin from the two optima, with the tie tolerance applied: a difference of at
    /// most `1e-6 · max(1, |V*|)` is 0, and a (numerically) negative one is 0 as well.
    public static func difference(optimum: Double, alternative: Double) -> Double {
        let difference = optimum - alternative
        return difference <= AllocationProblem.tolerance(optimum) ? 0 : difference
    }
}

/// A margin with the allocation that attains the alternative optimum.
public struct MarginResult: Sendable {
    /// How the alternative optimum was established.
    public enum Method: String, Sendable {
        /// A feasible allocation under the condition reaches V* (within the tolerance):
        /// since V*(condition) ≤ V*, the margin is 0 without solving.
        case tieFound = "tie_found"
        /// The conditioned model was solved exactly (`ConditionedSolver`, GLPK).
        case solved
        /// No margin: no allocation can award the applicant (its cheapest allowed component
        /// exceeds the budget, or a per-country cap is 0 for every allowed component), or
        /// the run itself holds the application fixed (a kept or declined award).
        case noFeasibleAllocation = "no_feasible_allocation"
    }

    public var rank: Int
    public var margin: Margin
    /// The best allocation under the condition (tie rule applied with the condition kept),
    /// nil when there is none.
    public var alternative: Allocation?
    public var method: Method
    /// Wall-clock seconds spent on this margin.
    public var seconds: Double

    /// Memberwise, for the store target that reads and writes these records.
    package init(
        rank: Int,
        margin: Margin,
        alternative: Allocation?,
        method: Method,
        seconds: Double
    ) {
        self.rank = rank
        self.margin = margin
        self.alternative = alternative
        self.method = method
        self.seconds = seconds
    }
}

/// Computes margins (MODEL.md section 6) against a published result.
public enum MarginCalculator {
    /// The margin of candidate `rank` of `result.problem`.
    ///
    /// A local search from the published allocation first looks for a good allocation under
    /// the condition (for "not awarded": at least the published allocation without the
    /// applicant, always feasible); when it already reaches V* the margin is 0 and nothing
    /// is solved. Otherwise the conditioned optimum is solved exactly, number of awards by
    /// number of awards (`ConditionedSolver`), with the run's own solver settings (the
    /// policy's `mip_gap`, and its time limit for the whole margin), starting from that
    /// allocation. Safe to call from several threads at once.
    ///
    /// - Parameter base: conditions the published allocation was optimised under (a
    ///   reallocation keeps earlier awards fixed and declined applications out); the margin
    ///   is then measured among allocations that meet them too. Empty for an ordinary run.
    public static func margin(
        rank: Int, result: AllocationResult, base: AllocationModel.Conditions = .init()
    ) throws -> MarginResult {
        let clock = ContinuousClock()
        let start = clock.now
        var computed = try compute(
            rank: rank, problem: result.problem, published: result.allocation, optimum: result.value,
            policy: result.screening.inputs.policy, runExact: result.status == .optimal, base: base)
        let elapsed = clock.now - start
        computed.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return computed
    }

    /// Whether some feasible allocation awards the candidate: the allocation awarding it alone
    /// is feasible (everything else only adds cost and awards).
    public static func canBeAwarded(_ candidate: Candidate, in problem: AllocationProblem) -> Bool {
        blockersAlone(candidate, in: problem).isEmpty
    }

    /// For each allowed component, the constraints that the allocation awarding only this
    /// candidate breaks; empty result when some component is possible on its own.
    public static func blockersAlone(
        _ candidate: Candidate, in problem: AllocationProblem
    ) -> [AllocationProblem.Constraint] {
        let empty = AllocationProblem.Tally(problem: problem)
        let blockers = candidate.componentsByCost.map { empty.blockers(candidate, $0) }
        if blockers.contains(where: \.isEmpty) { return [] }
        let union = Set(blockers.joined())
        return AllocationProblem.Constraint.allCases.filter(union.contains)
    }

    /// `base` with one more condition on `rank`.
    static func adding(_ base: AllocationModel.Conditions, awarded: Int? = nil, excluded: Int? = nil)
        -> AllocationModel.Conditions
    {
        var conditions = base
        if let awarded { conditions.awarded.insert(awarded) }
        if let excluded { conditions.excluded.insert(excluded) }
        return conditions
    }

    /// The margin of candidate `rank` of `problem` against the published allocation and its
    /// value `optimum` (V*), solved with `policy`'s solver settings.
    static func compute(
        rank: Int, problem: AllocationProblem, published: Allocation, optimum: Double, policy: Policy, runExact: Bool,
        base: AllocationModel.Conditions
    ) throws -> MarginResult {
        let tolerance = AllocationProblem.tolerance(optimum)
        let candidate = problem.candidates[rank]

        let pinned = base.excluded.contains(rank) || base.fixed[rank] != nil || base.awarded.contains(rank)
        if pinned {
            // Held fixed by the run itself (a kept award, a declined application): no margin.
            return MarginResult(
                rank: rank,
                margin: Margin(
                    kind: published[rank] == nil ? .toBeAwarded : .toKeepAward, value: nil, optimum: optimum,
                    alternativeOptimum: nil, isExact: runExact),
                alternative: nil, method: .noFeasibleAllocation, seconds: 0)
        }
        if published[rank] == nil {
            guard blockersAlone(candidate, in: problem).isEmpty else {
                return MarginResult(
                    rank: rank,
                    margin: Margin(
                        kind: .toBeAwarded, value: nil, optimum: optimum, alternativeOptimum: nil, isExact: runExact),
                    alternative: nil, method: .noFeasibleAllocation, seconds: 0)
            }
            let conditions = adding(base, awarded: rank)
            let heuristic = LocalSearch.bestAwarding(rank, from: published, problem: problem)
                .flatMap { conditions.areMet(by: $0) ? $0 : nil }
            if let heuristic, problem.value(of: heuristic) >= optimum - tolerance {
                return settled(
                    rank, heuristic, kind: .toBeAwarded, optimum: optimum, exact: runExact,
                    method: .tieFound, problem: problem, conditions: conditions)
            }
            guard
                let decided = try Allocator.decide(
                    problem, policy: policy, conditions: conditions, incumbent: heuristic,
                    goal: .margin(ceiling: optimum))
            else {
                guard base.awarded.isEmpty && base.fixed.isEmpty else {
                    // The kept awards leave no room for it.
                    return MarginResult(
                        rank: rank,
                        margin: Margin(
                            kind: .toBeAwarded, value: nil, optimum: optimum, alternativeOptimum: nil, isExact: runExact
                        ),
                        alternative: nil, method: .noFeasibleAllocation, seconds: 0)
                }
                throw AllocationError(
                    "the solver found no allocation awarding \(candidate.id), although awarding it alone is feasible")
            }
            return solved(rank, decided, kind: .toBeAwarded, optimum: optimum, exact: runExact, problem: problem)
        } else {
            let conditions = adding(base, excluded: rank)
            let found = LocalSearch.bestWithout(rank, from: published, problem: problem)
            var heuristic = published
            heuristic[rank] = nil
            if conditions.areMet(by: found) && problem.value(of: found) > problem.value(of: heuristic) {
                heuristic = found
            }
            if problem.value(of: heuristic) >= optimum - tolerance {
                return settled(
                    rank, heuristic, kind: .toKeepAward, optimum: optimum, exact: runExact,
                    method: .tieFound, problem: problem, conditions: conditions)
            }
            guard
                let decided = try Allocator.decide(
                    problem, policy: policy, conditions: conditions, incumbent: heuristic,
                    goal: .margin(ceiling: optimum))
            else {
                throw AllocationError(
                    "the solver found no allocation without \(candidate.id), although the empty allocation is feasible")
            }
            return solved(rank, decided, kind: .toKeepAward, optimum: optimum, exact: runExact, problem: problem)
        }
    }

    /// The margin from a conditioned solve (`Allocator.decide`: the optimum under the
    /// condition, checked exactly and made exchange-stable with the condition kept).
    static func solved(
        _ rank: Int, _ decided: (allocation: Allocation, outcome: SolveOutcome), kind: Margin.Kind, optimum: Double,
        exact: Bool, problem: AllocationProblem
    ) -> MarginResult {
        result(
            rank, found: problem.value(of: decided.outcome.allocation), stable: decided.allocation, kind: kind,
            optimum: optimum,
            exact: exact && decided.outcome.proven, method: .solved, problem: problem)
    }

    /// The margin from an allocation found without solving (the local search reached V*).
    static func settled(
        _ rank: Int, _ allocation: Allocation, kind: Margin.Kind, optimum: Double, exact: Bool,
        method: MarginResult.Method, problem: AllocationProblem, conditions: AllocationModel.Conditions
    ) -> MarginResult {
        result(
            rank, found: problem.value(of: allocation),
            stable: Allocator.stabilize(allocation, problem: problem, conditions: conditions), kind: kind,
            optimum: optimum, exact: exact, method: method, problem: problem)
    }

    /// The margin read from the allocation found (value `found`) and its stabilised form.
    static func result(
        _ rank: Int, found: Double, stable: Allocation, kind: Margin.Kind, optimum: Double, exact: Bool,
        method: MarginResult.Method, problem: AllocationProblem
    ) -> MarginResult {
        // The stabilised allocation is within the tolerance of the one found; the margin is
        // read from the better of the two so that a tie is never lost to round-off.
        let alternative = max(found, problem.value(of: stable))
        return MarginResult(
            rank: rank,
            margin: Margin(
                kind: kind, value: Margin.difference(optimum: optimum, alternative: alternative),
                optimum: optimum, alternativeOptimum: alternative, isExact: exact),
            alternative: stable, method: method, seconds: 0)
    }
}
