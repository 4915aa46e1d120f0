import FellowshipCore
import Foundation

extension RunUseCases {
    /// Records that the holder of `applicationID`'s award in `runID` declined it, and stores
    /// the follow-up run that reallocates the money, both in one transaction.
    ///
    /// The follow-up run (kind `reallocation`, parent `runID`) has the same input bytes and
    /// policy. Every other award of the parent is kept with its component; the decliner (and
    /// anyone who declined in an earlier follow-up) is excluded; the allocation is otherwise
    /// re-optimised, which in effect spends the freed money on the not-awarded applications.
    /// The tie rule is applied among the applications that are free to change only, so no
    /// kept award moves. Awards committed at other meetings are read again for the applicants
    /// who can gain an award; those who hold or held an award in the parent keep the counts
    /// the parent used, so they stay exactly where they were.
    ///
    /// The follow-up's margins are measured among allocations that keep the same awards and
    /// exclusions; kept and declined applications have none. With `margins` false they are
    /// recorded as null.
    ///
    /// Only the current run of a meeting (its latest stored run) can be declined from.
    static func decline(
        runID: String, applicationID: String, margins: Bool, in store: some RunPersistence
    ) throws -> DeclineOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = AuditChain.timestamp()
        let parent = try store.loadRun(id: runID)
        let inputs = parent.inputs
        guard let position = inputs.applications.firstIndex(where: { $0.id == applicationID }) else {
            throw StoreError(.notFound, "no application \(applicationID) in run \(runID)")
        }
        let decisions = parent.result.decisions
        if parent.declined.contains(applicationID) {
            throw StoreError(
                .conflict, "\(applicationID) already declined its award (run \(runID) follows that decline)")
        }
        guard decisions[position].outcome == .awarded, let component = decisions[position].component else {
            throw StoreError(
                .conflict,
                "\(applicationID) has no award in run \(runID) (outcome: \(decisions[position].outcome.rawValue)); only an award can be declined"
            )
        }
        let decliner = inputs.applications[position]
        try store.requireCurrent(parent)

        let awardedPositions = decisions.indices.filter { decisions[$0].outcome == .awarded }
        let keepCounts = Set(awardedPositions.map { inputs.applications[$0].personID })
            .union(inputs.applications.filter { parent.declined.contains($0.id) }.map(\.personID))
        let others = Set(inputs.applications.map(\.personID)).subtracting(keepCounts)
        let declined = parent.declined + [applicationID]

        for _ in 0..<attempts {
            let refreshed = try store.committedAwards(
                financialYear: inputs.meeting.financialYear, excludingMeeting: inputs.meeting.id, persons: others)
            var committed = refreshed
            for person in keepCounts { committed[person] = parent.committed[person] }
            let screening = Screening(inputs: inputs, committed: committed)
            var conditions = AllocationModel.Conditions()
            var fixed: [String] = []
            for index in awardedPositions where index != position {
                guard let rank = screening.rankOfApplication[index], let kept = parent.result.decisions[index].component
                else {
                    throw StoreError(
                        .corrupt, "run \(runID): the award of \(inputs.applications[index].id) cannot be kept")
                }
                conditions.fixed[rank] = kept
                fixed.append(inputs.applications[index].id)
            }
            for index in inputs.applications.indices where declined.contains(inputs.applications[index].id) {
                if let rank = screening.rankOfApplication[index] { conditions.excluded.insert(rank) }
            }
            // The same use case as a run, under the decline's conditions.
            let result = try Allocator.allocate(screening, conditions: conditions)
            let marginStart = clock.now
            let marginValues =
                margins
                ? try Self.margins(of: result, base: conditions)
                : Array(repeating: nil, count: result.problem.candidates.count)
            let pending = PendingRun(
                id: UUID().uuidString.lowercased(), kind: .reallocation, parentRunID: runID, sources: parent.sources,
                committed: committed, declined: declined, fixed: fixed, conditions: conditions, result: result,
                margins: marginValues, marginSeconds: seconds(clock.now - marginStart),
                startedAt: startedAt, totalSeconds: seconds(clock.now - start),
                decline: PendingDecline(runID: runID, applicationID: applicationID, personID: decliner.personID))
            let check = CommitCheck(
                financialYear: inputs.meeting.financialYear, meetingID: inputs.meeting.id, persons: others,
                counted: refreshed, parent: parent)
            guard let written = try store.commit(pending, check: check) else { continue }
            let followUp = stored(pending, written: written)
            let newDecisions = followUp.result.decisions
            let newAwards = newDecisions.indices.filter {
                newDecisions[$0].outcome == .awarded && decisions[$0].outcome != .awarded
            }.map { newDecisions[$0] }
            return DeclineOutcome(
                declinedRunID: runID, applicationID: applicationID,
                freed: parent.result.problem.candidates[parent.result.screening.rankOfApplication[position]!].cost(
                    component)!,
                followUp: followUp, newAwards: newAwards)
        }
        throw StoreError(
            .conflict,
            "other runs kept committing awards for the same persons and financial year; nothing was stored, decline again"
        )
    }

    /// The margin of every candidate of `result` (by rank), computed in parallel; `base` are
    /// the conditions the allocation was optimised under (null margins for the pinned ones).
    static func margins(of result: AllocationResult, base: AllocationModel.Conditions = .init()) throws -> [Double?] {
        try MarginWork(result: result, base: base)
            .margins(of: Array(result.problem.candidates.indices), progress: nil)
            .map(\.margin.value)
    }
}
