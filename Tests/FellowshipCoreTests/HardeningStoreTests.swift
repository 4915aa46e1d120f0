import GRDB
import Testing

@testable import FellowshipCore
@testable import FellowshipStore

/// The store's side of issue #11: the index the applicant home page needs, applicant tokens
/// scoped to a meeting, and the token events of the chain.
@Suite("store hardening (issue #11)")
struct HardeningStoreTests {
    @Test("14. decisions are looked up by application id through an index, not a scan")
    func applicationIndex() throws {
        let store = try RunStore.inMemory()
        let plan = try store.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN SELECT DISTINCT run_id FROM decisions WHERE application_id = ?",
                arguments: ["A-0001"]
            ).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("decisions_by_application") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN decisions") }, "\(plan)")
    }

    @Test(
        "1. an applicant token names its meeting; its meeting cannot be changed afterwards; token events keep the chain intact"
    )
    func scopedTokens() throws {
        let store = try RunStore.inMemory()
        let made = try store.createToken(role: .applicant, applicant: "A-0001", meeting: "SG20-2020-07")
        #expect(made.token.meeting == "SG20-2020-07" && !made.token.needsReissue)
        #expect(try store.activeToken(secret: made.secret)?.meeting == "SG20-2020-07")
        #expect(throws: StoreError.self) {
            try store.createToken(role: .reviewer, applicant: nil, meeting: "SG20-2020-07")
        }
        #expect(throws: (any Error).self) {
            try store.write { db in
                try db.execute(
                    sql: "UPDATE access_tokens SET meeting = 'OTHER' WHERE id = ?", arguments: [made.token.id])
            }
        }
        _ = try store.revokeToken(secret: made.secret)
        #expect(try store.allEvents().map(\.kind) == ["token_created", "token_revoked"])
        #expect(try store.verify().isIntact)
    }
}
