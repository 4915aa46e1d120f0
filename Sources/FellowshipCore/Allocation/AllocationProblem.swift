/// The optimisation problem of MODEL.md sections 3 and 4 over the eligible applications.
///
/// This is the one description of the rule that the MILP builder, the exact evaluator,
/// the tie rule and the brute-force tests all read, so they cannot drift apart.
public struct AllocationProblem: Sendable {
    /// Eligible applications in rank order (`candidates[r].rank == r`).
    public var candidates: [Candidate]
    /// iso3 codes of the countries that have at least one candidate, sorted.
    public var countries: [String]
    /// Region of each entry of `countries`.
    public var countryRegions: [Region]
    public var budget: Money
    public var countryCap: Int
    public var maxDSAPerCountry: Int
    public var genderTarget: Double
    /// `sigma_r` for each region (0 for regions not listed).
    public var regionShares: [Region: Double]
    public var coverageWeight: Double
    public var regionShortfallWeight: Double
    public var genderShortfallWeight: Double

    public init(
        candidates: [Candidate], countries: [String], countryRegions: [Region], budget: Money, countryCap: Int,
        maxDSAPerCountry: Int, genderTarget: Double, regionShares: [Region: Double], coverageWeight: Double,
        regionShortfallWeight: Double, genderShortfallWeight: Double
    ) {
        self.candidates = candidates
        self.countries = countries
        self.countryRegions = countryRegions
        self.budget = budget
        self.countryCap = countryCap
        self.maxDSAPerCountry = maxDSAPerCountry
        self.genderTarget = genderTarget
        self.regionShares = regionShares
        self.coverageWeight = coverageWeight
        self.regionShortfallWeight = regionShortfallWeight
        self.genderShortfallWeight = genderShortfallWeight
    }

    /// `sigma_r`, 0 for unlisted regions.
    public func share(_ region: Region) -> Double { regionShares[region] ?? 0 }

    /// The tolerance of MODEL.md section 5: `1e-6 * max(1, |V*|)`.
    public static func tolerance(_ optimum: Double) -> Double { 1e-6 * max(1, abs(optimum)) }

    /// The empty allocation.
    public var emptyAllocation: Allocation { Array(repeating: nil, count: candidates.count) }

    /// Whether `allocation` gives only allowed components and meets budget and caps.
    public func isFeasible(_ allocation: Allocation) -> Bool {
        var tally = Tally(problem: self)
        for (rank, component) in allocation.enumerated() {
            guard let component else { continue }
            guard candidates[rank].cost(component) != nil else { return false }
            tally.add(candidates[rank], component)
        }
        return tally.isFeasible
    }

    /// V of MODEL.md section 4, computed from scratch in a fixed order.
    public func value(of allocation: Allocation) -> Double {
        var tally = Tally(problem: self)
        for (rank, component) in allocation.enumerated() {
            if let component { tally.add(candidates[rank], component) }
        }
        return tally.value
    }

    /// Running totals of an allocation: enough to test feasibility and evaluate V after a
    /// change of one or two candidates without rescanning everyone.
    public struct Tally: Sendable {
        public let problem: AllocationProblem
        public private(set) var awards = 0
        public private(set) var women = 0
        public private(set) var spent = Money.zero
        public private(set) var scoreSum = 0.0
        public private(set) var perCountry: [Int]
        public private(set) var dsaPerCountry: [Int]
        public private(set) var perRegion: [Region: Int] = [:]
        public private(set) var coveredCountries = 0

        public init(problem: AllocationProblem) {
            self.problem = problem
            perCountry = Array(repeating: 0, count: problem.countries.count)
            dsaPerCountry = Array(repeating: 0, count: problem.countries.count)
        }

        public init(problem: AllocationProblem, allocation: Allocation) {
            self.init(problem: problem)
            for (rank, component) in allocation.enumerated() {
                if let component { add(problem.candidates[rank], component) }
            }
        }

