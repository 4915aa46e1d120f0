import FellowshipCore

extension RunStore {
    /// The browser sessions of the service's sign-in form, added by the migration `v3-sessions`.
    ///
    /// A row is a live session: the SHA-256 of the random session id the browser holds in its
    /// cookie (the id itself is never stored, so a copy of the store opens no session), the
    /// token it was opened with, and when it began and was last used (Unix seconds, for the idle
    /// and absolute expiries). Unlike the run tables, sessions are deleted: at sign-out, on
    /// expiry, and when their token is revoked.
    static let sessionSchema = """
        CREATE TABLE browser_sessions (
            sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
            token_id TEXT NOT NULL REFERENCES access_tokens(id),
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL
        );
        CREATE INDEX browser_sessions_by_token ON browser_sessions(token_id);
        """
}
