import Foundation
import Hummingbird

/// A `multipart/form-data` body (RFC 7578), as browsers send a form with file fields: each
/// part's name, its file name when it is a file, and its exact bytes.
struct MultipartForm: Sendable {
    struct Part: Sendable {
        var name: String
        /// The file name the browser gave (nil for a plain field).
        var fileName: String?
        var bytes: [UInt8]
    }

    private(set) var parts: [Part] = []

    /// Parses `body` with the boundary of `contentType`; 400 when it is not such a body.
    init(contentType: String?, body: [UInt8]) throws {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty
        else {
            throw ServiceError(.badRequest, "the form must be sent as multipart/form-data")
        }
        let delimiter = Array("--\(boundary)".utf8)
        var start = Self.find(delimiter, in: body, from: 0)
        guard var position = start else { throw ServiceError(.badRequest, "the form body has no parts") }
        while true {
            position += delimiter.count
            // "--" after a delimiter ends the body.
            if body.count >= position + 2, body[position] == 0x2D, body[position + 1] == 0x2D { break }
            guard let headerStart = Self.skipLine(body, position),
                let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: headerStart)
            else {
                throw ServiceError(.badRequest, "a part of the form body is cut off")
            }
            let headers = String(decoding: body[headerStart..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = Self.find(Array("\r\n--\(boundary)".utf8), in: body, from: contentStart) else {
                throw ServiceError(.badRequest, "a part of the form body is cut off")
            }
            var name: String?
            var fileName: String?
            for line in headers.components(separatedBy: "\r\n")
            where line.lowercased().hasPrefix("content-disposition:") {
                name = Self.parameter("name", in: line)
                fileName = Self.parameter("filename", in: line)
            }
            if let name {
                parts.append(Part(name: name, fileName: fileName, bytes: Array(body[contentStart..<next])))
            }
            start = next + 2
            position = start!
        }
    }

    /// The last part called `name`.
    func part(_ name: String) -> Part? { parts.last { $0.name == name } }

    /// The text of the plain field `name`, trimmed; nil when absent or blank.
    func field(_ name: String) -> String? {
        guard let part = part(name), part.fileName == nil else { return nil }
        let text = String(decoding: part.bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// `name="value"` (or unquoted) inside a header value.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            return value
        }
        return nil
    }

    private static func skipLine(_ body: [UInt8], _ from: Int) -> Int? {
        guard let end = find([0x0D, 0x0A], in: body, from: from) else { return nil }
        return end + 2
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = from
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var match = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    match = false
                    break
                }
                if match { return index }
            }
            index += 1
        }
        return nil
    }
}
