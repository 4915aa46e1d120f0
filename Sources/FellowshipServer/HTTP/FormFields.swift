import Foundation
import HTTPTypes

/// The fields of an `application/x-www-form-urlencoded` text: a GET form's query or a POSTed
/// form. `+` is a space and `%XX` a byte, as browsers send them; repeated names keep every value.
struct FormFields: Sendable {
    private(set) var pairs: [(String, String)] = []

    init(_ text: String?) {
        guard let text else { return }
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            pairs.append((Self.decode(pieces[0]), pieces.count > 1 ? Self.decode(pieces[1]) : ""))
        }
    }

    /// The last non-empty value of `name`, trimmed; nil when absent or blank.
    subscript(_ name: String) -> String? {
        pairs.last { $0.0 == name && !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }?.1
            .trimmingCharacters(in: .whitespaces)
    }

    /// Every non-empty value of `name`, in order.
    func all(_ name: String) -> [String] {
        pairs.filter { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var names: Set<String> { Set(pairs.map(\.0)) }

    /// Refuses (422) a form with a field it does not have: nothing a person sent is dropped
    /// without a word. `form` names the form in the message.
    func requireOnly(_ known: Set<String>, form: String) throws {
        let unknown = names.subtracting(known).sorted()
        guard unknown.isEmpty else {
            throw ServiceError(
                .unprocessableContent,
                "\(form): unknown field\(unknown.count == 1 ? "" : "s") "
                    + unknown.prefix(10).map { "\"\(String($0.prefix(80)))\"" }.joined(separator: ", ")
                    + "; nothing was stored")
        }
    }

    /// The last value given for `name` exactly as sent, blank included; nil when the name is
    /// absent. For parameters where a blank value is an error rather than "not given".
    func given(_ name: String) -> String? {
        pairs.last { $0.0 == name }?.1
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
