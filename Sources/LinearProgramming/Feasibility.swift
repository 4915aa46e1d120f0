/// Checks a candidate point against a model, for ``SolverOptions/initialSolution``.
///
/// This exists because `glp_ios_heur_sol` trusts its caller completely: it checks integrality
/// and objective improvement but *not* bounds or rows. An infeasible "initial solution" would
/// become GLPK's incumbent, prune the true optimum, and could be returned as "optimal". So the
/// point is checked here first and silently dropped (never handed to GLPK) if it fails.
extension Model {
    /// Absolute tolerance, scaled up for large right-hand sides; near GLPK's own primal
    /// feasibility tolerance (1e-7 relative) but a little looser for user-computed points.
    static let feasibilityTolerance = 1e-6

    /// The point with integer variables snapped to exact integers (GLPK compares with
    /// `floor(x) == x`), or `nil` if some bound, integrality or row is violated beyond tolerance.
    func feasiblePoint(near point: [Double]) -> [Double]? {
        precondition(point.count == variableCount)
        let tolerance = Model.feasibilityTolerance
        func within(_ value: Double, _ lower: Double?, _ upper: Double?) -> Bool {
            if let lower, value < lower - tolerance * max(1, abs(lower)) { return false }
            if let upper, value > upper + tolerance * max(1, abs(upper)) { return false }
            return true
        }
        var snapped = point
        for (index, variable) in allVariables.enumerated() {
            if variable.kind.isInteger {
                let nearest = point[index].rounded()
                guard abs(point[index] - nearest) <= tolerance else { return nil }
                snapped[index] = nearest
            }
            guard within(snapped[index], variable.lowerBound, variable.upperBound) else { return nil }
        }
        for constraint in allConstraints {
            let activity = constraint.expression.value(at: snapped)
            guard within(activity, constraint.bound.lower, constraint.bound.upper) else { return nil }
        }
        return snapped
    }
}
