import FellowshipCore
import Foundation

extension AuditEvent {
    /// One readable line describing the event (for `audit show`); ids and hashes only.
    public var summary: String {
        guard let payload = payloadObject else { return "(payload is not a JSON object)" }
        func text(_ key: String) -> String {
            switch payload[key] {
            case let value as String: return value
            case let value as NSNumber: return value.stringValue
            case nil, is NSNull: return "null"
            case let value?: return "\(value)"
            }
        }
        func list(_ key: String) -> [String] { (payload[key] as? [Any])?.map { "\($0)" } ?? [] }
        func short(_ hash: String) -> String { String(hash.prefix(12)) }
        func number(_ key: String) -> String {
            guard let value = payload[key] as? NSNumber else { return text(key) }
            return JSONValue.formatReal(value.doubleValue)
        }
        /// Money (written with two decimals) and seconds, to the hundredth.
        func hundredths(_ key: String) -> String {
            guard let value = payload[key] as? NSNumber else { return text(key) }
            return String(format: "%.2f", value.doubleValue)
        }
        switch AuditEventKind(rawValue: kind) {
        case .run_started:
            let parent = payload["parent_run"] as? String
            return
                "\(text("kind")) run number \(text("number")) of \(text("meeting")) (FY \(text("financial_year"))), model version \(text("model_version"))"
                + (parent.map { ", following run \($0)" } ?? "") + ", started \(text("started_at"))"
        case .inputs:
            let counted = (payload["committed_awards"] as? [Any])?.count ?? 0
            var line =
                "meeting \(short(text("meeting_sha256"))), applications \(short(text("applications_sha256")))"
                + ", policy \(short(text("policy_sha256"))), countries \(short(text("countries_sha256")))"
                + "; \(text("applications")) applications; budget \(hundredths("budget"))"
                + ((payload["budget_overridden"] as? Bool) == true ? " (--budget)" : "")
                + "; \(counted) person\(counted == 1 ? "" : "s") with awards counted from the store"
            let declined = list("declined")
            let fixed = list("fixed")
            if !declined.isEmpty { line += "; declined: " + declined.joined(separator: ", ") }
            if !fixed.isEmpty { line += "; \(fixed.count) awards kept" }
            return line
        case .gates:
            let gates = list("gates")
            return "\(text("application")) (\(text("person"))): "
                + (gates.isEmpty ? "eligible" : gates.joined(separator: ", "))
        case .solver_result:
            return
                "\(text("solver")) \(text("version")): \(text("status")), V = \(number("value")), bound \(number("bound")), gap \(number("gap"))"
                + "; \(text("eligible")) eligible, \(text("awards")) awards, spent \(hundredths("spent"))"
                + "; solve \(hundredths("solver_seconds")) s, margins \(hundredths("margin_seconds")) s"
        case .decision:
            let application = text("application")
            let margin = payload["margin"] is NSNumber ? number("margin") : "null"
            switch text("outcome") {
            case "awarded":
                return
                    "\(application): awarded \(text("component")) \(hundredths("cost")) (score \(number("score")), margin \(margin))"
            case "not_awarded":
                return "\(application): not awarded (score \(number("score")), margin \(margin)): "
                    + list("reasons").joined(separator: ", ")
            case "ineligible":
                return "\(application): ineligible: " + list("reasons").joined(separator: ", ")
            default:
                return "\(application): \(text("outcome"))"
            }
        case .run_committed:
            return
                "run committed: \(text("events")) events from event \(text("first_event")), \(text("decisions")) decisions, \(text("awards")) awards"
                + "; run row \(short(text("run_sha256"))), decisions \(short(text("decisions_sha256")))"
        case .decline:
            return
                "\(text("application")) (\(text("person"))) declined the award of run \(text("run")); follow-up run \(text("follow_up_run"))"
        case .explanation_viewed:
            return "explanation of \(text("application")) viewed by \(text("role"))"
                + (payload["token"] is String ? " (token \(text("token")))" : "")
        case .margin:
            let margin = payload["margin"] is NSNumber ? number("margin") : "null"
            return "margin of \(text("application")) (\(text("kind"))): \(margin) by \(text("method"))"
                + ((payload["exact"] as? Bool) == false ? " (not proven)" : "")
                + "; row \(short(text("margin_sha256")))"
        case .token_created:
            return "token \(text("token")) created: role \(text("role"))"
                + (payload["application"] is String
                    ? ", application \(text("application")) of meeting \(text("meeting"))" : "")
        case .token_revoked:
            return "token \(text("token")) revoked (role \(text("role")))"
        case .signed_in:
            return "\(text("role")) token \(text("token")) signed in"
        case .signed_out:
            return "\(text("role")) token \(text("token")) signed out"
        case nil:
            return payload.keys.sorted().joined(separator: ", ")
        }
    }
}
