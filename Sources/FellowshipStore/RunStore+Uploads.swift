public import FellowshipCore
import Foundation
import GRDB

/// An input file the service keeps per meeting (the meeting itself is created, not uploaded).
public enum UploadKind: String, Sendable, CaseIterable {
    case countries, applications, policy

    /// The name the file goes by in messages (`applications.csv:12: country: …`), as if it had
    /// been given to the command line under that name.
    public var fileName: String {
        switch self {
        case .countries: return "countries.csv"
        case .applications: return "applications.csv"
        case .policy: return "policy.json"
        }
    }
}

/// One uploaded file version: its exact bytes are in `input_files` under `sha256`.
public struct StoredUpload: Sendable, Equatable {
    /// Grows with every upload of the store; the newest of a kind is the meeting's current one.
    public var seq: Int64
    public var kind: UploadKind
    public var name: String
    public var sha256: String
    public var size: Int
    public var uploadedAt: String
}

/// A meeting created through the service, with its current uploads.
public struct ServiceMeeting: Sendable, Equatable {
    public var id: String
    public var title: String
    public var meetingSHA256: String
    public var createdAt: String
    /// The newest upload of each kind (missing kinds are not uploaded yet).
    public var uploads: [UploadKind: StoredUpload]

    /// The name meeting.json goes by in messages, as if given to the command line.
    public static let fileName = "meeting.json"
}

extension RunStore {
    /// The name meeting.json goes by in messages.
    public static let meetingFileName = ServiceMeeting.fileName

    /// Creates a meeting from its meeting.json bytes (checked as `allocate` checks them).
    ///
    /// - Throws: `InputErrors` for a bad file; `StoreError(.conflict)` when a meeting with the
    ///   same id exists. Nothing is written then.
    public func createMeeting(_ source: InputSource) throws -> ServiceMeeting {
        let meeting = try InputLoader.meeting(source)
        return try write { db in
            if try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM service_meetings WHERE id = ?)",
                arguments: [meeting.id]) == true
            {
                throw StoreError(.conflict, "a meeting \(meeting.id) exists already")
            }
            try Self.insertFile(source, in: db)
            let now = AuditChain.timestamp()
            try ServiceMeetingRecord(id: meeting.id, meetingSHA256: source.sha256, createdAt: now).insert(db)
            return ServiceMeeting(
                id: meeting.id, title: meeting.title, meetingSHA256: source.sha256, createdAt: now,
                uploads: [:])
        }
    }

    /// Every meeting created through the service, by id.
    public func serviceMeetings() throws -> [ServiceMeeting] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM service_meetings ORDER BY id").map {
                try Self.serviceMeeting($0, in: db)
            }
        }
    }

    /// One meeting; `StoreError(.notFound)` when there is none with this id.
    public func serviceMeeting(id: String) throws -> ServiceMeeting {
        try read { db in try Self.serviceMeeting(id, in: db) }
    }

    /// Stores a new version of one input of a meeting after checking it as `allocate` would.
    ///
    /// Applications are checked against the meeting's current countries, so the countries go
    /// first. The check and the insert are one transaction.
    /// - Throws: `InputErrors` for a bad file (every problem at once); `StoreError(.notFound)`
    ///   for an unknown meeting; `StoreError(.conflict)` for applications before countries.
    public func upload(_ kind: UploadKind, _ source: InputSource, meetingID: String) throws -> StoredUpload {
        // The file is parsed before the write lock is taken (issue #11): a large or hostile
        // upload keeps one request busy, not every writer of the store. The applications are
        // checked against the countries current at the time; if those change before the
        // write, the upload is refused (409) rather than stored unchecked.
        let countries = try read { db -> InputSource? in
            let meeting = try Self.serviceMeeting(meetingID, in: db)
            guard kind == .applications, let countries = meeting.uploads[.countries] else { return nil }
            return InputSource(name: countries.name, bytes: try Self.fileBytes(countries.sha256, in: db))
        }
        try Self.checkUpload(kind, source, countries: countries, meetingID: meetingID)
        let countriesChecked = countries?.sha256
        return try write { db in
            let meeting = try Self.serviceMeeting(meetingID, in: db)
            if let countriesChecked, meeting.uploads[.countries]?.sha256 != countriesChecked {
                throw StoreError(
                    .conflict,
                    "the countries of meeting \(meetingID) changed while the applications were being checked; upload the applications again"
                )
            }
            try Self.insertFile(source, in: db)
            let now = AuditChain.timestamp()
            var record = UploadRecord(
                seq: nil, meetingID: meetingID, kind: kind.rawValue, name: source.name, sha256: source.sha256,
                size: source.bytes.count, uploadedAt: now)
            try record.insert(db)
            record.seq = db.lastInsertedRowID
            return record.upload!
        }
    }

    /// Checks an upload as `allocate` would check the file, for every store: applications
    /// against the meeting's current `countries` (which must be there).
    static func checkUpload(_ kind: UploadKind, _ source: InputSource, countries: InputSource?, meetingID: String)
        throws
    {
        switch kind {
        case .countries:
            _ = try InputLoader.countries(source)
        case .policy:
            _ = try InputLoader.policy(source)
        case .applications:
            guard let countries else {
                throw StoreError(
                    .conflict,
                    "meeting \(meetingID) has no countries yet: upload countries.csv before the applications")
            }
            let known = try InputLoader.countries(countries).map(\.iso3)
            _ = try InputLoader.applications(source, countries: Set(known))
        }
    }

    static func serviceMeeting(_ id: String, in db: Database) throws -> ServiceMeeting {
        guard let record = try ServiceMeetingRecord.fetchOne(db, key: id) else {
            throw StoreError(.notFound, "no meeting \(id)")
        }
        let uploads = try UploadRecord.fetchAll(
            db, sql: "SELECT * FROM uploads WHERE meeting_id = ? ORDER BY seq", arguments: [id])
        return try serviceMeeting(record, uploads: uploads, bytes: fileBytes(record.meetingSHA256, in: db))
    }

    /// A meeting as the service shows it, from its row, its upload rows (in order: the newest
    /// of each kind is current) and its meeting.json bytes; for every store.
    static func serviceMeeting(_ record: ServiceMeetingRecord, uploads: [UploadRecord], bytes: [UInt8]) throws
        -> ServiceMeeting
    {
        let meeting = try InputLoader.meeting(InputSource(name: ServiceMeeting.fileName, bytes: bytes))
        var current: [UploadKind: StoredUpload] = [:]
        for upload in uploads.compactMap(\.upload) { current[upload.kind] = upload }
        return ServiceMeeting(
            id: record.id, title: meeting.title, meetingSHA256: record.meetingSHA256, createdAt: record.createdAt,
            uploads: current)
    }

    static func fileBytes(_ sha256: String, in db: Database) throws -> [UInt8] {
        guard
            let data = try Data.fetchOne(db, sql: "SELECT bytes FROM input_files WHERE sha256 = ?", arguments: [sha256])
        else {
            throw StoreError(.corrupt, "the input file \(sha256) is missing from the store")
        }
        return [UInt8](data)
    }

    /// Keeps a file's exact bytes once per distinct content.
    static func insertFile(_ source: InputSource, in db: Database) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO input_files (sha256, size, bytes) VALUES (?, ?, ?)",
            arguments: [source.sha256, source.bytes.count, Data(source.bytes)])
    }
}
