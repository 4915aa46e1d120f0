public import LinearProgramming

/// The MILP of MODEL.md sections 3 and 4 for one `AllocationProblem`.
///
/// Variables: `x[i,c]` binary (candidate i gets component c); `y[k]` in [0,1] (country k
/// covered; continuous suffices because it is maximised and bounded by the integral count
/// of awards in k); `u[r] >= 0` (shortfall of region r) and `g >= 0` (gender shortfall),
/// both minimised, so at the optimum each equals its `max(0, ...)`. Variables whose
/// objective weight is zero are left out: they cannot change V.
public struct AllocationModel: Sendable {
    public var model: Model
    /// The `x` variable of each candidate's ticket and DSA (nil when not allowed).
    public var ticketVariables: [VariableID?]
    public var dsaVariables: [VariableID?]
    /// `y[k]` per country (nil when coverage has no weight).
    public var coverageVariables: [VariableID?]
    /// `u[r]` per region with a positive target.
    public var regionVariables: [Region: VariableID]
    /// `g`, when the gender term has weight.
    public var genderVariable: VariableID?
    /// `n`, the number of awards, when the form asks for it (`Form.hasAwardCount`).
    public var awardsVariable: VariableID?
    /// V as a linear expression over the variables (the objective that is maximised).
    public var objective: LinearExpression
    /// Total cost of the awards, in currency units (the left side of the budget row).
    public var cost: LinearExpression
    /// How the rows were written.
    public var form: Form

    /// Extra conditions used for margins and re-optimisation (issue #3) and for tests.
    public struct Conditions: Sendable {
        /// Candidates that must receive some component.
        public var awarded: Set<Int> = []
        /// Candidates that must receive nothing.
        public var excluded: Set<Int> = []
        /// Candidates whose component is fixed.
        public var fixed: [Int: Component] = [:]

        public init(awarded: Set<Int> = [], excluded: Set<Int> = [], fixed: [Int: Component] = [:]) {
            self.awarded = awarded
            self.excluded = excluded
            self.fixed = fixed
        }

        /// Whether there is no condition at all (an ordinary run).
        public var isEmpty: Bool { awarded.isEmpty && excluded.isEmpty && fixed.isEmpty }

        /// The candidates whose status (awarded or not) the conditions settle, which the tie
        /// rule may therefore not change.
        public var frozen: Set<Int> { awarded.union(excluded).union(fixed.keys) }

        /// Whether `allocation` meets every condition: the awarded candidates receive some
        /// component, the excluded ones nothing, the fixed ones exactly their component.
        public func areMet(by allocation: Allocation) -> Bool {
            awarded.allSatisfy { allocation[$0] != nil }
                && excluded.allSatisfy { allocation[$0] == nil }
                && fixed.allSatisfy { allocation[$0.key] == $0.value }
        }
    }

    /// How the rows are written. Both forms have the same V at every point, whole or relaxed,
    /// over the allocations they admit; the compact one has fewer rows, columns and nonzeros,
    /// which is what GLPK's time per branch-and-bound node grows with.
    public struct Form: Sendable, Equatable {
        /// Leaves out what cannot change the optimum:
        /// - a country with one candidate gets no coverage variable `y`: its weight goes on
        ///   the candidate's own variables, at most one of which is 1, so `y` would equal their
        ///   sum; a country with no candidate gets none either;
        /// - a candidate who may have either component, and whose ticket costs no more than
        ///   the DSA, gets no DSA variable (unless a condition fixes the DSA): switching such an
        ///   award to the ticket keeps V, spends no more and gives one DSA fewer, so some
        ///   optimum, whole or relaxed, never uses it. Most "either" candidates are of this
        ///   kind (69 of 71 in one search of a generated 1,500-application meeting).
        public var isCompact = false
        /// The number of awards, for a model to which the caller adds `Σ x = awards`
        /// (`CountModel`): the region and gender rows then compare the region's or the women's
        /// awards with the constant target (`u_r + N_r ≥ σ_r·awards`) instead of holding every
        /// award variable. Without that row the model would be wrong, so only `CountModel`
        /// passes it.
        var awards: Int?
        /// Without a fixed number of awards: the number as a variable `n`, defined by one row
        /// `Σ x − n = 0`, so that the region and gender rows hold `n` instead of every award
        /// variable (`u_r + N_r − σ_r n ≥ 0`), and a count is fixed by `n = N`, a row of one
        /// term. The same LP optimum at every count, with seven dense rows fewer. Only the
        /// margins' count scan uses it (`CountSearch`): its LPs are solved hundreds of times
        /// a run, while the run's own scan keeps the path that decides the published allocation.
        var hasAwardCount = false

