import LinearProgramming

/// The allocation MILP of one margin restricted to allocations of exactly `awards` awards:
/// `AllocationModel` under the margin's conditions, plus `Σ x = awards` and inequalities
/// that the balance terms call for once the number of awards is known.
///
/// With N fixed, the region target σ_r N and the gender target t N are constants, while the
/// counts N_r and F are whole numbers. So:
///
/// - for each region r, `u_r ≥ f_r (⌊σ_r N⌋ + 1 − N_r)` where f_r is the fractional part
///   of σ_r N (at N_r = ⌊σ_r N⌋ the shortfall is f_r, from ⌊σ_r N⌋ + 1 on it is 0; the
///   inequality holds at every whole N_r, and with `u_r ≥ σ_r N − N_r` it describes the
///   shortfall over whole numbers exactly);
/// - the same for the gender shortfall `g` with the target t N and F;
/// - `Σ_r u_r ≥ P(N)`: whole N_r cannot meet every fractional target, and the best they can
///   do leaves the smallest fractional parts uncovered (`minimumShortfall`).
///
/// Every allocation with N awards satisfies these with its own shortfalls, so the optimum
/// over those allocations is unchanged; but the LP relaxation, which meets fractional
/// targets exactly with fractional awards, becomes much tighter. That gap is most of what
/// GLPK's branch and bound has to close on the plain model.
///
/// `ConditionedSolver` writes these models in the compact form (`AllocationModel.Form`):
/// the same optimum, whole and relaxed, with the rows and columns that cannot change it left
/// out, since GLPK's time per branch-and-bound node grows with them (docs/performance.md,
/// "Fifth pass").
struct CountModel {
    var built: AllocationModel
    var awards: Int

    /// What the models for the different counts share, built once per set of conditions.
    struct Template {
        var problem: AllocationProblem
        /// The plain model under the conditions.
        var built: AllocationModel
        /// The plain model with every variable continuous.
        var relaxed: Model
        var all = LinearExpression()
        var women = LinearExpression()
        var byRegion: [Region: LinearExpression] = [:]

        /// - Parameter form: the plain form, or the compact one `ConditionedSolver` uses. With
        ///   `form.awards` set, only `model(awards:)` at that count may be used.
        init(
            problem: AllocationProblem, conditions: AllocationModel.Conditions, form: AllocationModel.Form = .plain
        ) throws {
            self.problem = problem
            built = try AllocationModel(problem: problem, conditions: conditions, name: "margin", form: form)
            relaxed = built.model.relaxation(named: built.model.name + "_lp")
            for candidate in problem.candidates {
                for variable in [built.ticketVariables[candidate.rank], built.dsaVariables[candidate.rank]] {
                    guard let variable else { continue }
                    all.add(1, variable)
                    if candidate.isFemale { women.add(1, variable) }
                    byRegion[candidate.region, default: LinearExpression()].add(1, variable)
                }
            }
        }

        /// The number of awards as an expression: the awards variable when the model has one.
        var count: LinearExpression {
            guard let n = built.awardsVariable else { return all }
            var expression = LinearExpression()
            expression.add(1, n)
            return expression
        }

        /// The model for exactly `n` awards.
        func model(awards n: Int) throws -> CountModel {
            precondition(built.form.awards == nil || built.form.awards == n, "a compact template is for one count")
            var built = self.built
            try addRows(to: &built.model, awards: n)
            return CountModel(built: built, awards: n)
        }

        /// The LP relaxation of the plain model with `Σ x = n` only (no balance rows): its
        /// optimum is a concave function of n.
        func plainRelaxation(awards n: Int) throws -> Model {
            precondition(built.form.awards == nil, "a compact template is for one count's model")
            var model = relaxed
            _ = try model.addConstraint(name: "awards", count, .exactly(Double(n)))
            return model
        }

        /// The LP relaxation of the model for exactly `n` awards.
        func relaxation(awards n: Int) throws -> Model {
            precondition(built.form.awards == nil, "a compact template is for one count's model")
            var model = relaxed
            try addRows(to: &model, awards: n)
            return model
        }

