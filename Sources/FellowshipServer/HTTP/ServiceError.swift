import FellowshipCore
import FellowshipStore
public import HTTPTypes
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
        ServiceError(
            .unauthorized,
            "a valid access token is required (Authorization: Bearer TOKEN); tokens are made with `fellowship token create`"
        )
    }

    /// The answer to an unexpected failure: a generic message with the request id; the details
    /// are in the service log under that id.
    static func internalError(requestID: String) -> ServiceError {
        ServiceError(
            .internalServerError,
            "internal error; quote request id \(requestID) to the service's operators (the details are in the service log)"
        )
    }

    /// What the log records of an unexpected error: its description, cut to 500 characters.
    static func logDetail(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 500 ? String(text.prefix(500)) + "…" : text
    }

    /// Problems listed in one answer at most; the message always gives the total.
    static let maximumProblems = 1000

    /// The status logged for a request whose client went away before its answer (nginx's
    /// 499): its solver work was cancelled, and nobody reads the answer.
    static func clientGone() -> ServiceError {
        ServiceError(
            HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request"),
            "the client closed the connection before the answer; its solver work was cancelled")
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
        case is CancellationError:
            // Only a request whose client has gone away is cancelled: nobody reads this.
            return clientGone()
        case let errors as InputErrors:
            let count = errors.problems.count
            let shown = count > maximumProblems ? " (the first \(maximumProblems) are listed)" : ""
            return ServiceError(
                .unprocessableContent,
                "\(count) problem\(count == 1 ? "" : "s") in the input\(shown); nothing was decided or written",
                problems: errors.problems.prefix(maximumProblems).map(\.description))
        case let error as StoreError:
            switch error.code {
            case .notFound: return ServiceError(.notFound, error.message)
            case .conflict: return ServiceError(.conflict, error.message)
            default: return ServiceError(.internalServerError, error.message)
            }
        case let error as UnknownApplicantError:
            return ServiceError(.notFound, error.description)
        case let errors as ScenarioOptionErrors:
            return ServiceError(
                .unprocessableContent, "bad scenario options; nothing was simulated",
                problems: errors.problems.map(\.message))
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return ServiceError(
                .contentTooLarge, "the request body is larger than the service accepts; nothing was written")
        case let error as any HTTPResponseError:
            return ServiceError(error.status, "\(error.status.reasonPhrase.lowercased())")
        default:
            return ServiceError(.internalServerError, "internal error; see the service log")
        }
    }

    /// The JSON body of an error response: `{"error": {"status", "message", "problems"}}`.
    var json: JSONValue {
        .object([
            (
                "error",
                .object([
                    ("status", .integer(status.code)),
                    ("message", .string(message)),
                    ("problems", .array(problems.map(JSONValue.string))),
                ])
            )
        ])
    }
}
