import FellowshipCore
import GRDB

/// One row of `service_meetings`: a meeting created through the service.
struct ServiceMeetingRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "service_meetings"

    var id: String
    var meetingSHA256: String
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id
        case meetingSHA256 = "meeting_sha256"
        case createdAt = "created_at"
    }
}

/// One row of `uploads`: one version of one input of a meeting.
struct UploadRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "uploads"

    var seq: Int64?
    var meetingID: String
    var kind: String
    var name: String
    var sha256: String
    var size: Int
    var uploadedAt: String

    enum CodingKeys: String, CodingKey {
        case seq
        case meetingID = "meeting_id"
        case kind, name, sha256, size
        case uploadedAt = "uploaded_at"
    }

    /// The upload as the service shows it (nil for a kind this version does not know).
    var upload: StoredUpload? {
        guard let seq, let kind = UploadKind(rawValue: kind) else { return nil }
        return StoredUpload(seq: seq, kind: kind, name: name, sha256: sha256, size: size, uploadedAt: uploadedAt)
    }
}

/// One row of `access_tokens`: never the secret, only its SHA-256.
struct AccessTokenRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "access_tokens"

    var id: String
    var sha256: String
    var role: String
    var applicant: String?
    var meeting: String?
    var createdAt: String
    var revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, sha256, role, applicant, meeting
        case createdAt = "created_at"
        case revokedAt = "revoked_at"
    }

    init(_ token: AccessToken, sha256: String) {
        id = token.id
        self.sha256 = sha256
        role = token.role.rawValue
        applicant = token.applicant
        meeting = token.meeting
        createdAt = token.createdAt
        revokedAt = token.revokedAt
    }

    var token: AccessToken {
        AccessToken(
            id: id, role: AccessRole(rawValue: role) ?? .applicant, applicant: applicant, meeting: meeting,
            createdAt: createdAt, revokedAt: revokedAt)
    }
}

/// One row of `browser_sessions`: a live session, by the SHA-256 of its id.
struct SessionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "browser_sessions"

    var sha256: String
    var tokenID: String
    var createdAt: Int64
    var lastSeenAt: Int64

    enum CodingKeys: String, CodingKey {
        case sha256
        case tokenID = "token_id"
        case createdAt = "created_at"
        case lastSeenAt = "last_seen_at"
    }
}
