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
        /// Awards per region, by `Region.ordinal`.
        public private(set) var regionCounts = [Int](repeating: 0, count: Region.allCases.count)
        public private(set) var coveredCountries = 0
        /// `problem.share(r)` by `Region.ordinal`: V is evaluated millions of times by the local
        /// search and the tie rule, and a dictionary lookup per region per evaluation showed.
        private let shares: [Double]

        /// An award taken away before a "what if" question (`cheapestFitting(_:without:)`,
        /// `value(adding:without:)`).
        public typealias Withdrawal = (candidate: Candidate, component: Component)

        public init(problem: AllocationProblem) {
            self.problem = problem
            perCountry = Array(repeating: 0, count: problem.countries.count)
            dsaPerCountry = Array(repeating: 0, count: problem.countries.count)
            shares = Region.allCases.map { problem.share($0) }
        }

        public init(problem: AllocationProblem, allocation: Allocation) {
            self.init(problem: problem)
            for (rank, component) in allocation.enumerated() {
                if let component { add(problem.candidates[rank], component) }
            }
        }

        /// Awards per region (every region, 0 where none).
        public var perRegion: [Region: Int] {
            Dictionary(uniqueKeysWithValues: Region.allCases.map { ($0, regionCounts[$0.ordinal]) })
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
            regionCounts[candidate.region.ordinal] += delta
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
            fits(candidate, component, without: nil)
        }

        /// The cheapest allowed component of `candidate` that can be added without breaking a
        /// constraint (the ticket when both cost the same, `Candidate.componentsByCost`), among
        /// those costing less than `limit` when one is given; nil when none fits. The one
        /// reading of "its cheapest component that keeps the allocation feasible" of MODEL.md
        /// section 5, shared by the tie rule, the reasons, the greedy start and the local search.
        public func cheapestFitting(_ candidate: Candidate, cheaperThan limit: Money? = nil) -> Component? {
            cheapestFitting(candidate, without: nil, cheaperThan: limit)
        }

        /// `cheapestFitting` after `withdrawal` is taken away, without copying the tally: the
        /// same answer as removing it from a copy and asking that.
        public func cheapestFitting(
            _ candidate: Candidate, without withdrawal: Withdrawal?, cheaperThan limit: Money? = nil
        ) -> Component? {
            candidate.componentsByCost.first { component in
                (limit.map { candidate.cost(component)! < $0 } ?? true)
                    && fits(candidate, component, without: withdrawal)
            }
        }

        /// Whether `candidate` with `component` fits once `withdrawal` (if any) is taken away.
        /// Says the same as `blockers(...).isEmpty`, without building the list.
        private func fits(_ candidate: Candidate, _ component: Component, without withdrawal: Withdrawal?) -> Bool {
            guard let cost = candidate.cost(component) else { return true }
            var spent = self.spent
            var inCountry = perCountry[candidate.country]
            var dsaInCountry = dsaPerCountry[candidate.country]
            if let withdrawal {
                spent = spent + withdrawal.candidate.cost(withdrawal.component)! * -1
                if withdrawal.candidate.country == candidate.country {
                    inCountry -= 1
                    if withdrawal.component == .dsa { dsaInCountry -= 1 }
                }
            }
            for constraint in Constraint.allCases {
                switch constraint {
                case .budget: if spent + cost > problem.budget { return false }
                case .countryCap: if inCountry + 1 > problem.countryCap { return false }
                case .dsaRule: if component == .dsa && dsaInCountry + 1 > problem.maxDSAPerCountry { return false }
                }
            }
            return true
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
            structural(awards: awards, covered: coveredCountries, women: women) { regionCounts[$0] }
        }

        /// The penalty-and-coverage part of V for the given counts (`count(r)`: awards of the
        /// region of ordinal r), in one fixed order of operations, so that a "what if" value
        /// is the same number, to the last bit, as the tally changed and asked.
        private func structural(awards: Int, covered: Int, women: Int, count: (Int) -> Int) -> Double {
            let n = Double(awards)
            var value = problem.coverageWeight * Double(covered)
            if problem.regionShortfallWeight != 0 {
                var shortfall = 0.0
                for ordinal in shares.indices {
                    let share = shares[ordinal]
                    if share > 0 { shortfall += max(0, share * n - Double(count(ordinal))) }
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

        /// V after `withdrawal` (if any) is taken away and `candidate` awarded (any component: V
        /// does not depend on it), without copying the tally: bit for bit what removing and
        /// adding on a copy and asking its `value` gives. The local search and the tie rule ask
        /// this for every pair of an awarded and a waiting applicant.
        public func value(adding candidate: Candidate, without withdrawal: Withdrawal?) -> Double {
            var awards = self.awards
            var women = self.women
            var scores = scoreSum
            var covered = coveredCountries
            var inCountry = perCountry[candidate.country]
            if let withdrawal {
                let removed = withdrawal.candidate
                awards -= 1
                if removed.isFemale { women -= 1 }
                scores += Double(-1) * removed.score
                if perCountry[removed.country] == 1 { covered -= 1 }
                if removed.country == candidate.country { inCountry -= 1 }
            }
            awards += 1
            if candidate.isFemale { women += 1 }
            scores += Double(1) * candidate.score
            if inCountry == 0 { covered += 1 }
            let added = candidate.region.ordinal
            let removed = withdrawal?.candidate.region.ordinal
            let structural = structural(awards: awards, covered: covered, women: women) { ordinal in
                regionCounts[ordinal] + (ordinal == added ? 1 : 0) - (ordinal == removed ? 1 : 0)
            }
            return scores + structural
        }
    }

    /// A constraint of MODEL.md section 3, named as in decision reasons.
    public enum Constraint: String, Sendable, CaseIterable {
        case budget
        case countryCap = "country_cap"
        case dsaRule = "dsa_rule"
    }
}
