import FellowshipCore
import HTTPTypes
import Hummingbird

/// Responses built from the core's ordered `JSONValue`, so the service's JSON is byte for byte
/// what the command line writes (decisions.json, explanations, waitlists).
enum JSONResponse {
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok, extraHeaders: HTTPFields = [:]) -> Response
    {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        headers.append(contentsOf: extraHeaders)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: value.document)))
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok, extraHeaders: HTTPFields = [:]) -> Response {
        // The security headers (CSP, nosniff, no-store …) are set on every response by
        // `SecurityHeaders` (through `ServiceResponder`).
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers.append(contentsOf: extraHeaders)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
