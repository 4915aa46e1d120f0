import LinearProgramming

/// How the solver pipeline reads the end of one GLPK search of a MILP.
///
/// This is the one place where GLPK's terminations are mapped to what the pipeline does next,
/// and where the two that cannot happen on a sound model become errors. Every variable of
/// the allocation models lies in [0, 1], so "unbounded" can only mean a defect, and a solver
/// failure must stop the run with GLPK's own words, never pass as "no allocation".
enum SearchEnd: Equatable {
    /// An allocation was found. `proven` when GLPK proved it optimal within the MIP gap,
    /// false when a limit (time, nodes, first solution) stopped the search after it.
    case found(proven: Bool)
    /// A limit stopped the search before any allocation was found.
    case limitWithoutSolution
    /// No allocation satisfies the model.
    case infeasible

    /// - Parameter model: what was solved, for the error ("the least-cost model").
    init(_ termination: Termination, model: String) throws {
        switch termination {
        case .optimal: self = .found(proven: true)
        case .limitReachedWithSolution: self = .found(proven: false)
        case .limitReachedWithoutSolution: self = .limitWithoutSolution
        case .infeasible: self = .infeasible
        case .unbounded: throw AllocationError("the solver reported \(model) unbounded, which it cannot be")
        case .error(let message): throw AllocationError("the solver failed: \(message)")
        }
    }
}
