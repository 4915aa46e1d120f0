public import FellowshipCore
public import Foundation

/// The kinds of event in the audit chain (docs/audit.md lists each payload).
public enum AuditEventKind: String, Sendable, CaseIterable {
    /// A run begins: its id, kind (allocate or reallocation), parent, meeting and model version.
    case run_started
    /// The SHA-256 of the four input files, the budget used and the awards counted from the store.
    case inputs
    /// The failing gates of one application (empty when eligible).
    case gates
    /// The solver's result: status, V, bound, gap, solver and timings.
    case solver_result
    /// One application's decision with its reasons and margin.
    case decision
    /// The run is complete: how many events it has and the hashes of its run and decision rows.
    case run_committed
    /// An awarded applicant declined; names the follow-up run that reallocates the money.
    case decline
    /// An explanation was shown, and to which role and token (recorded by the service).
    case explanation_viewed
    /// One margin of a run, stored after the run's decisions (issue #12): its kind, value,
    /// method and the SHA-256 of its row in `margins`.
    case margin
    /// An access token was created: its id, role, and for an applicant its meeting and application.
    case token_created
    /// An access token was revoked: its id and role.
    case token_revoked
    /// A browser session began (the service's sign-in form): the token's id and role only.
    case signed_in
    /// A browser session ended by signing out: the token's id and role only.
    case signed_out
}

/// One event of the audit chain, as stored.
public struct AuditEvent: Sendable, Equatable {
    public var seq: Int64
    /// When the event was written: UTC, ISO 8601 with milliseconds.
    public var at: String
    public var runID: String?
    /// The kind as stored (known kinds are `AuditEventKind` raw values).
    public var kind: String
    /// The payload's canonical JSON text, exactly as hashed.
    public var payload: String
    public var previousHash: String
    public var hash: String

    public init(
        seq: Int64, at: String, runID: String?, kind: String, payload: String, previousHash: String, hash: String
    ) {
        self.seq = seq
        self.at = at
        self.runID = runID
        self.kind = kind
        self.payload = payload
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The payload parsed (nil when it is not a JSON object).
    public var payloadObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(payload.utf8), options: [.fragmentsAllowed])) as? [String: Any]
    }
}

/// The hash chain of docs/audit.md.
///
/// Each event's hash is the lowercase hex SHA-256 of the UTF-8 bytes of its envelope:
///
///     {"seq":<seq>,"at":"<at>","run":"<run id>"|null,"kind":"<kind>","payload":<payload>,"prev":"<prev hash>"}
///
/// written with no spaces, members in this order, strings as `JSONValue.quote` writes them
/// and the payload's canonical JSON text inserted verbatim. `prev` is the hash of the event
/// before; the first event's `prev` is 64 zeros (`genesis`).
public enum AuditChain {
    /// The `prev` of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// The exact text that is hashed for an event.
    public static func envelope(
        seq: Int64, at: String, runID: String?, kind: String, payload: String, previousHash: String
    ) -> String {
        "{\"seq\":\(seq),\"at\":\(JSONValue.quote(at)),\"run\":\(runID.map(JSONValue.quote) ?? "null"),\"kind\":\(JSONValue.quote(kind)),\"payload\":\(payload),\"prev\":\(JSONValue.quote(previousHash))}"
    }

    /// The hash of an event.
    public static func hash(seq: Int64, at: String, runID: String?, kind: String, payload: String, previousHash: String)
        -> String
    {
        Hexadecimal.sha256(
            Array(
                envelope(seq: seq, at: at, runID: runID, kind: kind, payload: payload, previousHash: previousHash).utf8)
        )
    }

    /// The hash the event should have, recomputed from its stored fields.
    public static func expectedHash(of event: AuditEvent) -> String {
        hash(
            seq: event.seq, at: event.at, runID: event.runID, kind: event.kind, payload: event.payload,
            previousHash: event.previousHash)
    }

    /// Current time as stored in `at` and in run rows: UTC, ISO 8601 with milliseconds.
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
