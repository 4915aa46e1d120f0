/// Direction of optimisation.
public enum ObjectiveSense: Sendable, Equatable, Hashable {
    case minimize, maximize
}

/// The objective of a model: a direction and a linear expression (its constant is kept and
/// reported in objective values).
public struct Objective: Sendable, Equatable {
    public let sense: ObjectiveSense
    public let expression: LinearExpression
}

/// A linear or mixed-integer program, independent of any solver.
///
/// A value type kept apart from GLPK (as in OR-Tools MathOpt or JuMP): it can be built on any
/// thread, copied, compared in tests and shipped between tasks, while a GLPK problem object
/// only ever exists inside one synchronous ``GLPKSolver/solve(_:options:)`` or ``export(_:)``
/// call. Every mutation validates its input and throws ``ModelError`` instead of storing it,
/// so a `Model` that exists is always safe to hand to GLPK (which would otherwise abort).
public struct Model: Sendable {
    /// The model's name, written into exported files. Not validated (the initialiser cannot
    /// throw); characters GLPK cannot store are replaced when the problem is built.
    public let name: String

    private var variables: [Variable] = []
    private var constraints: [Constraint] = []
    private var variableNames: Set<String> = []
    private var constraintNames: Set<String> = []
    private var nonZeroCount = 0
    private var integerVariableCount = 0

    /// The objective; until ``setObjective(_:_:)`` is called, minimise zero (a feasibility problem).
    public private(set) var objective = Objective(sense: .minimize, expression: LinearExpression())

    /// The name GLPK's free-MPS writer always gives the objective row, so no constraint may take it.
    static let mpsObjectiveRowName = "R0000000"

    public init(name: String) {
        self.name = name
    }

    public var variableCount: Int { variables.count }
    public var constraintCount: Int { constraints.count }
    /// The nonzero coefficients of all rows: what GLPK's time per simplex iteration grows with.
    public var nonzeroCount: Int { constraints.reduce(0) { $0 + $1.expression.terms.count } }

    /// Whether any variable is integer or binary, i.e. whether solving needs branch and bound.
    public var isMixedInteger: Bool { integerVariableCount > 0 }

    /// Adds a variable and returns its id.
    ///
    /// - `nil` bound: unbounded on that side. Infinite values are rejected rather than read as
    ///   "unbounded", since an infinity arriving here is usually an upstream bug.
    /// - `.integer` rounds bounds inward (ceil lower, floor upper), as GLPK.jl does, because
    ///   `glp_intopt` refuses fractional bounds on integer columns.
    /// - `.binary` forces the domain into [0, 1]: the bounds are rounded inward and intersected
    ///   with [0, 1] (a `nil` side becomes 0 or 1). So `upperBound: 0` fixes a binary at 0, which
    ///   is how callers switch a decision off without rebuilding the model.
    public mutating func addVariable(
        name: String,
        kind: VariableKind,
        lowerBound: Double? = 0,
        upperBound: Double? = nil
    ) throws(ModelError) -> VariableID {
        let role = "variable"
        try Validation.checkName(name, of: role)
        if variableNames.contains(name) {
            throw ModelError(
                .duplicateName,
                "variable name \(Validation.quoted(name)) is already used in model \(Validation.quoted(self.name))")
        }
        if variables.count >= Validation.maximumRowsOrColumns {
            throw ModelError(
                .modelTooLarge,
                "cannot add variable \(Validation.quoted(name)): GLPK allows at most \(Validation.maximumRowsOrColumns) variables"
            )
        }
        if let lowerBound {
            try Validation.checkFinite(lowerBound, "lower bound of variable \(Validation.quoted(name))")
        }
        if let upperBound {
            try Validation.checkFinite(upperBound, "upper bound of variable \(Validation.quoted(name))")
        }
        if let lowerBound, let upperBound, lowerBound > upperBound {
            throw ModelError(
                .invalidBounds,
                "variable \(Validation.quoted(name)) has lower bound \(lowerBound) above upper bound \(upperBound)")
        }

        var lower = lowerBound
        var upper = upperBound
        switch kind {
        case .continuous:
            break
        case .integer:
            lower = lower.map { $0.rounded(.up) }
            upper = upper.map { $0.rounded(.down) }
        case .binary:
            lower = max(lower.map { $0.rounded(.up) } ?? 0, 0)
            upper = min(upper.map { $0.rounded(.down) } ?? 1, 1)
        }
        if let lower, let upper, lower > upper {
            let given = "\(lowerBound.map { "\($0)" } ?? "-inf")...\(upperBound.map { "\($0)" } ?? "+inf")"
            throw ModelError(
                .emptyIntegerDomain,
                "\(kind == .binary ? "binary" : "integer") variable \(Validation.quoted(name)) has bounds \(given) admitting no \(kind == .binary ? "0 or 1" : "integer")"
            )
        }

        let id = VariableID(index: variables.count)
        variables.append(Variable(name: name, kind: kind, lowerBound: lower, upperBound: upper))
        variableNames.insert(name)
        if kind.isInteger { integerVariableCount += 1 }
        return id
    }

