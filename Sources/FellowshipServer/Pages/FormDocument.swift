import FellowshipCore
import Foundation

/// A JSON input file written from a form's fields, so that a form is checked by exactly the
/// code that checks an uploaded file (InputLoader), with the same messages.
///
/// Each field becomes one member, on a line of its own, in the order given. A field meant as a
/// number is written as a JSON number when it reads as one and as a string otherwise, so a
/// mistyped amount is reported ("expected a number") rather than dropped. Blank fields are
/// left out: for the policy that means the published default, for a meeting the loader
/// reports the missing member.
struct FormDocument {
    enum Kind { case text, number }

    /// (member path, value) in order; a path with a dot (`weights.base`) goes into a nested object.
    private var members: [(path: [String], json: String)] = []

    mutating func add(_ path: String, _ value: String?, as kind: Kind) {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return }
        let json = kind == .number && Self.isJSONNumber(value) ? value : JSONValue.quote(value)
        members.append((path.split(separator: ".").map(String.init), json))
    }

    /// Adds a member whose JSON text is given as is (a nested object already written).
    mutating func addRaw(_ path: String, _ json: String) {
        members.append((path.split(separator: ".").map(String.init), json))
    }

    var isEmpty: Bool { members.isEmpty }

    /// The document: one member per line, nested objects indented.
    var text: String { Self.render(members, indent: "") + "\n" }

    private static func render(_ members: [(path: [String], json: String)], indent: String) -> String {
        var order: [String] = []
        var groups: [String: [(path: [String], json: String)]] = [:]
        var leaves: [String: String] = [:]
        for member in members {
            let head = member.path[0]
            if !order.contains(head) { order.append(head) }
            if member.path.count == 1 {
                leaves[head] = member.json
            } else {
                groups[head, default: []].append((Array(member.path.dropFirst()), member.json))
            }
        }
        let inner = indent + "  "
        let lines = order.map { key -> String in
            if let leaf = leaves[key] { return "\(inner)\(JSONValue.quote(key)): \(leaf)" }
            return "\(inner)\(JSONValue.quote(key)): \(render(groups[key]!, indent: inner))"
        }
        return "{\n" + lines.joined(separator: ",\n") + "\n\(indent)}"
    }

    static func isJSONNumber(_ text: String) -> Bool {
        text.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil
    }
}
