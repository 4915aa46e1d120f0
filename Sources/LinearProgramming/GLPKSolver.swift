internal import CGLPK

/// Solves a ``Model`` with GLPK: `glp_simplex` for pure LPs, `glp_intopt` for MIPs.
///
/// Every call builds, solves and frees its own GLPK problem synchronously on the calling
/// thread (GLPK's state is thread-local and its callbacks re-enter on the solving thread), so
/// calls on different threads run concurrently without sharing anything. Solver outcomes,
/// including failures inside GLPK, are reported in ``SolveResult/termination``; the call
/// throws only when the options are invalid for the model.
public enum GLPKSolver {
    /// GLPK's version string, from `glp_version()` (e.g. "5.0").
    public static var version: String {
        GLPKProblem.withEnvironment { String(cString: glp_version()) }
    }

    /// Solves `model`. Throws ``ModelError`` (code ``ModelError/Code/invalidOption``) for bad options.
    public static func solve(_ model: Model, options: SolverOptions = .init()) throws(ModelError) -> SolveResult {
        let deadline = Deadline(limitSeconds: options.timeLimitSeconds)
        let settings = try options.validated(for: model)
        var result = GLPKProblem.withProblem(for: model) { problem in
            problem.scaleForSolving()
            return model.isMixedInteger
                ? solveMIP(problem, model.objective.sense, settings, deadline)
                : solveLP(problem, settings, deadline)
        }
        result.seconds = deadline.elapsedSeconds
        return result
    }

    // MARK: - Linear programs

    private static func solveLP(_ problem: GLPKProblem, _ settings: ValidatedSolverOptions, _ deadline: Deadline)
        -> SolveResult
    {
        let presolve = settings.options.presolve
        var code = problem.simplex(presolve: presolve, timeLimitMilliseconds: deadline.remainingMilliseconds)
        var verdict = GLPKVerdict.after(.simplex, returnCode: code, status: problem.lpStatus)
        if verdict == .infeasibleOrUnbounded {
            // The LP presolver reports dual infeasibility without saying whether a feasible
            // point exists. Primal simplex without presolve reaches feasibility first (phase 1),
            // so its status separates "infeasible" from "unbounded".
            code = problem.simplex(presolve: false, timeLimitMilliseconds: deadline.remainingMilliseconds)
            verdict = GLPKVerdict.after(.simplex, returnCode: code, status: problem.lpStatus)
        }
        guard case .finished(let termination) = verdict else {
            return SolveResult(termination: .error("glp_simplex could not tell an infeasible LP from an unbounded one"))
        }
        return lpResult(termination, problem)
    }

    /// What an LP solve read back: values when there is a solution, bound and reduced costs
    /// when it is optimal.
    static func lpResult(_ termination: Termination, _ problem: GLPKProblem) -> SolveResult {
        var result = SolveResult(termination: termination)
        if termination.hasSolution {
            let value = problem.lpObjective
            result.values = problem.lpValues
            result.objectiveValue = value
            if termination == .optimal {
                result.bestBound = value
                result.relativeGap = 0
                result.reducedCosts = problem.lpReducedCosts
            }
        }
        return result
    }

    // MARK: - Mixed-integer programs

    private static func solveMIP(
        _ problem: GLPKProblem,
        _ sense: ObjectiveSense,
        _ settings: ValidatedSolverOptions,
        _ deadline: Deadline
    ) -> SolveResult {
        if settings.options.presolve && !settings.offersIncumbent {
            let monitor = SearchMonitor(sense: sense, options: settings.options)
            let code = problem.branchAndBound(
                settings.options, presolve: true,
                timeLimitMilliseconds: deadline.remainingMilliseconds, monitor: monitor)
            let verdict = GLPKVerdict.after(.branchAndBound, returnCode: code, status: problem.mipStatus)
            if verdict != .infeasibleOrUnbounded {
                return mipResult(verdict, problem, monitor, settings)
            }
            // GLP_ENODFS: the relaxation is unbounded (or the presolver saw dual
            // infeasibility). Whether the MIP has any solution is still open, so decide it on
            // the unpresolved problem below.
        }
        return solveMIPWithoutPresolver(problem, sense, settings, deadline)
    }

