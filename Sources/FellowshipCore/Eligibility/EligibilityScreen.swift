/// Applies the eligibility gates of MODEL.md section 1 to every application.
public enum EligibilityScreen {
    /// The failing gates of each application, in input order and, within one application,
    /// in the published gate order. An empty list means eligible.
    ///
    /// - Parameter committed: awards already committed in the store for a `person_id` in the
    ///   meeting's financial year; added to the counts the application declares.
    public static func gates(
        applications: [Application], countries: [String: Country], meeting: Meeting,
        committed: [String: PriorAwards] = [:]
    ) -> [[Gate]] {
        let superseded = supersededIndices(applications, deadline: meeting.fellowshipDeadline)
        return applications.indices.map { index in
            let application = applications[index]
            var failed: [Gate] = []
            if countries[application.country]?.eligible != true { failed.append(.country_not_eligible) }
            if application.delegation != .member_state { failed.append(.not_member_state) }
            if !application.registrationApproved { failed.append(.registration_not_approved) }
            if !application.complete { failed.append(.incomplete_application) }
            if application.submittedAt > meeting.fellowshipDeadline { failed.append(.late_application) }
            let prior = committed[application.personID] ?? PriorAwards()
            if application.priorFullFY + prior.full >= 1 || application.priorPartialFY + prior.partial >= 2 {
                failed.append(.annual_limit_reached)
            }
            if superseded.contains(index) { failed.append(.superseded) }
            return failed
        }
    }

    /// Indices of applications replaced by another application of the same person.
    ///
    /// The one that counts is the latest-submitted one that is not late, or, when all are
    /// late, the latest-submitted one; ties on the instant go to the greater id in byte
    /// order. Other gates play no part: a later form replaces an earlier one even when the
    /// later form fails another gate (it then carries that gate too).
    static func supersededIndices(_ applications: [Application], deadline: Instant) -> Set<Int> {
        var byPerson: [String: [Int]] = [:]
        for (index, application) in applications.enumerated() {
            byPerson[application.personID, default: []].append(index)
        }
        var superseded: Set<Int> = []
        for indices in byPerson.values where indices.count > 1 {
            let onTime = indices.filter { applications[$0].submittedAt <= deadline }
            let pool = onTime.isEmpty ? indices : onTime
            let counting = pool.max { later(applications[$1], than: applications[$0]) }!
            superseded.formUnion(indices.filter { $0 != counting })
        }
        return superseded
    }

    /// Whether `a` was submitted after `b`, ties going to the greater id in byte order.
    static func later(_ a: Application, than b: Application) -> Bool {
        if a.submittedAt != b.submittedAt { return a.submittedAt > b.submittedAt }
        return b.id.utf8.lexicographicallyPrecedes(a.id.utf8)
    }
}
