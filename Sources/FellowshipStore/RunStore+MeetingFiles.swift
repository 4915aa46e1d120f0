public import FellowshipCore
import GRDB

/// A meeting's meeting.json and whichever current uploads it has, for the meeting page
/// (`meetingSources` needs all four inputs; the page shows a meeting still being prepared).
public struct MeetingFiles: Sendable {
    public var meeting: InputSource
    public var countries: InputSource?
    public var applications: InputSource?
    public var policy: InputSource?
}

extension RunStore {
    /// The meeting's files as they stand; `StoreError(.notFound)` for an unknown meeting.
    public func meetingFiles(id: String) throws -> MeetingFiles {
        try read { db in
            let meeting = try Self.serviceMeeting(id, in: db)
            func source(_ kind: UploadKind) throws -> InputSource? {
                guard let upload = meeting.uploads[kind] else { return nil }
                return InputSource(name: upload.name, bytes: try Self.fileBytes(upload.sha256, in: db))
            }
            return MeetingFiles(
                meeting: InputSource(
                    name: Self.meetingFileName, bytes: try Self.fileBytes(meeting.meetingSHA256, in: db)),
                countries: try source(.countries), applications: try source(.applications), policy: try source(.policy))
        }
    }
}
