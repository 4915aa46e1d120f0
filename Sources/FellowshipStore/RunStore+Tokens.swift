import FellowshipCore
import Foundation
import GRDB

/// Who a bearer token speaks for (docs/service.md, "Roles").
public enum AccessRole: String, Sendable, CaseIterable {
    /// Everything: meetings, uploads, runs, declines, and every reading.
    case secretariat
    /// Every reading, nothing that writes.
    case reviewer
    /// Only the explanation of its own application.
    case applicant
}

/// A token as the store keeps it: never the secret, only its SHA-256.
public struct AccessToken: Sendable, Equatable {
    /// A short public name of the token, for listing and revoking it.
    public var id: String
    public var role: AccessRole
    /// The application id an applicant token may read the explanation of (nil for the other roles).
    public var applicant: String?
    /// The meeting of that application (application ids are scoped to their meeting). Nil for
    /// the other roles, and for applicant tokens made before tokens named their meeting, which
    /// the service refuses (`needsReissue`).
    public var meeting: String?
    public var createdAt: String
    public var revokedAt: String?

    /// An applicant token made before tokens named their meeting: it cannot be scoped, so it
    /// is refused until the secretariat reissues it with `--meeting`.
    public var needsReissue: Bool { role == .applicant && (meeting == nil || applicant == nil) }
}

extension RunStore {
    /// Creates a token and returns its secret, which is not kept anywhere: only its SHA-256 is
    /// stored, so a copy of the store gives no access.
    ///
    /// The creation is an audit event (`token_created`: the token's id, role, meeting and
    /// application; never the secret), so that who could read what is on the record.
    ///
    /// - Throws: `StoreError(.conflict)` when `applicant` and `meeting` are given for another
    ///   role than `applicant`, or missing for it, or are not safe ids (FORMATS.md 1.1).
    public func createToken(role: AccessRole, applicant: String?, meeting: String? = nil) throws -> (
        secret: String, token: AccessToken
    ) {
        let (secret, token) = try Self.newToken(role: role, applicant: applicant, meeting: meeting)
        try write { db in
            try AccessTokenRecord(token, sha256: Hexadecimal.sha256(secret)).insert(db)
            var log = try ChainWriter(db: db, at: token.createdAt)
            try log.append(runID: nil, .token_created, Self.auditPayload(token))
        }
        return (secret, token)
    }

    /// A new token and its secret, for every store: the role's scope is checked, the secret
    /// (32 random bytes) and the public id (6) drawn.
    static func newToken(role: AccessRole, applicant: String?, meeting: String?) throws -> (
        secret: String, token: AccessToken
    ) {
        if role == .applicant {
            guard let applicant, let meeting else {
                throw StoreError(
                    .conflict,
                    "an applicant token needs the meeting (--meeting) and the application id (--applicant) it may read")
            }
            for (option, id) in [("--meeting", meeting), ("--applicant", applicant)] {
                if let problem = SafeIdentifier.problem(id) { throw StoreError(.conflict, "\(option): \(problem)") }
            }
        } else if applicant != nil || meeting != nil {
            throw StoreError(
                .conflict, "only an applicant token names a meeting and an application (--meeting, --applicant)")
        }
        var generator = SystemRandomNumberGenerator()
        let secret = "fs_" + Hexadecimal.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let id = "tok_" + Hexadecimal.encode((0..<6).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let token = AccessToken(
            id: id, role: role, applicant: applicant, meeting: meeting,
            createdAt: AuditChain.timestamp(), revokedAt: nil)
        return (secret, token)
    }

    /// The live (not revoked) token whose secret is `secret`, or nil.
    public func activeToken(secret: String) throws -> AccessToken? {
        let hash = Hexadecimal.sha256(secret)
        return try read { db in
            try AccessTokenRecord.fetchOne(
                db, sql: "SELECT * FROM access_tokens WHERE sha256 = ? AND revoked_at IS NULL", arguments: [hash]
            )?.token
        }
    }

    /// Every token, oldest first (ids and roles; the secrets are not known).
    public func tokens() throws -> [AccessToken] {
        try read { db in
            try AccessTokenRecord.fetchAll(db, sql: "SELECT * FROM access_tokens ORDER BY created_at, id").map(\.token)
        }
    }

    /// Revokes the token with the public id `id` (`tok_…`); at once, for every later request.
    /// The revocation is an audit event (`token_revoked`: id and role).
    /// - Throws: `StoreError(.notFound)` when there is no such token, `.conflict` when it was
    ///   revoked already.
    public func revokeToken(id: String) throws -> AccessToken {
        try revoke(where: "id = ?", id, notFound: "no token \(id); `fellowship token list` shows the ids")
    }

    /// Revokes the token whose secret is `secret` (read from standard input by the command
    /// line, never taken from its arguments, which other users of the machine can see).
    public func revokeToken(secret: String) throws -> AccessToken {
        try revoke(where: "sha256 = ?", Hexadecimal.sha256(secret), notFound: "no token with this secret")
    }

    private func revoke(where condition: String, _ value: String, notFound: String) throws -> AccessToken {
        try write { db in
            guard
                let record = try AccessTokenRecord.fetchOne(
                    db, sql: "SELECT * FROM access_tokens WHERE \(condition)", arguments: [value])
            else {
                throw StoreError(.notFound, notFound)
            }
            var token = record.token
            guard token.revokedAt == nil else { throw StoreError(.conflict, "token \(token.id) was revoked already") }
            let at = AuditChain.timestamp()
            token.revokedAt = at
            try db.execute(sql: "UPDATE access_tokens SET revoked_at = ? WHERE id = ?", arguments: [at, token.id])
            var log = try ChainWriter(db: db, at: at)
            try log.append(
                runID: nil, .token_revoked, [("token", .string(token.id)), ("role", .string(token.role.rawValue))])
            // Revoking a token ends the browser sessions opened with it, in the same transaction.
            try db.execute(sql: "DELETE FROM browser_sessions WHERE token_id = ?", arguments: [token.id])
            return token
        }
    }

    /// What the chain records of a new token: never the secret, nor its hash.
    static func auditPayload(_ token: AccessToken) -> [(String, JSONValue)] {
        [
            ("token", .string(token.id)), ("role", .string(token.role.rawValue)),
            ("meeting", token.meeting.map(JSONValue.string) ?? .null),
            ("application", token.applicant.map(JSONValue.string) ?? .null),
        ]
    }
}
