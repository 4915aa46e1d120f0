/// The policy of one allocation run (`policy.json`): budget, caps, targets and weights.
///
/// Every field has a published default, so an empty `{}` is the default policy.
public struct Policy: Hashable, Sendable {
    public var budget: Money = Money(cents: 6_000_000)
    /// At most this many awards per country.
    public var countryCap: Int = 2
    /// At most this many DSA awards per country (1 at Geneva: of two, one is a ticket).
    public var maxDSAPerCountry: Int = 1
    /// Target share of awards to women, in [0, 1].
    public var genderTarget: Double = 0.5
    public var regionTargets: RegionTargets = .countries
    public var weights = Weights()
    public var solver = SolverSettings()

    public init() {}

    /// How the region shares `sigma_r` of the objective are set.
    public enum RegionTargets: Hashable, Sendable {
        /// Each region's share of the countries that have an eligible application.
        case countries
        /// Listed shares (each in [0,1], summing to at most 1); unlisted regions get 0.
        case explicit([Region: Double])
    }

    public struct Weights: Hashable, Sendable {
        public var base: Double = 10
        public var contribution: Double = 3
        public var contributionCap: Double = 3
        public var roles: [Role: Double] = [.none: 0, .editor: 2, .rapporteur: 4, .vice_chair: 4, .chair: 5]
        public var ldc: Double = 3
        public var specialNeeds: Double = 2
        public var countryCoverage: Double = 5
        public var regionShortfall: Double = 6
        public var genderShortfall: Double = 6

        public init() {}

        public func role(_ role: Role) -> Double { roles[role] ?? 0 }
    }

    public struct SolverSettings: Hashable, Sendable {
        /// Relative MIP gap at which the solve stops; 0 demands a proven optimum.
        public var mipGap: Double = 0
        public var timeLimitSeconds: Double = 60

        public init() {}
    }
}