        /// The form of the published model, row for row as it has always been written.
        public static let plain = Form()

        public init(isCompact: Bool = false) {
            self.isCompact = isCompact
        }

        /// The compact form of a model for exactly `awards` awards (the heuristic and exact
        /// searches of `ConditionedSolver`).
        static func compact(awards: Int) -> Form {
            var form = Form(isCompact: true)
            form.awards = awards
            return form
        }
    }

    public init(
        problem: AllocationProblem, conditions: Conditions = .init(), name: String = "fellowship",
        form: Form = .plain
    ) throws {
        let awards = form.awards
        var model = Model(name: name)
        var objective = LinearExpression()
        var ticket = [VariableID?](repeating: nil, count: problem.candidates.count)
        var dsa = [VariableID?](repeating: nil, count: problem.candidates.count)
        var awardsOfCountry = [LinearExpression](repeating: LinearExpression(), count: problem.countries.count)
        var dsaOfCountry = [LinearExpression](repeating: LinearExpression(), count: problem.countries.count)
        var awardsOfRegion: [Region: LinearExpression] = [:]
        var allAwards = LinearExpression()
        var womenAwards = LinearExpression()
        var budget = LinearExpression()
        var coverage = [VariableID?](repeating: nil, count: problem.countries.count)
        var regionVariables: [Region: VariableID] = [:]
        var genderVariable: VariableID? = nil

        let tags = Self.nameTags(problem.candidates)
        var candidatesOfCountry = [Int](repeating: 0, count: problem.countries.count)
        for candidate in problem.candidates { candidatesOfCountry[candidate.country] += 1 }
        let foldsCountry: (Int) -> Bool = { country in
            form.isCompact && problem.coverageWeight > 0 && candidatesOfCountry[country] <= 1
        }
        for candidate in problem.candidates {
            let tag = tags[candidate.rank]
            var own = LinearExpression()
            for component in candidate.componentsByCost.sorted() {
                let cost = candidate.cost(component)!
                if form.isCompact, component == .dsa, conditions.fixed[candidate.rank] != .dsa,
                    let fare = candidate.cost(.ticket), fare <= cost
                {
                    continue
                }
                let forbidden =
                    conditions.excluded.contains(candidate.rank)
                    || (conditions.fixed[candidate.rank].map { $0 != component } ?? false)
                let variable = try model.addVariable(
                    name: "x_\(tag)_\(component == .ticket ? "t" : "d")", kind: .binary,
                    lowerBound: 0, upperBound: forbidden ? 0 : 1)
                if component == .ticket { ticket[candidate.rank] = variable } else { dsa[candidate.rank] = variable }
                own.add(1, variable)
                objective.add(
                    candidate.score + (foldsCountry(candidate.country) ? problem.coverageWeight : 0), variable)
                budget.add(cost.approximateValue, variable)
                awardsOfCountry[candidate.country].add(1, variable)
                if component == .dsa { dsaOfCountry[candidate.country].add(1, variable) }
                awardsOfRegion[candidate.region, default: LinearExpression()].add(1, variable)
                allAwards.add(1, variable)
                if candidate.isFemale { womenAwards.add(1, variable) }
            }
            let mustAward = conditions.awarded.contains(candidate.rank) || conditions.fixed[candidate.rank] != nil
            if own.terms.count > 1 || mustAward {
                _ = try model.addConstraint(name: "one_\(tag)", own, mustAward ? .exactly(1) : .atMost(1))
            }
        }
        _ = try model.addConstraint(name: "budget", budget, .atMost(problem.budget.approximateValue))
        for (k, code) in problem.countries.enumerated() {
            // The rows of each constraint of MODEL.md section 3, in this order (the order of
            // rows is part of the solver's path, so it stays fixed).
            for constraint in AllocationProblem.Constraint.allCases {
                switch constraint {
                case .budget:
                    break  // One row for all countries, above.
                case .countryCap:
                    if problem.countryCap < awardsOfCountry[k].terms.count {
                        _ = try model.addConstraint(
                            name: "cap_\(code)", awardsOfCountry[k], .atMost(Double(problem.countryCap)))
                    }
                case .dsaRule:
                    if problem.maxDSAPerCountry < dsaOfCountry[k].terms.count {
                        _ = try model.addConstraint(
                            name: "dsa_\(code)", dsaOfCountry[k], .atMost(Double(problem.maxDSAPerCountry)))
                    }
                }
            }
            if problem.coverageWeight > 0 && !foldsCountry(k) {
                let covered = try model.addVariable(name: "y_\(code)", kind: .continuous, lowerBound: 0, upperBound: 1)
                coverage[k] = covered
                objective.add(problem.coverageWeight, covered)
                var row = awardsOfCountry[k]
                row.add(-1, covered)
                _ = try model.addConstraint(name: "cov_\(code)", row, .atLeast(0))
            }
        }
        var awardsVariable: VariableID? = nil
        let balanced =
            problem.regionShortfallWeight > 0
            || (problem.genderShortfallWeight > 0 && problem.genderTarget > 0)
        if form.hasAwardCount, awards == nil, balanced {
            let n = try model.addVariable(name: "n_awards", kind: .continuous, lowerBound: 0)
            awardsVariable = n
            var row = allAwards
            row.add(-1, n)
            _ = try model.addConstraint(name: "awards_total", row, .exactly(0))
        }
        if problem.regionShortfallWeight > 0 {
            for region in Region.allCases where problem.share(region) > 0 {
                // u_r >= sigma_r * N - N_r   <=>   u_r - sigma_r * N + N_r >= 0
                let shortfall = try model.addVariable(name: "u_\(region.rawValue)", kind: .continuous, lowerBound: 0)
                regionVariables[region] = shortfall
                objective.add(-problem.regionShortfallWeight, shortfall)
                var row = LinearExpression()
                row.add(1, shortfall)
                if let awardsVariable {
                    row.add(-problem.share(region), awardsVariable)
                } else if awards == nil {
                    for term in allAwards.terms { row.add(-problem.share(region) * term.coefficient, term.variable) }
                }
                for term in (awardsOfRegion[region] ?? LinearExpression()).terms {
                    row.add(term.coefficient, term.variable)
                }
                let target = awards.map { problem.share(region) * Double($0) } ?? 0
                _ = try model.addConstraint(name: "reg_\(region.rawValue)", row, .atLeast(target))
            }
        }
        if problem.genderShortfallWeight > 0 && problem.genderTarget > 0 {
            // g >= target * N - F   <=>   g - target * N + F >= 0
            let shortfall = try model.addVariable(name: "g_gender", kind: .continuous, lowerBound: 0)
            genderVariable = shortfall
            objective.add(-problem.genderShortfallWeight, shortfall)
            var row = LinearExpression()
            row.add(1, shortfall)
            if let awardsVariable {
                row.add(-problem.genderTarget, awardsVariable)
            } else if awards == nil {
                for term in allAwards.terms { row.add(-problem.genderTarget, term.variable) }
            }
            for term in womenAwards.terms { row.add(1, term.variable) }
            let target = awards.map { problem.genderTarget * Double($0) } ?? 0
            _ = try model.addConstraint(name: "gender", row, .atLeast(target))
        }
        try model.setObjective(.maximize, objective)
        self.model = model
        self.ticketVariables = ticket
        self.dsaVariables = dsa
        self.coverageVariables = coverage
        self.regionVariables = regionVariables
        self.genderVariable = genderVariable
        self.awardsVariable = awardsVariable
        self.objective = objective
        self.cost = budget
        self.form = form
    }

