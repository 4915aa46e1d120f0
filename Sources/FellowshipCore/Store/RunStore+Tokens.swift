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
    public var createdAt: String
    public var revokedAt: String?
}

extension RunStore {
    /// Creates a token and returns its secret, which is not kept anywhere: only its SHA-256 is
    /// stored, so a copy of the store gives no access.
    ///
    /// - Throws: `StoreError(.conflict)` when `applicant` is given for another role than
    ///   `applicant` or missing for it.
    public func createToken(role: AccessRole, applicant: String?) throws -> (secret: String, token: AccessToken) {
        if (role == .applicant) != (applicant != nil) {
            throw StoreError(.conflict, role == .applicant
                ? "an applicant token needs the application id it may read (--applicant)"
                : "only an applicant token names an application (--applicant)")
        }
        if let applicant, applicant.isEmpty || applicant.count > 200 || applicant.contains(where: \.isWhitespace) {
            throw StoreError(.conflict, "an application id is a non-empty word, got \"\(applicant)\"")
        }
        var generator = SystemRandomNumberGenerator()
        let secret = "fs_" + Self.hex((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let id = "tok_" + Self.hex((0..<6).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let token = AccessToken(id: id, role: role, applicant: applicant, createdAt: AuditChain.timestamp(), revokedAt: nil)
        try write { db in
            try db.execute(sql: """
                INSERT INTO access_tokens (id, sha256, role, applicant, created_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [id, AuditChain.sha256Hex(secret), role.rawValue, applicant, token.createdAt])
        }
        return (secret, token)
    }

    /// The live (not revoked) token whose secret is `secret`, or nil.
    public func activeToken(secret: String) throws -> AccessToken? {
        let hash = AuditChain.sha256Hex(secret)
        return try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM access_tokens WHERE sha256 = ? AND revoked_at IS NULL",
                             arguments: [hash]).map(Self.token)
        }
    }

    /// Every token, oldest first (ids and roles; the secrets are not known).
    public func tokens() throws -> [AccessToken] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM access_tokens ORDER BY created_at, id").map(Self.token) }
    }

    /// Revokes the token named by its id or by its secret; at once, for every later request.
    /// - Throws: `StoreError(.notFound)` when there is no such token, `.conflict` when it was
    ///   revoked already.
    public func revokeToken(_ idOrSecret: String) throws -> AccessToken {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM access_tokens WHERE id = ? OR sha256 = ?",
                                             arguments: [idOrSecret, AuditChain.sha256Hex(idOrSecret)]) else {
                throw StoreError(.notFound, "no token \(idOrSecret.hasPrefix("fs_") ? "with this secret" : idOrSecret)")
            }
            var token = Self.token(row)
            guard token.revokedAt == nil else { throw StoreError(.conflict, "token \(token.id) was revoked already") }
            token.revokedAt = AuditChain.timestamp()
            try db.execute(sql: "UPDATE access_tokens SET revoked_at = ? WHERE id = ?", arguments: [token.revokedAt, token.id])
            // Revoking a token ends the browser sessions opened with it, in the same transaction.
            try db.execute(sql: "DELETE FROM browser_sessions WHERE token_id = ?", arguments: [token.id])
            return token
        }
    }

    static func token(_ row: Row) -> AccessToken {
        AccessToken(id: row["id"], role: AccessRole(rawValue: row["role"]) ?? .applicant, applicant: row["applicant"],
                    createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }
}
