import Foundation
public import LinearProgramming

/// How a run ended: proven optimal, or stopped by the time limit with the best found.
public enum RunStatus: String, Sendable {
    case optimal
    case time_limit
}

/// An internal failure that makes the run decide nothing (never caused by user input).
public struct AllocationError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The solved allocation with everything needed to publish and explain it.
public struct AllocationResult: Sendable {
    public var screening: Screening
    /// The published allocation, by candidate rank: optimal and exchange-stable.
    public var allocation: Allocation
    public var status: RunStatus
    /// V of the published allocation.
    public var value: Double
    /// The best proven upper bound on V.
    public var bound: Double
    /// Relative gap between value and bound.
    public var gap: Double
    public var solverSeconds: Double
    public var solverVersion: String
    /// Reasons of each not-awarded candidate, by rank (empty for awarded ones).
    public var reasons: [[NotAwardedReason]]

    public var problem: AllocationProblem { screening.problem }
    public var tally: AllocationProblem.Tally { .init(problem: problem, allocation: allocation) }

    /// Memberwise, for the store target that reads and writes these records.
    package init(
        screening: Screening,
        allocation: Allocation,
        status: RunStatus,
        value: Double,
        bound: Double,
        gap: Double,
        solverSeconds: Double,
        solverVersion: String,
        reasons: [[NotAwardedReason]]
    ) {
        self.screening = screening
        self.allocation = allocation
        self.status = status
        self.value = value
        self.bound = bound
        self.gap = gap
        self.solverSeconds = solverSeconds
        self.solverVersion = solverVersion
        self.reasons = reasons
    }
}

/// Solves the allocation of MODEL.md to proven optimality with GLPK and applies the tie rule.
public enum Allocator {
    /// Solver settings used for every allocation solve.
    ///
    /// Chosen by measurement on generated instances (docs/performance.md): GLPK's presolver
    /// with MIR and clique cuts and hybrid pseudo-cost branching. (Cover cuts barely helped
    /// and GLPK 5.0 can abort with them after presolve; the LinearProgramming layer only
    /// applies them without presolve.) Handing GLPK a
    /// starting incumbent forces its presolver off (it renumbers columns), which cost more
    /// than the incumbent saved: the count-by-count search (`ConditionedSolver`) tells GLPK
    /// the value to beat by a row instead. The same settings remained the best for the
    /// small models of that search (issue #6, docs/performance.md).
    public static func solverOptions(for policy: Policy) -> SolverOptions {
        var options = SolverOptions()
        options.timeLimitSeconds = policy.solver.timeLimitSeconds
        options.relativeMIPGap = policy.solver.mipGap
        options.presolve = true
        options.cuts = [.mixedIntegerRounding, .clique]
        options.branching = .hybridPseudoCost
        return options
    }

    /// Solves `problem` (optionally under extra conditions) and returns an optimal
    /// allocation with its solver figures, before the tie rule.
    ///
    /// The search runs by number of awards over the candidates that dominance keeps, with
    /// reduced-cost fixing (`ConditionedSolver`): the same optimum as one solve of the plain
    /// model, in a fraction of the time (docs/performance.md).
    ///
    /// - Parameter incumbent: a known allocation (for example the optimum at a neighbouring
    ///   budget); when it is feasible here, the search starts from the better of it and the
    ///   greedy allocation improved by local search. It can only speed the search up: the
    ///   result is an optimum all the same.
    public static func solve(
        _ problem: AllocationProblem, policy: Policy, conditions: AllocationModel.Conditions = .init(),
        incumbent: Allocation? = nil, progress: ProgressReporter? = nil
    ) throws -> SolveOutcome? {
        try ConditionedSolver.solveExactly(
            problem, policy: policy, conditions: conditions, incumbent: incumbent, progress: progress)
    }

    /// `solve` on the model of `problem` as given, without reduction.
    static func solveModel(
        _ problem: AllocationProblem, policy: Policy, conditions: AllocationModel.Conditions,
        incumbent: Allocation?
    ) throws -> SolveOutcome? {
        var built = try AllocationModel(problem: problem, conditions: conditions)
        var options = solverOptions(for: policy)
        if incumbent != nil, let start = startingAllocation(problem, conditions: conditions, incumbent: incumbent) {
            options.initialSolution = built.point(for: start, problem: problem)
        }
        var seconds = 0.0
        // GLPK accepts a point within its floating-point tolerances; the budget and caps are
        // then checked exactly, in whole cents. A point a few cents over budget is cut off
        // by a no-good row and the model solved again (a handful of rounds at most in
        // practice; bounded so a pathological case fails loudly instead of looping).
        for _ in 0..<Self.maximumExactnessRounds {
            let result = try GLPKSolver.solve(built.model, options: options)
            seconds += result.seconds
            let proven: Bool
            switch try SearchEnd(result.termination, model: "the allocation model") {
            case .found(let isProven):
                proven = isProven
            case .limitWithoutSolution:
                guard let fallback = startingAllocation(problem, conditions: conditions, incumbent: incumbent) else {
                    throw AllocationError(
                        "the solver reached its time limit without any allocation under the extra conditions")
                }
                return SolveOutcome(
                    allocation: fallback, value: problem.value(of: fallback), status: .time_limit,
                    bound: result.bestBound ?? .infinity, seconds: seconds)
            case .infeasible:
                return nil
            }
            let allocation = built.allocation(from: result.values)
            if problem.isFeasible(allocation) {
                let value = problem.value(of: allocation)
                return SolveOutcome(
                    allocation: allocation, value: value, status: proven ? .optimal : .time_limit,
                    bound: proven ? value : (result.bestBound ?? .infinity), seconds: seconds)
            }
            try built.exclude(allocation)
            options.initialSolution = nil
        }
        throw AllocationError(
            "the solver kept returning allocations that break the budget or a cap when checked exactly (\(Self.maximumExactnessRounds) rounds); nothing was decided"
        )
    }

