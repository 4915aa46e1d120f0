import FellowshipCore

extension RunStore {
    /// The schema changes of issue #11 (service hardening), added by the migration `v3-hardening`.
    ///
    /// - `access_tokens.meeting`: an applicant token names its meeting as well as its
    ///   application, because application ids are scoped to their meeting (FORMATS.md 1.1):
    ///   `A-0001` of another meeting is another person. Tokens made before this migration have
    ///   no meeting; the service refuses such applicant tokens and asks for them to be reissued.
    ///   The revoke-only trigger is replaced by one that also protects the new column.
    /// - `decisions_by_application`: the applicant home page looks decisions up by application
    ///   id; without the index that is a scan of every decision ever stored.
    static let hardeningSchema = """
        ALTER TABLE access_tokens ADD COLUMN meeting TEXT;
        DROP TRIGGER access_tokens_revoke_only;
        CREATE TRIGGER access_tokens_revoke_only BEFORE UPDATE ON access_tokens
        WHEN OLD.revoked_at IS NOT NULL OR NEW.revoked_at IS NULL OR NEW.id IS NOT OLD.id
          OR NEW.sha256 IS NOT OLD.sha256 OR NEW.role IS NOT OLD.role OR NEW.applicant IS NOT OLD.applicant
          OR NEW.created_at IS NOT OLD.created_at OR NEW.meeting IS NOT OLD.meeting
        BEGIN SELECT RAISE(ABORT, 'access_tokens: only a revocation may change a token'); END;
        CREATE INDEX decisions_by_application ON decisions(application_id, run_id);
        """
}
