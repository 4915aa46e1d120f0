import FellowshipCore
import Hummingbird

/// A request the service refuses or cannot serve, with the HTTP status and a message that
/// says what to do; `problems` carries every located input problem (`FILE:LINE: column: problem`).
public struct ServiceError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var message: String
    public var problems: [String]

    public init(_ status: HTTPResponse.Status, _ message: String, problems: [String] = []) {
        self.status = status
        self.message = message
        self.problems = problems
    }

    static func unauthorized() -> ServiceError {
        ServiceError(.unauthorized, "a valid access token is required (Authorization: Bearer TOKEN); tokens are made with `fellowship token create`")
    }

    static func forbidden(_ role: AccessRole) -> ServiceError {
        ServiceError(.forbidden, "the \(role.rawValue) role may not do this")
    }

    /// Any error thrown while serving, as the service reports it. Unknown errors become 500
    /// with a generic message (their text may hold anything; it goes to the log only).
    static func from(_ error: any Error) -> ServiceError {
        switch error {
        case let error as ServiceError:
            return error
        case let errors as InputErrors:
            let count = errors.problems.count
            return ServiceError(.unprocessableContent,
                                "\(count) problem\(count == 1 ? "" : "s") in the input; nothing was decided or written",
                                problems: errors.problems.map(\.description))
        case let error as StoreError:
            switch error.code {
            case .notFound: return ServiceError(.notFound, error.message)
            case .conflict: return ServiceError(.conflict, error.message)
            default: return ServiceError(.internalServerError, error.message)
            }
        case let error as UnknownApplicantError:
            return ServiceError(.notFound, error.description)
        case let errors as ScenarioOptionErrors:
            return ServiceError(.unprocessableContent, "bad scenario options; nothing was simulated",
                                problems: errors.problems.map(\.message))
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return ServiceError(.contentTooLarge, "the request body is larger than the service accepts; nothing was written")
        case let error as any HTTPResponseError:
            return ServiceError(error.status, "\(error.status.reasonPhrase.lowercased())")
        default:
            return ServiceError(.internalServerError, "internal error; see the service log")
        }
    }

    /// The JSON body of an error response: `{"error": {"status", "message", "problems"}}`.
    var json: JSONValue {
        .object([("error", .object([
            ("status", .integer(status.code)),
            ("message", .string(message)),
            ("problems", .array(problems.map(JSONValue.string))),
        ]))])
    }
}
