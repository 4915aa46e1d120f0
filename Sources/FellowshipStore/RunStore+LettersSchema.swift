import FellowshipCore
import GRDB

extension RunStore {
    /// The migration `v3-letters` (issue #13): the applicant's language (FORMATS.md 1.1,
    /// `language` column of applications.csv) joins the parsed snapshot of applications, so a
    /// stored run knows in which language each applicant's letter and pages are written.
    ///
    /// Rows stored before it get `en`: their files had no `language` column (it was refused
    /// as unknown then), so English is exactly what they said. A run always re-reads its
    /// exact input bytes, which carry the same value.
    static let lettersSchema = """
        ALTER TABLE snapshot_applications ADD COLUMN language TEXT NOT NULL DEFAULT 'en'
            CHECK (language IN ('ar', 'en', 'es', 'fr', 'ru', 'zh'));
        """
}
