import FellowshipCore

extension RunStore {
    /// The tables of the HTTP service (docs/service.md), added by the migration `v2-service`.
    ///
    /// Meetings created through the service and every uploaded file are append-only like the
    /// run tables: an upload never replaces bytes, it adds a newer version, and the file's exact
    /// bytes go to `input_files` under their SHA-256 (shared with the runs' snapshots). Access
    /// tokens are kept as SHA-256 hashes only; a revocation sets `revoked_at` once and nothing
    /// else of a token row may change.
    static let serviceSchema = """
        CREATE TABLE service_meetings (
            id TEXT PRIMARY KEY NOT NULL,
            meeting_sha256 TEXT NOT NULL REFERENCES input_files(sha256),
            created_at TEXT NOT NULL
        );
        CREATE TABLE uploads (
            seq INTEGER PRIMARY KEY NOT NULL,
            meeting_id TEXT NOT NULL REFERENCES service_meetings(id),
            kind TEXT NOT NULL CHECK (kind IN ('countries', 'applications', 'policy')),
            name TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES input_files(sha256),
            size INTEGER NOT NULL,
            uploaded_at TEXT NOT NULL
        );
        CREATE INDEX uploads_by_meeting ON uploads(meeting_id, kind, seq);
        CREATE TABLE access_tokens (
            id TEXT PRIMARY KEY NOT NULL,
            sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
            role TEXT NOT NULL CHECK (role IN ('secretariat', 'reviewer', 'applicant')),
            applicant TEXT CHECK ((role = 'applicant') = (applicant IS NOT NULL)),
            created_at TEXT NOT NULL,
            revoked_at TEXT
        );
        CREATE TRIGGER service_meetings_no_update BEFORE UPDATE ON service_meetings
        BEGIN SELECT RAISE(ABORT, 'service_meetings is append-only: UPDATE refused'); END;
        CREATE TRIGGER service_meetings_no_delete BEFORE DELETE ON service_meetings
        BEGIN SELECT RAISE(ABORT, 'service_meetings is append-only: DELETE refused'); END;
        CREATE TRIGGER uploads_no_update BEFORE UPDATE ON uploads
        BEGIN SELECT RAISE(ABORT, 'uploads is append-only: UPDATE refused'); END;
        CREATE TRIGGER uploads_no_delete BEFORE DELETE ON uploads
        BEGIN SELECT RAISE(ABORT, 'uploads is append-only: DELETE refused'); END;
        CREATE TRIGGER access_tokens_revoke_only BEFORE UPDATE ON access_tokens
        WHEN OLD.revoked_at IS NOT NULL OR NEW.revoked_at IS NULL OR NEW.id IS NOT OLD.id
          OR NEW.sha256 IS NOT OLD.sha256 OR NEW.role IS NOT OLD.role OR NEW.applicant IS NOT OLD.applicant
          OR NEW.created_at IS NOT OLD.created_at
        BEGIN SELECT RAISE(ABORT, 'access_tokens: only a revocation may change a token'); END;
        CREATE TRIGGER access_tokens_no_delete BEFORE DELETE ON access_tokens
        BEGIN SELECT RAISE(ABORT, 'access_tokens: DELETE refused (revoke instead)'); END;
        """
}
