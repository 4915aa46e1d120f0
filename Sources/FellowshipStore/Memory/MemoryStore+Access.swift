public import FellowshipCore
public import Foundation

/// Tokens and browser sessions, with the same rules and audit events as `RunStore`'s.
extension MemoryStore {
    public func createToken(role: AccessRole, applicant: String?, meeting: String?) throws -> (
        secret: String, token: AccessToken
    ) {
        let (secret, token) = try RunStore.newToken(role: role, applicant: applicant, meeting: meeting)
        write { tables in
            tables.tokens.append(AccessTokenRecord(token, sha256: Hexadecimal.sha256(secret)))
            tables.append(
                ChainEntry(runID: nil, kind: .token_created, payload: RunStore.auditPayload(token)),
                at: token.createdAt)
        }
        return (secret, token)
    }

    public func activeToken(secret: String) throws -> AccessToken? {
        let hash = Hexadecimal.sha256(secret)
        return read { tables in tables.tokens.first { $0.sha256 == hash && $0.revokedAt == nil }?.token }
    }

    public func tokens() throws -> [AccessToken] {
        read { tables in
            tables.tokens.map(\.token).sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        }
    }

    public func revokeToken(id: String) throws -> AccessToken {
        try write { tables in
            guard let index = tables.tokens.firstIndex(where: { $0.id == id }) else {
                throw StoreError(.notFound, "no token \(id); `fellowship token list` shows the ids")
            }
            var token = tables.tokens[index].token
            guard token.revokedAt == nil else { throw StoreError(.conflict, "token \(token.id) was revoked already") }
            let at = AuditChain.timestamp()
            token.revokedAt = at
            tables.tokens[index].revokedAt = at
            tables.append(
                ChainEntry(
                    runID: nil, kind: .token_revoked,
                    payload: [("token", .string(token.id)), ("role", .string(token.role.rawValue))]),
                at: at)
            tables.sessions = tables.sessions.filter { $0.value.tokenID != token.id }
            return token
        }
    }

    public func openSession(secret: String, now: Date) throws -> (sessionID: String, session: BrowserSession)? {
        let tokenHash = Hexadecimal.sha256(secret)
        let sessionID = RunStore.newSessionID()
        let seconds = Int64(now.timeIntervalSince1970)
        return write { tables in
            guard let token = tables.tokens.first(where: { $0.sha256 == tokenHash && $0.revokedAt == nil })?.token
            else { return nil }
            // Expired sessions of every token are cleared as new ones begin.
            tables.sessions = tables.sessions.filter {
                $0.value.lastSeenAt > seconds - RunStore.sessionIdleSeconds
                    && $0.value.createdAt > seconds - RunStore.sessionAbsoluteSeconds
            }
            let hash = Hexadecimal.sha256(sessionID)
            tables.sessions[hash] = SessionRecord(
                sha256: hash, tokenID: token.id, createdAt: seconds, lastSeenAt: seconds)
            tables.append(
                ChainEntry(
                    runID: nil, kind: .signed_in,
                    payload: [("token", .string(token.id)), ("role", .string(token.role.rawValue))]),
                at: AuditChain.timestamp(now))
            let session = BrowserSession(
                token: token, csrf: RunStore.csrfToken(sessionID: sessionID), createdAt: seconds, lastSeenAt: seconds)
            return (sessionID, session)
        }
    }

    public func session(id sessionID: String, now: Date) throws -> BrowserSession? {
        guard RunStore.isSessionID(sessionID) else { return nil }
        let hash = Hexadecimal.sha256(sessionID)
        let seconds = Int64(now.timeIntervalSince1970)
        return write { tables in
            guard let row = tables.sessions[hash],
                let token = tables.tokens.first(where: { $0.id == row.tokenID })?.token
            else { return nil }
            if token.revokedAt != nil || seconds - row.lastSeenAt >= RunStore.sessionIdleSeconds
                || seconds - row.createdAt >= RunStore.sessionAbsoluteSeconds
            {
                tables.sessions[hash] = nil
                return nil
            }
            tables.sessions[hash]?.lastSeenAt = max(row.lastSeenAt, seconds)
            return BrowserSession(
                token: token, csrf: RunStore.csrfToken(sessionID: sessionID), createdAt: row.createdAt,
                lastSeenAt: max(row.lastSeenAt, seconds))
        }
    }

    public func closeSession(id sessionID: String, now: Date) throws -> Bool {
        guard RunStore.isSessionID(sessionID) else { return false }
        let hash = Hexadecimal.sha256(sessionID)
        return write { tables in
            guard let row = tables.sessions[hash],
                let token = tables.tokens.first(where: { $0.id == row.tokenID })?.token
            else { return false }
            tables.sessions[hash] = nil
            tables.append(
                ChainEntry(
                    runID: nil, kind: .signed_out,
                    payload: [("token", .string(token.id)), ("role", .string(token.role.rawValue))]),
                at: AuditChain.timestamp(now))
            return true
        }
    }

    /// How many sessions opened with a token are kept (as `RunStore.sessionCount`).
    public func sessionCount(tokenID: String) throws -> Int {
        read { tables in tables.sessions.values.filter { $0.tokenID == tokenID }.count }
    }
}
