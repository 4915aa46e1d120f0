public import FellowshipCore
public import FellowshipStore

/// Who may call a route (docs/service.md, "Roles").
public enum RouteAccess: Sendable, Equatable {
    /// No token needed (`/health`, the login form).
    case open
    /// A token of one of these roles.
    case roles(Set<AccessRole>)
    /// Secretariat and reviewer; an applicant only for the application its token names
    /// (the route's `{application}` parameter).
    case explanation

    /// Every role (any valid token).
    static let anyRole = RouteAccess.roles(Set(AccessRole.allCases))
    /// The roles that read everything.
    static let readers = RouteAccess.roles([.secretariat, .reviewer])
    /// The secretariat alone: every route that writes.
    static let secretariat = RouteAccess.roles([.secretariat])

    /// The roles that may call the route at all (for an applicant, only its own application).
    public var roles: Set<AccessRole> {
        switch self {
        case .open: return []
        case .roles(let roles): return roles
        case .explanation: return Set(AccessRole.allCases)
        }
    }

    /// Whether `token` may call the route for `application` (the route's parameter, if any).
    func permits(_ token: AccessToken, application: String?) -> Bool {
        switch self {
        case .open: return true
        case .roles(let roles): return roles.contains(token.role)
        case .explanation:
            // The meeting is checked against the run once it is loaded (`ExplanationReading`).
            return token.role != .applicant
                || (token.applicant != nil && token.meeting != nil && token.applicant == application)
        }
    }
}
