/// An eligible application as the optimiser sees it: who, where, worth what, costing what.
public struct Candidate: Hashable, Sendable {
    /// Position of the application in the input file.
    public var applicationIndex: Int
    public var id: String
    /// 0-based position by `submitted_at`, then id in byte order (MODEL.md section 5).
    public var rank: Int
    /// Index into `AllocationProblem.countries`.
    public var country: Int
    public var region: Region
    public var isFemale: Bool
    public var score: Double
    /// Cost of the ticket, when the application allows one.
    public var ticketCost: Money?
    /// Cost of the DSA, when the application allows one.
    public var dsaCost: Money?

    public init(
        applicationIndex: Int, id: String, rank: Int, country: Int, region: Region, isFemale: Bool,
        score: Double, ticketCost: Money?, dsaCost: Money?
    ) {
        self.applicationIndex = applicationIndex
        self.id = id
        self.rank = rank
        self.country = country
        self.region = region
        self.isFemale = isFemale
        self.score = score
        self.ticketCost = ticketCost
        self.dsaCost = dsaCost
    }

    public func cost(_ component: Component) -> Money? {
        switch component {
        case .ticket: ticketCost
        case .dsa: dsaCost
        }
    }

    /// Allowed components, cheapest first; the ticket first when both cost the same.
    public var componentsByCost: [Component] {
        switch (ticketCost, dsaCost) {
        case (let ticket?, let dsa?): dsa < ticket ? [.dsa, .ticket] : [.ticket, .dsa]
        case (.some, nil): [.ticket]
        case (nil, .some): [.dsa]
        case (nil, nil): []
        }
    }

    /// The cheapest allowed cost.
    public var cheapestCost: Money { cost(componentsByCost[0])! }
}

/// Who gets what: the component awarded to each candidate (by rank), or nil.
public typealias Allocation = [Component?]
