/// An eligibility gate of MODEL.md section 1. Declaration order is the published order in
/// which failing gates are listed.
public enum Gate: String, CaseIterable, Comparable, Sendable {
    case country_not_eligible
    case not_member_state
    case registration_not_approved
    case incomplete_application
    case late_application
    case annual_limit_reached
    case superseded

    public static func < (lhs: Gate, rhs: Gate) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Fellowships a person already holds in the meeting's financial year, beyond those the
/// application itself declares (`prior_partial_fy`, `prior_full_fy`).
///
/// A stored deployment fills this from awards committed in earlier runs.
public struct PriorAwards: Hashable, Sendable {
    public var partial: Int
    public var full: Int

    public init(partial: Int = 0, full: Int = 0) {
        self.partial = partial
        self.full = full
    }
}
