internal import CGLPK

/// Which GLPK call produced a return code; the same code means different things after each.
enum GLPKCall: Sendable {
    /// `glp_simplex` on a pure LP; status is `glp_get_status`.
    case simplex
    /// `glp_simplex` on the LP relaxation before branch and bound; status is `glp_get_status`.
    case rootRelaxation
    /// `glp_intopt`; status is `glp_mip_status`.
    case branchAndBound
    /// `glp_intopt` with the objective zeroed, run only to learn whether a MIP whose relaxation
    /// is unbounded has any feasible point; status is `glp_mip_status`.
    case feasibilityProbe
}

/// What a GLPK return code and status mean for the solve.
enum GLPKVerdict: Equatable, Sendable {
    /// The solve is decided.
    case finished(Termination)
    /// The root LP relaxation is optimal; branch and bound can start.
    case relaxationSolved
    /// Dual infeasibility was seen without knowing whether a feasible point exists; another
    /// GLPK call is needed to tell `.infeasible` from `.unbounded`.
    case infeasibleOrUnbounded

    /// THE table from (call, return code, status) to a verdict. Every GLPK outcome goes through
    /// here so the mapping can be read, reviewed and tested in one place; anything not listed
    /// is an error that names the call, the code and the status.
    ///
    /// Observed with GLPK 5.0: with presolve, an infeasible LP gives `GLP_ENOPFS` and an
    /// unbounded one `GLP_ENODFS` (status undefined); without presolve `glp_simplex` returns 0
    /// with `GLP_NOFEAS` / `GLP_UNBND`. The MIP presolver returns `GLP_ENODFS` whenever the
    /// relaxation is unbounded, which says nothing about integer feasibility (2x = 1, x integer,
    /// with an unbounded continuous y has an unbounded relaxation and no solution).
    static func after(_ call: GLPKCall, returnCode: Int32, status: Int32) -> GLPKVerdict {
        switch (call, returnCode, status) {
        // glp_simplex on a pure LP. Primal simplex always establishes primal feasibility
        // first, so without presolve GLP_UNBND really means "feasible and unbounded".
        case (.simplex, 0, GLP_OPT):
            .finished(.optimal)
        case (.simplex, 0, GLP_NOFEAS), (.simplex, GLP_ENOPFS, _):
            .finished(.infeasible)
        case (.simplex, 0, GLP_UNBND):
            .finished(.unbounded)
        case (.simplex, GLP_ENODFS, _):
            .infeasibleOrUnbounded
        case (.simplex, GLP_ETMLIM, GLP_FEAS), (.simplex, GLP_EITLIM, GLP_FEAS):
            .finished(.limitReachedWithSolution)
        case (.simplex, GLP_ETMLIM, _), (.simplex, GLP_EITLIM, _):
            .finished(.limitReachedWithoutSolution)

        // glp_simplex on the relaxation of a MIP. A relaxation point is not a MIP solution,
        // and an unbounded relaxation does not prove the MIP feasible.
        case (.rootRelaxation, 0, GLP_OPT):
            .relaxationSolved
        case (.rootRelaxation, 0, GLP_NOFEAS), (.rootRelaxation, GLP_ENOPFS, _):
            .finished(.infeasible)
        case (.rootRelaxation, 0, GLP_UNBND), (.rootRelaxation, GLP_ENODFS, _):
            .infeasibleOrUnbounded
        case (.rootRelaxation, GLP_ETMLIM, _), (.rootRelaxation, GLP_EITLIM, _):
            .finished(.limitReachedWithoutSolution)

        // glp_intopt. A stop on the relative gap tolerance is the optimality the caller asked for.
        case (.branchAndBound, 0, GLP_OPT), (.branchAndBound, GLP_EMIPGAP, GLP_FEAS):
            .finished(.optimal)
        case (.branchAndBound, 0, GLP_NOFEAS), (.branchAndBound, GLP_ENOPFS, _):
            .finished(.infeasible)
        case (.branchAndBound, GLP_ENODFS, _):
            .infeasibleOrUnbounded
        case (.branchAndBound, GLP_ETMLIM, GLP_FEAS), (.branchAndBound, GLP_ESTOP, GLP_FEAS):
            .finished(.limitReachedWithSolution)
        case (.branchAndBound, GLP_ETMLIM, _), (.branchAndBound, GLP_ESTOP, _):
            .finished(.limitReachedWithoutSolution)

        // glp_intopt on the zero objective. For rational data (every Double is rational), a MIP
        // with an unbounded relaxation is unbounded as soon as it has one feasible point.
        case (.feasibilityProbe, 0, GLP_OPT), (.feasibilityProbe, GLP_EMIPGAP, GLP_FEAS),
            (.feasibilityProbe, GLP_ETMLIM, GLP_FEAS), (.feasibilityProbe, GLP_ESTOP, GLP_FEAS):
            .finished(.unbounded)
        case (.feasibilityProbe, 0, GLP_NOFEAS), (.feasibilityProbe, GLP_ENOPFS, _):
            .finished(.infeasible)
        case (.feasibilityProbe, GLP_ETMLIM, _), (.feasibilityProbe, GLP_ESTOP, _):
            .finished(.limitReachedWithoutSolution)

        default:
            .finished(
                .error(
                    "\(call.functionName) returned \(returnCodeName(returnCode)) with \(call.statusFunctionName) = \(statusName(status))"
                ))
        }
    }