        func addRows(to model: inout Model, awards n: Int) throws {
            let slack = 1e-9
            _ = try model.addConstraint(name: "awards", count, .exactly(Double(n)))
            var shortfalls = LinearExpression()
            var shares: [Double] = []
            for region in built.regionVariables.keys.sorted() {
                let u = built.regionVariables[region]!
                shortfalls.add(1, u)
                let share = problem.share(region)
                shares.append(share)
                let (whole, fraction) = CountModel.split(share * Double(n))
                guard fraction > 0 else { continue }
                // u_r + f N_r >= f (⌊T⌋ + 1)
                var row = LinearExpression()
                row.add(1, u)
                for term in (byRegion[region] ?? LinearExpression()).terms { row.add(fraction, term.variable) }
                _ = try model.addConstraint(
                    name: "reg_hull_\(region.rawValue)", row, .atLeast(fraction * (whole + 1) - slack))
            }
            if let g = built.genderVariable {
                let (whole, fraction) = CountModel.split(problem.genderTarget * Double(n))
                if fraction > 0 {
                    var row = LinearExpression()
                    row.add(1, g)
                    for term in women.terms { row.add(fraction, term.variable) }
                    _ = try model.addConstraint(name: "gender_hull", row, .atLeast(fraction * (whole + 1) - slack))
                }
            }
            let floor = CountModel.minimumShortfall(shares: shares, awards: n)
            if floor > 0 {
                _ = try model.addConstraint(name: "region_floor", shortfalls, .atLeast(floor))
            }
        }
    }

    /// The whole and fractional parts of a target, a fraction within 1e-9 of 0 or 1 taken as 0.
    static func split(_ target: Double) -> (whole: Double, fraction: Double) {
        let whole = (target + 1e-9).rounded(.down)
        let fraction = target - whole
        return fraction > 1e-9 ? (whole, fraction) : (whole, 0)
    }

    /// The least total shortfall `Σ_r max(0, σ_r n − N_r)` over whole numbers N_r ≥ 0 with
    /// `Σ N_r ≤ n`: each region first gets ⌊σ_r n⌋ (every award cuts its shortfall by 1),
    /// the awards left cover the largest fractional parts, the other parts stay. 1e-7 per
    /// region is taken off so that floating-point error can only weaken the bound.
    static func minimumShortfall(shares: [Double], awards n: Int) -> Double {
        var fractions: [Double] = []
        var floors = 0.0
        for share in shares where share > 0 {
            let (whole, fraction) = split(share * Double(n))
            floors += whole
            if fraction > 0 { fractions.append(fraction) }
        }
        let left = max(0, Int((Double(n) - floors + 1e-9).rounded(.down)))
        guard left < fractions.count else { return 0 }
        let uncovered = fractions.sorted().prefix(fractions.count - left)
        return max(0, uncovered.reduce(0, +) - 1e-7 * Double(shares.count))
    }

    /// An upper bound on the number of awards: the cheapest allowed components, cheapest
    /// first, that fit the budget, and at most `country_cap` per country.
    ///
    /// Each constraint of MODEL.md section 3 either caps the count or is relaxed (a bound over
    /// fewer constraints still bounds), said case by case so that a new kind of constraint
    /// does not compile until it says which.
    static func maximumAwards(_ problem: AllocationProblem) -> Int {
        var maximum = problem.candidates.count
        for constraint in AllocationProblem.Constraint.allCases {
            switch constraint {
            case .budget:
                var spent = Money.zero
                var fitting = 0
                for cost in problem.candidates.map(\.cheapestCost).sorted() {
                    guard spent + cost <= problem.budget else { break }
                    spent = spent + cost
                    fitting += 1
                }
                maximum = min(maximum, fitting)
            case .countryCap:
                var perCountry = [Int](repeating: 0, count: problem.countries.count)
                for candidate in problem.candidates { perCountry[candidate.country] += 1 }
                maximum = min(maximum, perCountry.reduce(0) { $0 + min($1, problem.countryCap) })
            case .dsaRule:
                break  // Relaxed: a candidate allowing only the DSA still counts.
            }
        }
        return max(0, maximum)
    }

    /// For each count k of awards, an upper bound on V: the k best scores, coverage for at
    /// most k countries, less the region shortfall that every k-award allocation has.
    ///
    /// Every constraint of MODEL.md section 3 is relaxed here except through `maximum` (the
    /// caller's count bound, `CountModel.maximumAwards`): a bound over fewer constraints still
    /// bounds. The switch makes a new kind of constraint say so before it compiles.
    static func valueBounds(_ problem: AllocationProblem, upTo maximum: Int) -> [Double] {
        for constraint in AllocationProblem.Constraint.allCases {
            switch constraint {
            case .budget, .countryCap, .dsaRule: continue  // Relaxed, or counted in `maximum`.
            }
        }
        let scores = problem.candidates.map(\.score).sorted(by: >)
        let shares = Region.allCases.map { problem.share($0) }
        var sum = 0.0
        return (0...maximum).map { k in
            if k > 0 && k <= scores.count { sum += scores[k - 1] }
            let coverage = max(0, problem.coverageWeight) * Double(min(k, problem.countries.count))
            let floor = problem.regionShortfallWeight > 0 ? minimumShortfall(shares: shares, awards: k) : 0
            return sum + coverage - problem.regionShortfallWeight * floor
        }
    }
}
