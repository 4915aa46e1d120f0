public enum Gender: String, CaseIterable, Sendable {
    case female, male, other, undisclosed
}

public enum Delegation: String, CaseIterable, Sendable {
    case member_state, sector_member, associate, academia, other
}

/// What the applicant asks for. A fellowship is always partial: one component, never both.
public enum FellowshipRequest: String, CaseIterable, Sendable {
    case ticket, dsa, either
}

/// One part of a partial fellowship.
public enum Component: String, CaseIterable, Comparable, Sendable {
    case ticket, dsa

    public static func < (lhs: Component, rhs: Component) -> Bool {
        lhs == .ticket && rhs == .dsa
    }
}

public enum Role: String, CaseIterable, Sendable {
    case none, editor, rapporteur, vice_chair, chair
}

/// One row of `applications.csv`.
public struct Application: Hashable, Sendable {
    public var id: String
    public var personID: String
    /// Personal data: shown to reviewers, never written to logs or the audit chain.
    public var name: String
    /// Personal data: used for the gender-balance term only, never logged.
    public var gender: Gender
    public var country: String
    public var delegation: Delegation
    public var registrationApproved: Bool
    public var submittedAt: Instant
    public var request: FellowshipRequest
    public var ticketCost: Money?
    public var contributions: Int
    public var role: Role
    public var specialNeeds: Bool
    public var complete: Bool
    public var priorPartialFY: Int
    public var priorFullFY: Int
    /// The physical line of the file where the record starts (1 is the header).
    public var line: Int
    /// Columns whose names start with `x_`, kept verbatim.
    public var extensions: [String: String]
    /// The language of the applicant's letters and pages (`language` column; English when
    /// the column is absent or empty).
    public var language: OfficialLanguage = .en

    public init(
        id: String, personID: String, name: String, gender: Gender, country: String,
        delegation: Delegation, registrationApproved: Bool, submittedAt: Instant,
        request: FellowshipRequest, ticketCost: Money?, contributions: Int, role: Role,
        specialNeeds: Bool, complete: Bool, priorPartialFY: Int, priorFullFY: Int,
        line: Int = 0, extensions: [String: String] = [:]
    ) {
        self.id = id
        self.personID = personID
        self.name = name
        self.gender = gender
        self.country = country
        self.delegation = delegation
        self.registrationApproved = registrationApproved
        self.submittedAt = submittedAt
        self.request = request
        self.ticketCost = ticketCost
        self.contributions = contributions
        self.role = role
        self.specialNeeds = specialNeeds
        self.complete = complete
        self.priorPartialFY = priorPartialFY
        self.priorFullFY = priorFullFY
        self.line = line
        self.extensions = extensions
    }

    /// The components this application may receive, ticket first.
    public var allowedComponents: [Component] {
        switch request {
        case .ticket: [.ticket]
        case .dsa: [.dsa]
        case .either: [.ticket, .dsa]
        }
    }
}
