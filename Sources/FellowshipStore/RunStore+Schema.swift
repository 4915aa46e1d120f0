import FellowshipCore
import GRDB

extension RunStore {
    /// Names of the append-only tables: triggers refuse UPDATE and DELETE on each.
    static let protectedTables = [
        "input_files", "meetings", "snapshot_countries", "snapshot_applications",
        "runs", "decisions", "declines", "events",
    ]

    /// The triggers `audit verify` expects to find (a missing one means someone dropped it).
    static var expectedTriggers: [String] {
        protectedTables.flatMap { ["\($0)_no_update", "\($0)_no_delete"] }
            + [
                "events_extend_head", "events_move_head", "chain_head_forward_only", "chain_head_no_delete",
                "chain_head_no_insert",
            ]
            + marginTables.flatMap { ["\($0)_no_update", "\($0)_no_delete"] }
    }

    /// The schema, as named migrations.
    ///
    /// A migration that has shipped is never edited: a change of schema is a new migration
    /// appended here, so every store ever created reaches the same schema by the same steps.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-schema") { db in
            // Exact input bytes, addressed by their SHA-256.
            try db.execute(
                sql: """
                    CREATE TABLE input_files (
                        sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
                        size INTEGER NOT NULL,
                        bytes BLOB NOT NULL
                    );
                    -- Parsed meeting.json snapshots (one row per distinct file).
                    CREATE TABLE meetings (
                        sha256 TEXT PRIMARY KEY NOT NULL REFERENCES input_files(sha256),
                        id TEXT NOT NULL,
                        title TEXT NOT NULL,
                        venue TEXT NOT NULL,
                        start_date TEXT NOT NULL,
                        end_date TEXT NOT NULL,
                        fellowship_deadline TEXT NOT NULL,
                        currency TEXT NOT NULL,
                        dsa_per_day_cents INTEGER NOT NULL,
                        dsa_days INTEGER NOT NULL,
                        financial_year INTEGER NOT NULL
                    );
                    CREATE INDEX meetings_by_id ON meetings(id);
                    -- Parsed countries.csv rows (personal data: none).
                    CREATE TABLE snapshot_countries (
                        sha256 TEXT NOT NULL REFERENCES input_files(sha256),
                        position INTEGER NOT NULL,
                        iso3 TEXT NOT NULL,
                        name TEXT NOT NULL,
                        region TEXT NOT NULL,
                        ldc INTEGER NOT NULL,
                        lldc INTEGER NOT NULL,
                        sids INTEGER NOT NULL,
                        income_group TEXT NOT NULL,
                        eligible INTEGER NOT NULL,
                        PRIMARY KEY (sha256, position)
                    );
                    -- Parsed applications.csv rows. Personal data (name, gender) lives here and in
                    -- input_files only, never in events.
                    CREATE TABLE snapshot_applications (
                        sha256 TEXT NOT NULL REFERENCES input_files(sha256),
                        position INTEGER NOT NULL,
                        line INTEGER NOT NULL,
                        id TEXT NOT NULL,
                        person_id TEXT NOT NULL,
                        name TEXT NOT NULL,
                        gender TEXT NOT NULL,
                        country TEXT NOT NULL,
                        delegation TEXT NOT NULL,
                        registration_approved INTEGER NOT NULL,
                        submitted_at TEXT NOT NULL,
                        request TEXT NOT NULL,
                        ticket_cost_cents INTEGER,
                        contributions INTEGER NOT NULL,
                        role TEXT NOT NULL,
                        special_needs INTEGER NOT NULL,
                        complete INTEGER NOT NULL,
                        prior_partial_fy INTEGER NOT NULL,
                        prior_full_fy INTEGER NOT NULL,
                        PRIMARY KEY (sha256, position)
                    );
                    CREATE TABLE runs (
                        id TEXT PRIMARY KEY NOT NULL,
                        number INTEGER NOT NULL UNIQUE,
                        kind TEXT NOT NULL CHECK (kind IN ('allocate', 'reallocation')),
                        parent_run_id TEXT REFERENCES runs(id),
                        meeting_id TEXT NOT NULL,
                        financial_year INTEGER NOT NULL,
                        model_version INTEGER NOT NULL,
                        meeting_sha256 TEXT NOT NULL REFERENCES meetings(sha256),
                        applications_sha256 TEXT NOT NULL REFERENCES input_files(sha256),
                        policy_sha256 TEXT NOT NULL REFERENCES input_files(sha256),
                        countries_sha256 TEXT NOT NULL REFERENCES input_files(sha256),
                        meeting_file TEXT NOT NULL,
                        applications_file TEXT NOT NULL,
                        policy_file TEXT NOT NULL,
                        countries_file TEXT NOT NULL,
                        budget_cents INTEGER NOT NULL,
                        budget_overridden INTEGER NOT NULL,
                        committed_awards TEXT NOT NULL,
                        declined TEXT NOT NULL,
                        fixed TEXT NOT NULL,
                        solver_name TEXT NOT NULL,
                        solver_version TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('optimal', 'time_limit')),
                        value REAL NOT NULL,
                        bound REAL,
                        gap REAL,
                        solver_seconds REAL NOT NULL,
                        margin_seconds REAL NOT NULL,
                        total_seconds REAL NOT NULL,
                        awards INTEGER NOT NULL,
                        spent_cents INTEGER NOT NULL,
                        started_at TEXT NOT NULL,
                        committed_at TEXT NOT NULL
                    );
                    CREATE INDEX runs_by_meeting ON runs(meeting_id, number);
                    CREATE INDEX runs_by_year ON runs(financial_year, number);
                    CREATE TABLE decisions (
                        run_id TEXT NOT NULL REFERENCES runs(id),
                        position INTEGER NOT NULL,
                        application_id TEXT NOT NULL,
                        person_id TEXT NOT NULL,
                        rank INTEGER,
                        outcome TEXT NOT NULL CHECK (outcome IN ('awarded', 'not_awarded', 'ineligible', 'declined')),
                        component TEXT CHECK (component IN ('ticket', 'dsa')),
                        cost_cents INTEGER,
                        score REAL,
                        reasons TEXT NOT NULL,
                        margin REAL,
                        PRIMARY KEY (run_id, position)
                    );
                    CREATE INDEX decisions_by_person ON decisions(person_id, outcome);
                    CREATE TABLE declines (
                        run_id TEXT NOT NULL REFERENCES runs(id),
                        application_id TEXT NOT NULL,
                        person_id TEXT NOT NULL,
                        declined_at TEXT NOT NULL,
                        follow_up_run_id TEXT NOT NULL UNIQUE REFERENCES runs(id),
                        PRIMARY KEY (run_id, application_id)
                    );
                    -- The audit chain (docs/audit.md).
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY NOT NULL,
                        at TEXT NOT NULL,
                        run_id TEXT,
                        kind TEXT NOT NULL,
                        payload TEXT NOT NULL,
                        prev_hash TEXT NOT NULL,
                        hash TEXT NOT NULL UNIQUE
                    );
                    CREATE INDEX events_by_run ON events(run_id, seq);
                    -- The newest event: lets `audit verify` see a cut-off tail.
                    CREATE TABLE chain_head (
                        id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
                        seq INTEGER NOT NULL,
                        hash TEXT NOT NULL
                    );
                    """)
            try db.execute(
                sql: "INSERT INTO chain_head (id, seq, hash) VALUES (1, 0, ?)", arguments: [AuditChain.genesis])
        }

        migrator.registerMigration("v1-audit-triggers") { db in
            for table in protectedTables {
                try db.execute(
                    sql: """
                        CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(table) is append-only: UPDATE refused'); END;
                        CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(table) is append-only: DELETE refused'); END;
                        """)
            }
            try db.execute(
                sql: """
                    CREATE TRIGGER events_extend_head BEFORE INSERT ON events
                    WHEN NEW.seq IS NOT (SELECT seq + 1 FROM chain_head WHERE id = 1)
                      OR NEW.prev_hash IS NOT (SELECT hash FROM chain_head WHERE id = 1)
                    BEGIN SELECT RAISE(ABORT, 'an audit event must extend the chain head'); END;
                    CREATE TRIGGER events_move_head AFTER INSERT ON events
                    BEGIN UPDATE chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1; END;
                    CREATE TRIGGER chain_head_forward_only BEFORE UPDATE ON chain_head
                    WHEN NEW.id IS NOT OLD.id OR NEW.seq IS NOT OLD.seq + 1
                      OR NEW.hash IS NOT (SELECT hash FROM events WHERE seq = NEW.seq)
                    BEGIN SELECT RAISE(ABORT, 'the chain head only moves forward, to the newest event'); END;
                    CREATE TRIGGER chain_head_no_delete BEFORE DELETE ON chain_head
                    BEGIN SELECT RAISE(ABORT, 'chain_head: DELETE refused'); END;
                    CREATE TRIGGER chain_head_no_insert BEFORE INSERT ON chain_head
                    BEGIN SELECT RAISE(ABORT, 'chain_head: INSERT refused'); END;
                    """)
        }

        migrator.registerMigration("v2-service") { db in
            try db.execute(sql: serviceSchema)
        }

        migrator.registerMigration("v3-margins") { db in
            try db.execute(sql: marginSchema)
            try db.execute(sql: marginTriggerSQL)
        }

        migrator.registerMigration("v3-letters") { db in
            try db.execute(sql: lettersSchema)
        }

        migrator.registerMigration("v3-hardening") { db in
            try db.execute(sql: hardeningSchema)
        }

        migrator.registerMigration("v3-sessions") { db in
            try db.execute(sql: sessionSchema)
        }

        return migrator
    }
}