    /// Adds a row that every allocation except `allocation` satisfies (a "no-good" cut):
    /// `sum over given components of (1 - x) + sum over the others of x >= 1`.
    ///
    /// Used when GLPK, within its floating-point tolerances, returns an allocation that the
    /// exact check in whole cents finds over budget: cutting off exactly that allocation
    /// and solving again keeps the model otherwise unchanged, so the optimum stays exact.
    public mutating func exclude(_ allocation: Allocation) throws {
        precondition(!form.isCompact, "a compact model may lack the variables of an allocation")
        var row = LinearExpression()
        var given = 0
        for rank in allocation.indices {
            for (component, variable) in [(Component.ticket, ticketVariables[rank]), (.dsa, dsaVariables[rank])] {
                guard let variable else { continue }
                if allocation[rank] == component {
                    row.add(-1, variable)
                    given += 1
                } else {
                    row.add(1, variable)
                }
            }
        }
        _ = try model.addConstraint(name: "nogood_\(model.constraintCount)", row, .atLeast(Double(1 - given)))
    }

    /// Reads the allocation out of a solver point (binaries are taken as set above 0.5).
    public func allocation(from values: [Double]) -> Allocation {
        ticketVariables.indices.map { rank in
            if let variable = ticketVariables[rank], values[variable.index] > 0.5 { return .ticket }
            if let variable = dsaVariables[rank], values[variable.index] > 0.5 { return .dsa }
            return nil
        }
    }

