import FellowshipCore
import FellowshipStore
import Foundation
import HTTPTypes
import Hummingbird

/// The downloads of the pages (docs/service.md, "Downloads"): a run's decisions as CSV for
/// spreadsheets and as decisions.json, its waitlist as CSV, and a meeting's scenario table as
/// CSV and chart as SVG. Each is a GET that the session cookie opens, like a page.
enum DownloadRoutes {
    static func register(_ table: RouteTable) {
        let state = table.state
        let store = state.store

        table.add(.get, "/runs/{run}/decisions.csv", .readers, page: true) { call in
            let run = try await state.run(try call.parameter("run"))
            let anchor = try await state.anchor(of: run.id)
            let text = DecisionsCSV.text(run, withNames: try call.authenticated().role == .secretariat, anchor: anchor)
            return file(text, type: "text/csv; charset=utf-8", name: "decisions-\(run.meetingID)-\(run.number).csv")
        }

        table.add(.get, "/runs/{run}/decisions.json", .readers, page: true) { call in
            let run = try await state.run(try call.parameter("run"))
            let anchor = try await state.anchor(of: run.id)
            return file(
                anchor.attached(to: run.decisionsDocument).document, type: "application/json; charset=utf-8",
                name: "decisions-\(run.meetingID)-\(run.number).json")
        }

        table.add(.get, "/runs/{run}/waitlist.csv", .readers, page: true) { call in
            let run = try await state.run(try call.parameter("run"))
            let entries = try await state.waitlist(run, client: call.client)
            let text = CSVWriter.table(
                header: ["position", "application", "score", "margin", "reasons"],
                rows: entries.map { entry in
                    [
                        String(entry.position), entry.applicant, JSONValue.formatReal(entry.score),
                        entry.margin.map(JSONValue.formatReal) ?? "",
                        DecisionRows.words(outcome: .not_awarded, reasons: entry.reasons),
                    ]
                })
            return file(
                "\u{FEFF}" + text, type: "text/csv; charset=utf-8", name: "waitlist-\(run.meetingID)-\(run.number).csv")
        }

        table.add(.get, "/meetings/{meeting}/scenarios.csv", .readers, page: true) { call in
            let meetingID = try call.parameter("meeting")
            let sweep = try await scenarioQuery(call).run(
                meetingID: meetingID, store: store, pool: state.solver, client: call.client)
            return file("\u{FEFF}" + sweep.csv, type: "text/csv; charset=utf-8", name: "scenarios-\(meetingID).csv")
        }

        table.add(.get, "/meetings/{meeting}/scenarios.svg", .readers, page: true) { call in
            let meetingID = try call.parameter("meeting")
            let sweep = try await scenarioQuery(call).run(
                meetingID: meetingID, store: store, pool: state.solver, client: call.client)
            return file(
                ScenarioChart.svg(sweep), type: "image/svg+xml; charset=utf-8", name: "scenarios-\(meetingID).svg")
        }
    }

    /// The scenario form's query, read as the scenario page reads it (one option per line).
    static func scenarioQuery(_ call: RouteCall) -> ScenarioQuery {
        var query = ScenarioQuery(FormFields(call.request.uri.query))
        query.sets = query.sets.flatMap(PageValues.lines)
        query.variants = query.variants.flatMap(PageValues.lines)
        return query
    }

    /// A download: saved under `name` rather than shown, never cached, never sniffed.
    static func file(_ text: String, type: String, name: String) -> Response {
        let safe = String(
            name.unicodeScalars.map { scalar -> Character in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                        || "-_.".unicodeScalars.contains(scalar))
                    ? Character(scalar) : "_"
            })
        return Response(
            status: .ok,
            headers: [
                .contentType: type,
                .contentDisposition: "attachment; filename=\"\(safe)\"",
                .cacheControl: "no-store",
                .init("X-Content-Type-Options")!: "nosniff",
                // An SVG opened on its own must not run anything.
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; sandbox",
            ], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The decisions as a spreadsheet reads them: one row per application in input order,
/// reasons in words, UTF-8 with a byte-order mark (so spreadsheet programs read non-Latin
/// names), CRLF-free RFC 4180 like the project's other CSV. The name column is there for the
/// secretariat only. A text cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`
/// first) gets a leading apostrophe.
enum DecisionsCSV {
    static func header(withNames: Bool) -> [String] {
        ["application"] + (withNames ? ["name"] : [])
            + ["country", "country_name", "region", "outcome", "component", "cost", "score", "margin", "reasons"]
            + ChainAnchor.csvColumns
    }

    /// - Parameter anchor: the run's chain head as of its commit, the same on every row
    ///   (docs/audit.md, "Anchors"): a kept CSV can later be checked against the store.
    static func text(_ run: StoredRun, withNames: Bool, anchor: ChainAnchor) -> String {
        let rows = DecisionRows.rows(run, withNames: withNames).map { row -> [String] in
            [row.applicant] + (withNames ? [formulaSafe(row.name ?? "")] : [])
                + [
                    row.countryCode, formulaSafe(row.countryName), row.regionCode, row.outcome,
                    row.component?.rawValue ?? "", row.cost?.decimalText ?? "", row.scoreText, row.marginText,
                    row.reasonsText,
                ]
                + anchor.csvFields
        }
        return "\u{FEFF}" + CSVWriter.table(header: header(withNames: withNames), rows: rows)
    }

    static func formulaSafe(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }
}
