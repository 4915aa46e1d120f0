/// An ITU-D region, as used for the equitable-distribution term of the objective.
public enum Region: String, CaseIterable, Comparable, Sendable {
    case AFR, AMS, ARB, ASP, CIS, EUR

    public static func < (lhs: Region, rhs: Region) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    /// The position in `allCases`, without searching it (tallies index their counts by it).
    public var ordinal: Int {
        switch self {
        case .AFR: 0
        case .AMS: 1
        case .ARB: 2
        case .ASP: 3
        case .CIS: 4
        case .EUR: 5
        }
    }

    /// English name, for tables and explanations.
    public var englishName: String {
        switch self {
        case .AFR: "Africa"
        case .AMS: "Americas"
        case .ARB: "Arab States"
        case .ASP: "Asia-Pacific"
        case .CIS: "CIS"
        case .EUR: "Europe"
        }
    }
}

/// World Bank income group.
public enum IncomeGroup: String, CaseIterable, Sendable {
    case low, lower_middle, upper_middle, high
}

/// One row of `countries.csv`: a Member State and the facts the rule needs about it.
public struct Country: Hashable, Sendable {
    public var iso3: String
    public var name: String
    public var region: Region
    public var ldc: Bool
    public var lldc: Bool
    public var sids: Bool
    public var incomeGroup: IncomeGroup
    public var eligible: Bool
    /// Columns whose names start with `x_`, kept verbatim (never interpreted by the rule).
    public var extensions: [String: String]

    public init(
        iso3: String, name: String, region: Region, ldc: Bool, lldc: Bool, sids: Bool,
        incomeGroup: IncomeGroup, eligible: Bool, extensions: [String: String] = [:]
    ) {
        self.iso3 = iso3
        self.name = name
        self.region = region
        self.ldc = ldc
        self.lldc = lldc
        self.sids = sids
        self.incomeGroup = incomeGroup
        self.eligible = eligible
        self.extensions = extensions
    }
}