    /// How many times an allocation that fails the exact check may be cut off and the
    /// model solved again.
    static let maximumExactnessRounds = 25

    /// The better of the greedy allocation and `incumbent` that meets `conditions`, if any.
    static func startingAllocation(
        _ problem: AllocationProblem, conditions: AllocationModel.Conditions, incumbent: Allocation?
    ) -> Allocation? {
        func meets(_ allocation: Allocation) -> Bool {
            allocation.count == problem.candidates.count && problem.isFeasible(allocation)
                && conditions.areMet(by: allocation)
        }
        let options = [GreedyAllocator.allocate(problem), incumbent, problem.emptyAllocation].compactMap { $0 }.filter(
            meets)
        return options.max { problem.value(of: $0) < problem.value(of: $1) }
    }

    /// Runs the whole decision: solve, verify, apply the tie rule, determine reasons. The one
    /// use case of "allocate under conditions": a run (no conditions) and a reallocation after
    /// a decline (kept awards fixed, declined applications excluded) both come through here.
    ///
    /// - Parameter conditions: what the allocation must keep; the reasons are given to the
    ///   not-awarded candidates the conditions do not exclude.
    /// - Parameter progress: the `solving` phase, counted in the numbers of awards searched
    ///   exactly (docs/performance.md).
    public static func allocate(
        _ screening: Screening, conditions: AllocationModel.Conditions = .init(), incumbent: Allocation? = nil,
        progress: ProgressReporter? = nil
    ) throws -> AllocationResult {
        let problem = screening.problem
        guard
            let decided = try decide(
                problem, policy: screening.inputs.policy, conditions: conditions, incumbent: incumbent,
                progress: progress)
        else {
            throw AllocationError(
                conditions.isEmpty
                    ? "the solver reported the allocation model infeasible, but awarding nothing is always feasible"
                    : "the solver reported the reallocation infeasible, but the kept awards alone are feasible")
        }
        let allocation = decided.allocation
        let value = problem.value(of: allocation)
        let bound = max(decided.outcome.bound, value)
        let gap = (bound - value) / max(1, abs(value))
        let tally = AllocationProblem.Tally(problem: problem, allocation: allocation)
        let reasons = allocation.indices.map { rank in
            allocation[rank] == nil && !conditions.excluded.contains(rank)
                ? DecisionReasons.reasons(
                    for: rank, allocation: allocation, tally: tally, problem: problem, optimum: value)
                : []
        }
        return AllocationResult(
            screening: screening, allocation: allocation, status: decided.outcome.status, value: value,
            bound: bound, gap: gap, solverSeconds: decided.outcome.seconds, solverVersion: GLPKSolver.version,
            reasons: reasons)
    }

    /// The optimum under `conditions`, checked exactly and made exchange-stable among the
    /// candidates the conditions leave free: the steps a run, a reallocation and a margin's
    /// alternative allocation share. Nil when no allocation meets the conditions.
    ///
    /// - Returns: the stable allocation, and the solver's outcome for the allocation it found
    ///   (whose value the tie rule keeps within the tolerance).
    static func decide(
        _ problem: AllocationProblem, policy: Policy, conditions: AllocationModel.Conditions, incumbent: Allocation?,
        goal: ConditionedSolver.Goal = .init(), progress: ProgressReporter? = nil
    ) throws -> (allocation: Allocation, outcome: SolveOutcome)? {
        guard
            let solved = try ConditionedSolver.solveExactly(
                problem, policy: policy, conditions: conditions, incumbent: incumbent, goal: goal, progress: progress)
        else { return nil }
        guard problem.isFeasible(solved.allocation), conditions.areMet(by: solved.allocation) else {
            throw AllocationError(
                "the solver returned an allocation that breaks the budget, a cap or a condition when checked exactly; nothing was decided"
            )
        }
        return (stabilize(solved.allocation, problem: problem, conditions: conditions), solved)
    }

    /// The tie rule applied to an optimum under `conditions` (`ExchangeStabilizer`), with the
    /// optimum's own value as the V no exchange may lower.
    ///
    /// Without conditions it runs over the candidates dominance keeps: it never gives a
    /// set-aside candidate an award (docs/performance.md), so on the reduced problem it yields
    /// exactly the allocation it would yield on the full one, faster.
    static func stabilize(
        _ allocation: Allocation, problem: AllocationProblem, conditions: AllocationModel.Conditions
    ) -> Allocation {
        let optimum = problem.value(of: allocation)
        guard conditions.isEmpty else {
            return ExchangeStabilizer.stabilize(
                allocation, problem: problem, optimum: optimum, frozen: conditions.frozen,
                fixedComponents: Set(conditions.fixed.keys))
        }
        let reduced = ReducedProblem(problem)
        return reduced.restrict(allocation).map {
            reduced.expand(ExchangeStabilizer.stabilize($0, problem: reduced.problem, optimum: optimum))
        } ?? ExchangeStabilizer.stabilize(allocation, problem: problem, optimum: optimum)
    }
}