    /// Whether glp_simplex failed for want of a usable starting basis (invalid, singular or
    /// ill-conditioned), which a fresh standard basis cures.
    static func needsFreshBasis(_ code: Int32) -> Bool {
        code == GLP_EBADB || code == GLP_ESING || code == GLP_ECOND
    }

    /// GLPK's symbolic name for a return code, for error messages.
    static func returnCodeName(_ code: Int32) -> String {
        switch code {
        case 0: "0 (success)"
        case GLP_EBADB: "GLP_EBADB (invalid basis)"
        case GLP_ESING: "GLP_ESING (singular matrix)"
        case GLP_ECOND: "GLP_ECOND (ill-conditioned matrix)"
        case GLP_EBOUND: "GLP_EBOUND (invalid bounds)"
        case GLP_EFAIL: "GLP_EFAIL (solver failed)"
        case GLP_EOBJLL: "GLP_EOBJLL (objective lower limit reached)"
        case GLP_EOBJUL: "GLP_EOBJUL (objective upper limit reached)"
        case GLP_EITLIM: "GLP_EITLIM (iteration limit exceeded)"
        case GLP_ETMLIM: "GLP_ETMLIM (time limit exceeded)"
        case GLP_ENOPFS: "GLP_ENOPFS (no primal feasible solution)"
        case GLP_ENODFS: "GLP_ENODFS (no dual feasible solution)"
        case GLP_EROOT: "GLP_EROOT (root LP optimum not provided)"
        case GLP_ESTOP: "GLP_ESTOP (search terminated by application)"
        case GLP_EMIPGAP: "GLP_EMIPGAP (relative MIP gap tolerance reached)"
        default: "\(code)"
        }
    }

    /// GLPK's symbolic name for a solution status, for error messages.
    static func statusName(_ status: Int32) -> String {
        switch status {
        case GLP_UNDEF: "GLP_UNDEF"
        case GLP_FEAS: "GLP_FEAS"
        case GLP_INFEAS: "GLP_INFEAS"
        case GLP_NOFEAS: "GLP_NOFEAS"
        case GLP_OPT: "GLP_OPT"
        case GLP_UNBND: "GLP_UNBND"
        default: "\(status)"
        }
    }
}

extension GLPKCall {
    var functionName: String {
        switch self {
        case .simplex, .rootRelaxation: "glp_simplex"
        case .branchAndBound, .feasibilityProbe: "glp_intopt"
        }
    }

    var statusFunctionName: String {
        switch self {
        case .simplex, .rootRelaxation: "glp_get_status"
        case .branchAndBound, .feasibilityProbe: "glp_mip_status"
        }
    }
}
