/// The result of screening a meeting's applications: gates, scores and the optimisation
/// problem over the eligible ones.
public struct Screening: Sendable {
    public var inputs: AllocationInputs
    /// Failing gates per application, in input order (empty = eligible).
    public var gates: [[Gate]]
    /// Score per application (nil for ineligible ones), in input order.
    public var scores: [Score?]
    public var problem: AllocationProblem
    /// Rank of each application in the problem, nil when ineligible.
    public var rankOfApplication: [Int?]

    /// Screens `inputs`; `committed` adds awards already stored for the same person and
    /// financial year to the annual limit.
    public init(inputs: AllocationInputs, committed: [String: PriorAwards] = [:]) {
        self.inputs = inputs
        let countriesByCode = Dictionary(
            inputs.countries.map { ($0.iso3, $0) }, uniquingKeysWith: { first, _ in first })
        let gates = EligibilityScreen.gates(
            applications: inputs.applications, countries: countriesByCode, meeting: inputs.meeting,
            committed: committed)
        self.gates = gates
        let policy = inputs.policy
        var scores: [Score?] = []
        var eligible: [Int] = []
        for (index, application) in inputs.applications.enumerated() {
            if gates[index].isEmpty {
                eligible.append(index)
                scores.append(
                    Score(
                        application: application, country: countriesByCode[application.country],
                        weights: policy.weights))
            } else {
                scores.append(nil)
            }
        }
        self.scores = scores
        eligible.sort { a, b in
            let left = inputs.applications[a]
            let right = inputs.applications[b]
            if left.submittedAt != right.submittedAt { return left.submittedAt < right.submittedAt }
            return left.id.utf8.lexicographicallyPrecedes(right.id.utf8)
        }
        let countryCodes = Array(Set(eligible.map { inputs.applications[$0].country })).sorted()
        let countryIndex = Dictionary(uniqueKeysWithValues: countryCodes.enumerated().map { ($1, $0) })
        var rankOfApplication = [Int?](repeating: nil, count: inputs.applications.count)
        var candidates: [Candidate] = []
        for (rank, index) in eligible.enumerated() {
            let application = inputs.applications[index]
            rankOfApplication[index] = rank
            let allowed = application.allowedComponents
            candidates.append(
                Candidate(
                    applicationIndex: index, id: application.id, rank: rank,
                    country: countryIndex[application.country]!,
                    region: countriesByCode[application.country]!.region,
                    isFemale: application.gender == .female, score: scores[index]!.total,
                    ticketCost: allowed.contains(.ticket) ? application.ticketCost : nil,
                    dsaCost: allowed.contains(.dsa) ? inputs.meeting.dsaCost : nil))
        }
        self.rankOfApplication = rankOfApplication
        let regions = countryCodes.map { countriesByCode[$0]!.region }
        var shares: [Region: Double] = [:]
        switch policy.regionTargets {
        case .countries:
            if !countryCodes.isEmpty {
                for region in Region.allCases {
                    let count = regions.filter { $0 == region }.count
                    if count > 0 { shares[region] = Double(count) / Double(countryCodes.count) }
                }
            }
        case .explicit(let listed):
            shares = listed.filter { $0.value > 0 }
        }
        self.problem = AllocationProblem(
            candidates: candidates, countries: countryCodes, countryRegions: regions, budget: policy.budget,
            countryCap: policy.countryCap, maxDSAPerCountry: policy.maxDSAPerCountry,
            genderTarget: policy.genderTarget, regionShares: shares,
            coverageWeight: policy.weights.countryCoverage, regionShortfallWeight: policy.weights.regionShortfall,
            genderShortfallWeight: policy.weights.genderShortfall)
    }
}
