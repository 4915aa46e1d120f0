public import FellowshipCore
public import Foundation
import GRDB

/// A browser session as the service sees it: the token it speaks for and the per-session
/// anti-forgery (CSRF) token its forms must carry.
public struct BrowserSession: Sendable, Equatable {
    public var token: AccessToken
    /// Derived from the session id (see `RunStore.csrfToken(sessionID:)`), never stored.
    public var csrf: String
    public var createdAt: Int64
    public var lastSeenAt: Int64
}

extension RunStore {
    /// A session ends after this long without a request (8 hours).
    public static let sessionIdleSeconds: Int64 = 8 * 3600
    /// A session ends this long after sign-in, however busy (24 hours).
    public static let sessionAbsoluteSeconds: Int64 = 24 * 3600

    /// Opens a browser session for the live token `secret` and records the sign-in in the
    /// audit chain (the token's id and role; never the secret or the session id).
    ///
    /// - Returns: the new session id for the cookie (32 random bytes, hex; only its SHA-256
    ///   is stored) and the session; nil when the token is unknown or revoked (nothing written).
    public func openSession(secret: String, now: Date = Date()) throws -> (sessionID: String, session: BrowserSession)?
    {
        let tokenHash = Hexadecimal.sha256(secret)
        let sessionID = Self.newSessionID()
        let seconds = Int64(now.timeIntervalSince1970)
        return try write { db in
            guard
                let token = try AccessTokenRecord.fetchOne(
                    db, sql: "SELECT * FROM access_tokens WHERE sha256 = ? AND revoked_at IS NULL",
                    arguments: [tokenHash])?.token
            else { return nil }
            // Expired sessions of every token are cleared as new ones begin.
            try db.execute(
                sql: "DELETE FROM browser_sessions WHERE last_seen_at <= ? OR created_at <= ?",
                arguments: [seconds - Self.sessionIdleSeconds, seconds - Self.sessionAbsoluteSeconds])
            try SessionRecord(
                sha256: Hexadecimal.sha256(sessionID), tokenID: token.id, createdAt: seconds, lastSeenAt: seconds
            ).insert(db)
            var log = try ChainWriter(db: db, at: AuditChain.timestamp(now))
            try log.append(
                runID: nil, .signed_in, [("token", .string(token.id)), ("role", .string(token.role.rawValue))])
            let session = BrowserSession(
                token: token, csrf: Self.csrfToken(sessionID: sessionID), createdAt: seconds,
                lastSeenAt: seconds)
            return (sessionID, session)
        }
    }

    /// The live session whose id is `sessionID`, marking it used now; nil when there is none,
    /// it has expired (idle or absolute; it is deleted then) or its token was revoked.
    public func session(id sessionID: String, now: Date = Date()) throws -> BrowserSession? {
        guard Self.isSessionID(sessionID) else { return nil }
        let hash = Hexadecimal.sha256(sessionID)
        let seconds = Int64(now.timeIntervalSince1970)
        return try write { db in
            guard let session = try SessionRecord.fetchOne(db, key: hash),
                let token = try AccessTokenRecord.fetchOne(db, key: session.tokenID)?.token
            else { return nil }
            let created = session.createdAt
            let seen = session.lastSeenAt
            if token.revokedAt != nil || seconds - seen >= Self.sessionIdleSeconds
                || seconds - created >= Self.sessionAbsoluteSeconds
            {
                try db.execute(sql: "DELETE FROM browser_sessions WHERE sha256 = ?", arguments: [hash])
                return nil
            }
            if seconds > seen {
                try db.execute(
                    sql: "UPDATE browser_sessions SET last_seen_at = ? WHERE sha256 = ?", arguments: [seconds, hash])
            }
            return BrowserSession(
                token: token, csrf: Self.csrfToken(sessionID: sessionID), createdAt: created,
                lastSeenAt: max(seen, seconds))
        }
    }

    /// Ends the session `sessionID` (sign-out) and records it in the audit chain; false when
    /// there was no such session (nothing written).
    @discardableResult
    public func closeSession(id sessionID: String, now: Date = Date()) throws -> Bool {
        guard Self.isSessionID(sessionID) else { return false }
        let hash = Hexadecimal.sha256(sessionID)
        return try write { db in
            guard let session = try SessionRecord.fetchOne(db, key: hash),
                let token = try AccessTokenRecord.fetchOne(db, key: session.tokenID)?.token
            else { return false }
            try db.execute(sql: "DELETE FROM browser_sessions WHERE sha256 = ?", arguments: [hash])
            var log = try ChainWriter(db: db, at: AuditChain.timestamp(now))
            try log.append(
                runID: nil, .signed_out, [("token", .string(token.id)), ("role", .string(token.role.rawValue))])
            return true
        }
    }

    /// How many sessions opened with a token are stored (expired ones go at their next use or
    /// at the next sign-in); for operators and the tests.
    public func sessionCount(tokenID: String) throws -> Int {
        try read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM browser_sessions WHERE token_id = ?",
                arguments: [tokenID]) ?? 0
        }
    }

    /// The session's anti-forgery token: a SHA-256 of the session id under a fixed label.
    /// Only a page served to that session can know it (the id is in an HttpOnly cookie), and it
    /// needs no storage; it changes with every sign-in.
    public static func csrfToken(sessionID: String) -> String {
        Hexadecimal.sha256("fellowship-csrf-v1:" + sessionID)
    }

    /// A new session id: 32 random bytes, hex.
    static func newSessionID() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hexadecimal.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// A session id is 64 lowercase hex digits; anything else is refused before any lookup.
    static func isSessionID(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
