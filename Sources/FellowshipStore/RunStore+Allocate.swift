public import FellowshipCore
import Foundation
import GRDB

extension RunStore: RunPersistence {
    /// Decides a meeting and commits the run with its decisions (`RunUseCases.decide`).
    public func decide(
        _ sources: RunSources, marginsAfterCommit: Bool, id: String? = nil, progress: ProgressReporter? = nil
    ) throws -> StoredRun {
        try RunUseCases.decide(sources, marginsAfterCommit: marginsAfterCommit, id: id, progress: progress, in: self)
    }

    func commit(_ run: PendingRun, check: CommitCheck) throws -> WrittenRun? {
        try write { db in
            if let parent = check.parent { try Self.requireCurrent(parent, in: db) }
            let now = try Self.committedAwards(
                db, financialYear: check.financialYear, excludingMeeting: check.meetingID, persons: check.persons)
            guard now == check.counted else { return nil }
            return try insert(run, in: db)
        }
    }

    /// Records that `role` was shown the explanation of `applicationID` in `runID` (for the
    /// service). Only the run, the application id, the role and the token's public id (when a
    /// token was used) are recorded, so a reading can be traced to the token that made it.
    public func recordExplanationViewed(runID: String, applicationID: String, role: String, tokenID: String? = nil)
        throws
    {
        try Self.checkRole(role)
        try write { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM decisions WHERE run_id = ? AND application_id = ?)",
                    arguments: [runID, applicationID]) == true
            else {
                throw StoreError(.notFound, "no application \(applicationID) in run \(runID)")
            }
            var log = try ChainWriter(db: db, at: AuditChain.timestamp())
            try log.append(
                Self.explanationViewed(runID: runID, applicationID: applicationID, role: role, tokenID: tokenID))
        }
    }

    /// A role as recorded: a lowercase word (the service's roles), never free text.
    static func checkRole(_ role: String) throws {
        guard !role.isEmpty, role.utf8.count <= 40,
            role.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || $0 == "_" })
        else {
            throw StoreError(.conflict, "a role is a lowercase word such as applicant or secretariat, got \"\(role)\"")
        }
    }

    /// The `explanation_viewed` event: the run, the application, the role and the token's id.
    static func explanationViewed(runID: String, applicationID: String, role: String, tokenID: String?) -> ChainEntry {
        ChainEntry(
            runID: runID, kind: .explanation_viewed,
            payload: [("run", .string(runID)), ("application", .string(applicationID)), ("role", .string(role))]
                + (tokenID.map { [("token", JSONValue.string($0))] } ?? []))
    }
}
