import Foundation
import HTTPTypes

/// A small JSON request body (`{"budget": "45000"}`): an object whose members are all known.
/// A body that is not such an object is a 400 naming what is wrong; an unknown member is
/// refused rather than silently ignored.
struct RequestBody {
    private let members: [String: Any]

    init(_ bytes: [UInt8], known: [String]) throws {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            members = [:]
            return
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw ServiceError(.badRequest, "request body:1: (file): not valid JSON: \(Self.reason(error))")
        }
        guard let members = object as? [String: Any] else {
            throw ServiceError(.badRequest, "request body:1: (file): expected a JSON object")
        }
        let unknown = members.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            // Each name cut to 80 characters: a hostile body may carry a huge one.
            let names = unknown.prefix(20).map { $0.count > 80 ? String($0.prefix(80)) + "…" : $0 }
            throw ServiceError(
                .unprocessableContent,
                "request body: unknown member\(unknown.count == 1 ? "" : "s") \(names.joined(separator: ", "))\(unknown.count > 20 ? " and \(unknown.count - 20) more" : "") (known: \(known.joined(separator: ", ")))"
            )
        }
        self.members = members
    }

    /// A string member, nil when absent; 422 when it is there but not a string (`null`
    /// included: docs/openapi.yaml declares these members as strings, and an absent member
    /// is how a body says "not given").
    func string(_ name: String) throws -> String? {
        guard let value = members[name] else { return nil }
        guard let text = value as? String else {
            throw ServiceError(
                .unprocessableContent,
                "request body: \(name): expected a string\(value is NSNull ? ", got null (leave the member out instead)" : "")"
            )
        }
        return text
    }

    private static func reason(_ error: any Error) -> String {
        let info = (error as NSError).userInfo
        return (info[NSDebugDescriptionErrorKey] as? String) ?? "malformed"
    }
}
