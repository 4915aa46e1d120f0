/// One linear program solved again and again with other rows appended, on one GLPK problem
/// whose optimal basis carries over from solve to solve (a warm start).
///
/// Why: a margin's count scan solves the same relaxation with a few rows that change with the
/// number of awards (docs/performance.md). Built afresh each time, every solve loads the whole
/// matrix and starts the simplex from scratch; here only the changed rows are written and the
/// dual simplex starts from the previous optimum, a few pivots away.
///
/// Made and valid only inside ``GLPKSolver/withWarmStarts(base:_:)``, on its thread (it is not
/// `Sendable`). Each solve is deterministic given the sequence of solves before it, so a caller
/// that always asks the same sequence gets the same answers; a warm start may end at another
/// optimal basis than a cold solve would (another optimal point or other reduced costs when
/// the optimum is degenerate), never at another optimal value.
public final class WarmStartedLP {
    private let problem: GLPKProblem
    private let base: Model
    /// Rows appended beyond the base model's, in use or cleared.
    private var appended = 0
    /// Rows the last solve appended (the rest of `appended` are empty and free).
    private var used = 0

    fileprivate init(problem: GLPKProblem, base: Model) {
        self.problem = problem
        self.base = base
        problem.load(base)
        problem.scaleForSolving()
    }

    /// Solves `model`, which must be the base model with rows appended (no other change: the
    /// same variables, objective and base rows). Throws ``ModelError`` (``ModelError/Code/invalidOption``)
    /// for bad options, an integer variable, or counts of variables and rows that cannot be of
    /// that form. That the base rows and the objective are unchanged is the caller's promise,
    /// not checked: comparing them would cost what the warm start saves. GLPK stays safe
    /// either way, since every row written comes from a validated ``Model``.
    public func solve(_ model: Model, options: SolverOptions = .init()) throws(ModelError) -> SolveResult {
        guard !model.isMixedInteger, model.variableCount == base.variableCount,
            model.constraintCount >= base.constraintCount
        else {
            throw ModelError(
                .invalidOption,
                "a warm-started solve needs the base model \(Validation.quoted(base.name)) with rows appended, as an LP"
            )
        }
        let deadline = Deadline(limitSeconds: options.timeLimitSeconds)
        _ = try options.validated(for: model)
        let rows = model.allConstraints[base.constraintCount...]
        if rows.count > appended {
            problem.addRows(rows.count - appended)
            appended = rows.count
        }
        for (offset, constraint) in rows.enumerated() {
            problem.setRow(base.constraintCount + offset, constraint)
        }
        if used > rows.count {
            for offset in rows.count..<used { problem.clearRow(base.constraintCount + offset) }
        }
        used = rows.count

        var code = problem.simplex(
            presolve: false, timeLimitMilliseconds: deadline.remainingMilliseconds, dual: true)
        if GLPKVerdict.needsFreshBasis(code) {
            // The changed rows left the previous basis singular or ill-conditioned: start this
            // solve from GLPK's standard basis, as a cold solve without presolve would.
            problem.resetBasis()
            code = problem.simplex(presolve: false, timeLimitMilliseconds: deadline.remainingMilliseconds)
        }
        let verdict = GLPKVerdict.after(.simplex, returnCode: code, status: problem.lpStatus)
        guard case .finished(let termination) = verdict else {
            return SolveResult(termination: .error("glp_simplex without presolve reported dual infeasibility"))
        }
        var result = GLPKSolver.lpResult(termination, problem)
        result.seconds = deadline.elapsedSeconds
        return result
    }
}

@available(*, unavailable)
extension WarmStartedLP: Sendable {}

extension GLPKSolver {
    /// Runs `body` with a ``WarmStartedLP`` over `base` (a model without integer variables),
    /// and frees its GLPK problem on every path. Other solves may run inside `body` on the same
    /// thread; the sequence must not leave it.
    public static func withWarmStarts<Result>(base: Model, _ body: (WarmStartedLP) throws -> Result) throws
        -> Result
    {
        guard !base.isMixedInteger else {
            throw ModelError(
                .invalidOption,
                "a warm-started sequence solves LPs; \(Validation.quoted(base.name)) has integer variables")
        }
        return try GLPKProblem.withEnvironment {
            let problem = GLPKProblem.create()
            defer { problem.delete() }
            return try body(WarmStartedLP(problem: problem, base: base))
        }
    }
}
