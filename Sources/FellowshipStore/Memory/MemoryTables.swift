import FellowshipCore
import Foundation

/// What a `MemoryStore` keeps: the same records as the SQLite tables the service uses (the
/// GRDB records of `RunRecord.swift` and `ServiceRecords.swift`), and the audit chain.
struct MemoryTables: Sendable {
    /// Input bytes by SHA-256 (`input_files`).
    var files: [String: [UInt8]] = [:]
    var meetings: [String: ServiceMeetingRecord] = [:]
    /// Every upload, in order; `seq` is the position plus one.
    var uploads: [UploadRecord] = []
    var tokens: [AccessTokenRecord] = []
    /// By the SHA-256 of the session id.
    var sessions: [String: SessionRecord] = [:]
    /// In commit order (`number` is the position plus one).
    var runs: [RunRecord] = []
    var decisions: [String: [DecisionRecord]] = [:]
    var declines: [DeclineRow] = []
    /// Candidates of each run whose margins follow its decisions.
    var marginPhases: [String: Int] = [:]
    /// By run, then rank.
    var margins: [String: [Int: MarginRecord]] = [:]
    var events: [AuditEvent] = []

    struct DeclineRow: Sendable {
        var decline: PendingDecline
        var followUpRunID: String
    }

    /// Appends one event to the chain, linked to the one before and hashed (docs/audit.md).
    mutating func append(_ entry: ChainEntry, at: String) {
        let seq = Int64(events.count) + 1
        let previous = events.last?.hash ?? AuditChain.genesis
        let payload = JSONValue.object(entry.payload).compact
        let hash = AuditChain.hash(
            seq: seq, at: at, runID: entry.runID, kind: entry.kind.rawValue, payload: payload, previousHash: previous)
        events.append(
            AuditEvent(
                seq: seq, at: at, runID: entry.runID, kind: entry.kind.rawValue, payload: payload,
                previousHash: previous, hash: hash))
    }

    var nextSeq: Int64 { Int64(events.count) + 1 }

    func fileBytes(_ sha256: String) throws -> [UInt8] {
        guard let bytes = files[sha256] else {
            throw StoreError(.corrupt, "the input file \(sha256) is missing from the store")
        }
        return bytes
    }
}