        public mutating func add(_ candidate: Candidate, _ component: Component) {
            update(candidate, component, by: 1)
        }

        public mutating func remove(_ candidate: Candidate, _ component: Component) {
            update(candidate, component, by: -1)
        }

        private mutating func update(_ candidate: Candidate, _ component: Component, by delta: Int) {
            awards += delta
            if candidate.isFemale { women += delta }
            spent = spent + candidate.cost(component)! * Int64(delta)
            scoreSum += Double(delta) * candidate.score
            let before = perCountry[candidate.country]
            perCountry[candidate.country] += delta
            if before == 0 && delta > 0 { coveredCountries += 1 }
            if before == 1 && delta < 0 { coveredCountries -= 1 }
            if component == .dsa { dsaPerCountry[candidate.country] += delta }
            perRegion[candidate.region, default: 0] += delta
        }

        public var isFeasible: Bool { Constraint.allCases.allSatisfy(keeps) }

        /// Whether the tallied allocation keeps `constraint` (MODEL.md section 3).
        public func keeps(_ constraint: Constraint) -> Bool {
            switch constraint {
            case .budget: spent <= problem.budget
            case .countryCap: perCountry.allSatisfy { $0 <= problem.countryCap }
            case .dsaRule: dsaPerCountry.allSatisfy { $0 <= problem.maxDSAPerCountry }
            }
        }

        /// Whether adding `candidate` with `component` would keep budget and caps.
        public func canAdd(_ candidate: Candidate, _ component: Component) -> Bool {
            blockers(candidate, component).isEmpty
        }

        /// The cheapest allowed component of `candidate` that can be added without breaking a
        /// constraint (the ticket when both cost the same, `Candidate.componentsByCost`), among
        /// those costing less than `limit` when one is given; nil when none fits. The one
        /// reading of "its cheapest component that keeps the allocation feasible" of MODEL.md
        /// section 5, shared by the tie rule, the reasons, the greedy start and the local search.
        public func cheapestFitting(_ candidate: Candidate, cheaperThan limit: Money? = nil) -> Component? {
            candidate.componentsByCost.first { component in
                (limit.map { candidate.cost(component)! < $0 } ?? true) && canAdd(candidate, component)
            }
        }

        /// The constraints that adding `candidate` with `component` would break.
        public func blockers(_ candidate: Candidate, _ component: Component) -> [Constraint] {
            guard let cost = candidate.cost(component) else { return [] }
            return Constraint.allCases.filter { constraint in
                switch constraint {
                case .budget: spent + cost > problem.budget
                case .countryCap: perCountry[candidate.country] + 1 > problem.countryCap
                case .dsaRule: component == .dsa && dsaPerCountry[candidate.country] + 1 > problem.maxDSAPerCountry
                }
            }
        }

        /// The penalty-and-coverage part of V (everything but the scores).
        public var structuralValue: Double {
            let n = Double(awards)
            var value = problem.coverageWeight * Double(coveredCountries)
            if problem.regionShortfallWeight != 0 {
                var shortfall = 0.0
                for region in Region.allCases {
                    let share = problem.share(region)
                    if share > 0 { shortfall += max(0, share * n - Double(perRegion[region] ?? 0)) }
                }
                value -= problem.regionShortfallWeight * shortfall
            }
            if problem.genderShortfallWeight != 0 {
                value -= problem.genderShortfallWeight * max(0, problem.genderTarget * n - Double(women))
            }
            return value
        }

        /// V, with the score sum as accumulated (use `AllocationProblem.value(of:)` for the
        /// canonical figure).
        public var value: Double { scoreSum + structuralValue }
    }

    /// A constraint of MODEL.md section 3, named as in decision reasons.
    public enum Constraint: String, Sendable, CaseIterable {
        case budget
        case countryCap = "country_cap"
        case dsaRule = "dsa_rule"
    }
}