    /// Root relaxation by `glp_simplex`, then `glp_intopt` on the original columns. Used when
    /// presolve is off, when an initial solution must be offered (the presolver renumbers
    /// columns), and to settle GLP_ENODFS from the presolved search.
    private static func solveMIPWithoutPresolver(
        _ problem: GLPKProblem,
        _ sense: ObjectiveSense,
        _ settings: ValidatedSolverOptions,
        _ deadline: Deadline
    ) -> SolveResult {
        let rootCode = problem.simplex(presolve: false, timeLimitMilliseconds: deadline.remainingMilliseconds)
        switch GLPKVerdict.after(.rootRelaxation, returnCode: rootCode, status: problem.lpStatus) {
        case .finished(let termination):
            return SolveResult(
                termination: termination, initialSolutionAccepted: settings.offersIncumbent ? false : nil)
        case .infeasibleOrUnbounded:
            return probeFeasibility(problem, settings, deadline)
        case .relaxationSolved:
            let monitor = SearchMonitor(sense: sense, incumbent: settings.incumbent, options: settings.options)
            // The relaxation optimum bounds every integer solution; a valid fallback bound if
            // the limit strikes before GLPK has solved the root node itself.
            monitor.recordBound(problem.lpObjective)
            let code = problem.branchAndBound(
                settings.options, presolve: false,
                timeLimitMilliseconds: deadline.remainingMilliseconds, monitor: monitor)
            let verdict = GLPKVerdict.after(.branchAndBound, returnCode: code, status: problem.mipStatus)
            return mipResult(verdict, problem, monitor, settings)
        }
    }

    /// The relaxation is unbounded: the MIP is unbounded if it has any feasible point and
    /// infeasible otherwise, so search for a point with the objective zeroed.
    private static func probeFeasibility(
        _ problem: GLPKProblem, _ settings: ValidatedSolverOptions, _ deadline: Deadline
    ) -> SolveResult {
        problem.clearObjective()
        let code = problem.branchAndBound(
            settings.options, presolve: true,
            timeLimitMilliseconds: deadline.remainingMilliseconds, monitor: nil)
        let accepted: Bool? = settings.offersIncumbent ? false : nil
        guard
            case .finished(let termination) = GLPKVerdict.after(
                .feasibilityProbe, returnCode: code, status: problem.mipStatus)
        else {
            return SolveResult(
                termination: .error("glp_intopt could not decide feasibility of a MIP with unbounded relaxation"),
                initialSolutionAccepted: accepted)
        }
        return SolveResult(termination: termination, initialSolutionAccepted: accepted)
    }

    private static func mipResult(
        _ verdict: GLPKVerdict,
        _ problem: GLPKProblem,
        _ monitor: SearchMonitor,
        _ settings: ValidatedSolverOptions
    ) -> SolveResult {
        let accepted: Bool? = settings.offersIncumbent ? monitor.incumbentAccepted : nil
        guard case .finished(let termination) = verdict else {
            return SolveResult(
                termination: .error("glp_intopt without presolve reported dual infeasibility"), nodes: monitor.nodes,
                initialSolutionAccepted: accepted)
        }
        var result = SolveResult(termination: termination, nodes: monitor.nodes, initialSolutionAccepted: accepted)
        guard termination.hasSolution else {
            if termination == .limitReachedWithoutSolution {
                result.bestBound = monitor.bestBound
            }
            return result
        }
        let value = problem.mipObjective
        result.values = problem.mipValues
        result.objectiveValue = value
        if problem.mipStatus == GLP_OPT {
            // Proven optimal: the tree is exhausted, bound and value coincide.
            result.bestBound = value
            result.relativeGap = 0
        } else if let bound = monitor.bestBound {
            // GLPK prunes with a small tolerance, so the best open node can sit marginally past
            // the incumbent; a bound is never better than a known solution, so clamp it.
            let clamped = monitor.sense == .minimize ? min(bound, value) : max(bound, value)
            result.bestBound = clamped
            result.relativeGap = SolveResult.relativeGap(bound: clamped, value: value)
        }
        return result
    }
}

/// The wall-clock budget of one solve call, shared by its successive GLPK calls so that the
/// limit applies to the whole call, not to each phase.
struct Deadline {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let limitSeconds: Double?

    init(limitSeconds: Double?) {
        self.start = clock.now
        self.limitSeconds = limitSeconds
    }

    var elapsedSeconds: Double {
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// What is left of the limit in GLPK's milliseconds, `nil` without a limit.
    var remainingMilliseconds: Int32? {
        limitSeconds.map { SolverOptions.milliseconds($0 - elapsedSeconds) }
    }
}
