public import FellowshipCore
import Foundation

/// Meetings created through the service and their uploads, checked as `RunStore` checks them.
extension MemoryStore {
    public func createMeeting(_ source: InputSource) throws -> ServiceMeeting {
        let meeting = try InputLoader.meeting(source)
        return try write { tables in
            if tables.meetings[meeting.id] != nil {
                throw StoreError(.conflict, "a meeting \(meeting.id) exists already")
            }
            let now = AuditChain.timestamp()
            tables.files[source.sha256] = source.bytes
            tables.meetings[meeting.id] = ServiceMeetingRecord(
                id: meeting.id, meetingSHA256: source.sha256, createdAt: now)
            return ServiceMeeting(
                id: meeting.id, title: meeting.title, meetingSHA256: source.sha256, createdAt: now, uploads: [:])
        }
    }

    public func serviceMeetings() throws -> [ServiceMeeting] {
        try read { tables in try tables.meetings.keys.sorted().map { try Self.meeting($0, in: tables) } }
    }

    public func serviceMeeting(id: String) throws -> ServiceMeeting {
        try read { tables in try Self.meeting(id, in: tables) }
    }

    public func upload(_ kind: UploadKind, _ source: InputSource, meetingID: String) throws -> StoredUpload {
        // Checked outside the lock, as `RunStore` checks outside its write transaction.
        let countries = try read { tables -> InputSource? in
            let meeting = try Self.meeting(meetingID, in: tables)
            guard kind == .applications, let countries = meeting.uploads[.countries] else { return nil }
            return InputSource(name: countries.name, bytes: try tables.fileBytes(countries.sha256))
        }
        try RunStore.checkUpload(kind, source, countries: countries, meetingID: meetingID)
        return try write { tables in
            let meeting = try Self.meeting(meetingID, in: tables)
            if let checked = countries?.sha256, meeting.uploads[.countries]?.sha256 != checked {
                throw StoreError(
                    .conflict,
                    "the countries of meeting \(meetingID) changed while the applications were being checked; upload the applications again"
                )
            }
            tables.files[source.sha256] = source.bytes
            let record = UploadRecord(
                seq: Int64(tables.uploads.count) + 1, meetingID: meetingID, kind: kind.rawValue, name: source.name,
                sha256: source.sha256, size: source.bytes.count, uploadedAt: AuditChain.timestamp())
            tables.uploads.append(record)
            return record.upload!
        }
    }

    public func meetingFiles(id: String) throws -> MeetingFiles {
        try read { tables in
            let meeting = try Self.meeting(id, in: tables)
            func source(_ kind: UploadKind) throws -> InputSource? {
                guard let upload = meeting.uploads[kind] else { return nil }
                return InputSource(name: upload.name, bytes: try tables.fileBytes(upload.sha256))
            }
            return MeetingFiles(
                meeting: InputSource(name: ServiceMeeting.fileName, bytes: try tables.fileBytes(meeting.meetingSHA256)),
                countries: try source(.countries), applications: try source(.applications), policy: try source(.policy))
        }
    }

    /// A meeting with its newest upload of each kind.
    static func meeting(_ id: String, in tables: MemoryTables) throws -> ServiceMeeting {
        guard let record = tables.meetings[id] else { throw StoreError(.notFound, "no meeting \(id)") }
        return try RunStore.serviceMeeting(
            record, uploads: tables.uploads.filter { $0.meetingID == id },
            bytes: try tables.fileBytes(record.meetingSHA256))
    }
}