    /// The same allocation as a solver point, for handing GLPK a starting incumbent.
    public func point(for allocation: Allocation, problem: AllocationProblem) -> [Double] {
        precondition(!form.isCompact, "a compact model may lack the variables of an allocation")
        var values = [Double](repeating: 0, count: model.variableCount)
        for (rank, component) in allocation.enumerated() {
            switch component {
            case .ticket?: values[ticketVariables[rank]!.index] = 1
            case .dsa?: values[dsaVariables[rank]!.index] = 1
            case nil: break
            }
        }
        let tally = AllocationProblem.Tally(problem: problem, allocation: allocation)
        for (k, variable) in coverageVariables.enumerated() {
            if let variable { values[variable.index] = tally.perCountry[k] > 0 ? 1 : 0 }
        }
        for (region, variable) in regionVariables {
            values[variable.index] = max(
                0, problem.share(region) * Double(tally.awards) - Double(tally.perRegion[region] ?? 0))
        }
        if let genderVariable {
            values[genderVariable.index] = max(0, problem.genderTarget * Double(tally.awards) - Double(tally.women))
        }
        return values
    }

    /// Name fragments for the candidates: the id with `-` written as `_` when that is a
    /// valid and unique name in both MPS and CPLEX LP files, else `~` and the rank (ids may
    /// hold any text; solver names may not, and `-` is an operator in LP files).
    static func nameTags(_ candidates: [Candidate]) -> [String] {
        var used: Set<String> = []
        return candidates.map { candidate in
            let mapped = String(candidate.id.unicodeScalars.map { $0 == "-" ? "_" : Character($0) })
            let valid =
                !mapped.isEmpty && mapped.utf8.count <= 200
                && mapped.unicodeScalars.allSatisfy { scalar in
                    scalar.isASCII
                        && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                            || scalar == "_" || scalar == ".")
                }
            let tag = valid && !used.contains(mapped) ? mapped : "~\(candidate.rank)"
            used.insert(tag)
            return tag
        }
    }
}