    /// Adds the constraint `expression ∈ bound` and returns its id.
    ///
    /// The expression's constant is moved into the bound (GLPK rows have no constant), so
    /// `x + 2 ≤ 5` is stored and exported as `x ≤ 3`.
    public mutating func addConstraint(
        name: String,
        _ expression: LinearExpression,
        _ bound: ConstraintBound
    ) throws(ModelError) -> ConstraintID {
        let role = "constraint"
        try Validation.checkName(name, of: role)
        if name == Model.mpsObjectiveRowName {
            throw ModelError(
                .invalidName,
                "constraint name \(Validation.quoted(name)) is reserved: GLPK's MPS writer gives it to the objective row"
            )
        }
        if constraintNames.contains(name) {
            throw ModelError(
                .duplicateName,
                "constraint name \(Validation.quoted(name)) is already used in model \(Validation.quoted(self.name))")
        }
        if constraints.count >= Validation.maximumRowsOrColumns {
            throw ModelError(
                .modelTooLarge,
                "cannot add constraint \(Validation.quoted(name)): GLPK allows at most \(Validation.maximumRowsOrColumns) constraints"
            )
        }
        let context = "constraint \(Validation.quoted(name))"
        try checkTerms(of: expression, in: context)
        if nonZeroCount + expression.termCount > Validation.maximumNonZeros {
            throw ModelError(
                .modelTooLarge,
                "cannot add \(context): GLPK allows at most \(Validation.maximumNonZeros) non-zero coefficients")
        }
        try Self.checkBound(bound, in: context)
        let shifted = bound.shifted(by: expression.constant)
        try Self.checkBound(shifted, in: "\(context) after moving the constant \(expression.constant) into its bound")

        let id = ConstraintID(index: constraints.count)
        constraints.append(Constraint(name: name, expression: expression.withoutConstant, bound: shifted))
        constraintNames.insert(name)
        nonZeroCount += expression.termCount
        return id
    }

    /// The LP relaxation: this model with every variable continuous (bounds kept, so a binary
    /// keeps [0, 1]), under the name `relaxationName`. A copy of what is already validated,
    /// so nothing is checked again: one is built per margin and per exact search, and adding
    /// every row again through ``addConstraint(name:_:_:)`` validated and sorted each one anew.
    public func relaxation(named relaxationName: String) -> Model {
        var relaxed = Model(name: relaxationName)
        relaxed.variables = variables.map {
            Variable(name: $0.name, kind: .continuous, lowerBound: $0.lowerBound, upperBound: $0.upperBound)
        }
        relaxed.constraints = constraints
        relaxed.variableNames = variableNames
        relaxed.constraintNames = constraintNames
        relaxed.nonZeroCount = nonZeroCount
        relaxed.integerVariableCount = 0
        relaxed.objective = objective
        return relaxed
    }

    /// Replaces the objective.
    public mutating func setObjective(_ sense: ObjectiveSense, _ expression: LinearExpression) throws(ModelError) {
        try checkTerms(of: expression, in: "the objective")
        objective = Objective(sense: sense, expression: expression)
    }

    /// The stored variable. Traps on an id from another, larger model, like an out-of-range
    /// array subscript: reading is not an input path to GLPK, so it is a programmer error.
    public func variable(_ id: VariableID) -> Variable {
        precondition(
            variables.indices.contains(id.index),
            "\(id) does not belong to model \(Validation.quoted(name)) with \(variables.count) variables")
        return variables[id.index]
    }

    /// The stored constraint (constant already moved into the bound). Traps on a foreign id.
    public func constraint(_ id: ConstraintID) -> Constraint {
        precondition(
            constraints.indices.contains(id.index),
            "\(id) does not belong to model \(Validation.quoted(name)) with \(constraints.count) constraints")
        return constraints[id.index]
    }

    /// All variables in id order (index i is `VariableID(index: i)`).
    public var allVariables: [Variable] { variables }

    /// All constraints in id order.
    public var allConstraints: [Constraint] { constraints }

    /// Whether a constraint with this exact name exists; lets the GLPK bridge pick an objective
    /// row name that cannot collide with a constraint in the LP file.
    func hasConstraint(named name: String) -> Bool {
        constraintNames.contains(name)
    }

    // MARK: - Checks

    /// Every term must name a variable of this model and carry a finite coefficient; the
    /// constant must be finite. Ids are positional, so "belongs to this model" means "in range".
    private func checkTerms(of expression: LinearExpression, in context: String) throws(ModelError) {
        for (variable, coefficient) in expression.terms {
            guard variables.indices.contains(variable.index) else {
                throw ModelError(
                    .unknownVariable,
                    "\(context) uses \(variable), but model \(Validation.quoted(name)) has only \(variables.count) variables"
                )
            }
            try Validation.checkFinite(
                coefficient,
                "coefficient of variable \(Validation.quoted(variables[variable.index].name)) in \(context)")
        }
        try Validation.checkFinite(expression.constant, "constant term of \(context)")
    }

    private static func checkBound(_ bound: ConstraintBound, in context: String) throws(ModelError) {
        if let lower = bound.lower { try Validation.checkFinite(lower, "lower bound of \(context)") }
        if let upper = bound.upper { try Validation.checkFinite(upper, "upper bound of \(context)") }
        if case .between(let lower, let upper) = bound, lower > upper {
            throw ModelError(.invalidBounds, "\(context) has range \(lower)...\(upper) with lower above upper")
        }
    }
}
