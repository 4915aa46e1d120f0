import Foundation

/// The chain head as of a run's commit: the sequence number and hash of the run's
/// `run_committed` event (docs/audit.md, "Anchors").
///
/// Why: the store cannot vouch for itself. An insider who can write the SQLite file may drop
/// the triggers, delete the newest run with its events and move the head back, and the chain
/// left behind is consistent. Every output of a stored run (decisions.json, the decisions
/// CSV, the run's page, letters) carries this anchor, so whoever holds one of them can later
/// check with `fellowship audit verify --expect-head FILE` that the store still holds that
/// event with that hash.
public struct ChainAnchor: Sendable, Equatable {
    /// The event's number in the chain.
    public var seq: Int64
    /// The event's hash: lowercase hex SHA-256, 64 digits.
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// The member name under which documents carry the anchor.
    public static let member = "chain_head"

    /// `{"seq": 412, "sha256": "…"}`, the form documents carry.
    public var json: JSONValue {
        .object([("seq", .number(String(seq))), ("sha256", .string(hash))])
    }

    /// `document` (a JSON object such as decisions.json) with the anchor as its last member.
    public func attached(to document: JSONValue) -> JSONValue {
        guard case .object(let members) = document else { return document }
        return .object(members.filter { $0.0 != Self.member } + [(Self.member, json)])
    }

    /// The anchor a document carries: a JSON object with a `chain_head` member holding `seq`
    /// and `sha256`. Nil when the bytes are not such a document.
    public static func read(fromDocument bytes: [UInt8]) -> ChainAnchor? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
            let head = object[member] as? [String: Any],
            let hash = head["sha256"] as? String, isHash(hash),
            let seq = (head["seq"] as? NSNumber)?.int64Value, seq > 0
        else { return nil }
        return ChainAnchor(seq: seq, hash: hash)
    }

    /// Whether `text` is 64 lowercase hex digits.
    public static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
