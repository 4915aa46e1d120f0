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
    ) throws -> (allocation: Allocation, status: RunStatus, bound: Double, seconds: Double)? {
        let clock = ContinuousClock()
        let start = clock.now
        guard
            let solution = try ConditionedSolver.solveExactly(
                problem, policy: policy, conditions: conditions, incumbent: incumbent, progress: progress)
        else { return nil }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return (solution.allocation, solution.proven ? .optimal : .time_limit, solution.bound, seconds)
    }

    /// `solve` on the model of `problem` as given, without reduction.
    static func solveModel(
        _ problem: AllocationProblem, policy: Policy, conditions: AllocationModel.Conditions,
        incumbent: Allocation?
    ) throws -> (allocation: Allocation, status: RunStatus, bound: Double, seconds: Double)? {
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
            let status: RunStatus
            let allocation: Allocation
            switch result.termination {
            case .optimal:
                allocation = built.allocation(from: result.values)
                status = .optimal
            case .limitReachedWithSolution:
                allocation = built.allocation(from: result.values)
                status = .time_limit
            case .limitReachedWithoutSolution:
                guard let fallback = startingAllocation(problem, conditions: conditions, incumbent: incumbent) else {
                    throw AllocationError(
                        "the solver reached its time limit without any allocation under the extra conditions")
                }
                return (fallback, .time_limit, result.bestBound ?? .infinity, seconds)
            case .infeasible:
                return nil
            case .unbounded:
                throw AllocationError("the solver reported the allocation model unbounded, which it cannot be")
            case .error(let message):
                throw AllocationError("the solver failed: \(message)")
            }
            if problem.isFeasible(allocation) {
                let bound = status == .optimal ? problem.value(of: allocation) : (result.bestBound ?? .infinity)
                return (allocation, status, bound, seconds)
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

    /// Runs the whole decision: solve, verify, apply the tie rule, determine reasons.
    ///
    /// - Parameter progress: the `solving` phase, counted in the numbers of awards searched
    ///   exactly (docs/performance.md).
    public static func allocate(
        _ screening: Screening, incumbent: Allocation? = nil, progress: ProgressReporter? = nil
    ) throws -> AllocationResult {
        let problem = screening.problem
        let policy = screening.inputs.policy
        guard let solved = try solve(problem, policy: policy, incumbent: incumbent, progress: progress) else {
            throw AllocationError(
                "the solver reported the allocation model infeasible, but awarding nothing is always feasible")
        }
        guard problem.isFeasible(solved.allocation) else {
            throw AllocationError(
                "the solver returned an allocation that breaks the budget or a cap when checked exactly; nothing was decided"
            )
        }
        let optimum = problem.value(of: solved.allocation)
        // The tie rule runs over the candidates dominance keeps: it never gives a set-aside
        // candidate an award (docs/performance.md), so on the reduced problem it yields
        // exactly the allocation it would yield on the full one, faster.
        let reduced = ReducedProblem(problem)
        let allocation =
            reduced.restrict(solved.allocation).map {
                reduced.expand(ExchangeStabilizer.stabilize($0, problem: reduced.problem, optimum: optimum))
            } ?? ExchangeStabilizer.stabilize(solved.allocation, problem: problem, optimum: optimum)
        let value = problem.value(of: allocation)
        let bound = max(solved.bound, value)
        let gap = (bound - value) / max(1, abs(value))
        let tally = AllocationProblem.Tally(problem: problem, allocation: allocation)
        let reasons = allocation.indices.map { rank in
            allocation[rank] == nil
                ? DecisionReasons.reasons(
                    for: rank, allocation: allocation, tally: tally, problem: problem, optimum: value)
                : []
        }
        return AllocationResult(
            screening: screening, allocation: allocation, status: solved.status, value: value,
            bound: bound, gap: gap, solverSeconds: solved.seconds, solverVersion: GLPKSolver.version,
            reasons: reasons)
    }
}
