import FellowshipCore
import Foundation

/// The summary above a run's decisions: money spent against the budget, awards by region
/// against the region targets, women's share against the gender target, countries covered.
/// Each is a small SVG bar chart drawn from the numbers alone (no names), with the same
/// numbers in text beside it, so nothing depends on seeing the chart.
struct DecisionSummary {
    struct Figure {
        var id: String
        var title: String
        var svg: String
        /// The figure's numbers, one sentence each.
        var lines: [String]
    }

    var figures: [Figure] = []

    init(_ run: StoredRun) {
        let result = run.result
        let problem = result.problem
        let tally = result.tally
        let currency = run.inputs.meeting.currency
        let english = Language.en.pack

        // Money.
        let spent = tally.spent
        let budget = problem.budget
        let spentShare = budget.cents > 0 ? Double(spent.cents) / Double(budget.cents) : 0
        figures.append(
            Figure(
                id: "money", title: "Money spent against the budget",
                svg: Self.bars(
                    id: "money", title: "Money spent against the budget",
                    rows: [
                        Bar(label: "Spent", value: spentShare, target: 1, text: Self.percent(spentShare))
                    ], scale: 1, targetLabel: "budget"),
                lines: [
                    "Spent \(english.money(spent, currency: currency)) of the budget of \(english.money(budget, currency: currency)) (\(Self.percent(spentShare))); \(english.money(budget - spent, currency: currency)) left."
                ]))

        // Regions.
        let awards = tally.awards
        var regionRows: [Bar] = []
        var regionLines: [String] = []
        for region in Region.allCases {
            let count = tally.perRegion[region] ?? 0
            let share = problem.share(region)
            guard count > 0 || share > 0 else { continue }
            let target = share * Double(awards)
            regionRows.append(Bar(label: region.rawValue, value: Double(count), target: target, text: "\(count)"))
            regionLines.append(
                "\(region.englishName == region.rawValue ? region.rawValue : "\(region.englishName) (\(region.rawValue))"): \(count) award\(count == 1 ? "" : "s"); target \(Self.decimal(target)) (share \(Self.percent(share)) of \(awards) awards)."
            )
        }
        let regionScale = max(1, regionRows.map { max($0.value, $0.target ?? 0) }.max() ?? 1)
        figures.append(
            Figure(
                id: "regions", title: "Awards by region against the region targets",
                svg: Self.bars(
                    id: "regions", title: "Awards by region against the region targets", rows: regionRows,
                    scale: regionScale, targetLabel: "target"),
                lines: regionLines.isEmpty ? ["No awards and no region targets."] : regionLines))

        // Women.
        let womenShare = awards > 0 ? Double(tally.women) / Double(awards) : 0
        figures.append(
            Figure(
                id: "women", title: "Women's share against the gender target",
                svg: Self.bars(
                    id: "women", title: "Women's share against the gender target",
                    rows: [
                        Bar(
                            label: "Women", value: womenShare, target: problem.genderTarget,
                            text: Self.percent(womenShare))
                    ], scale: 1, targetLabel: "target"),
                lines: [
                    "\(tally.women) of \(awards) awards went to women (\(Self.percent(womenShare))); the gender target is \(Self.percent(problem.genderTarget))."
                ]))

        // Countries.
        let eligibleCountries = Set(problem.candidates.map(\.country)).count
        let covered = tally.coveredCountries
        let coveredShare = eligibleCountries > 0 ? Double(covered) / Double(eligibleCountries) : 0
        figures.append(
            Figure(
                id: "countries", title: "Countries covered",
                svg: Self.bars(
                    id: "countries", title: "Countries covered",
                    rows: [
                        Bar(
                            label: "Covered", value: coveredShare, target: nil,
                            text: "\(covered) of \(eligibleCountries)")
                    ], scale: 1, targetLabel: ""),
                lines: [
                    "\(covered) of the \(eligibleCountries) countries with an eligible application received at least one award (\(Self.percent(coveredShare)))."
                ]))
    }

    var values: [[String: Any]] {
        figures.map { ["id": $0.id, "title": $0.title, "svg": $0.svg, "lines": $0.lines] }
    }

    struct Bar {
        var label: String
        var value: Double
        var target: Double?
        var text: String
    }

    /// A horizontal bar chart: one bar per row, a dark mark at each target.
    static func bars(id: String, title: String, rows: [Bar], scale: Double, targetLabel: String) -> String {
        let width = 360.0
        let left = 70.0
        let right = 70.0
        let rowHeight = 26.0
        let plot = width - left - right
        let height = Double(max(rows.count, 1)) * rowHeight + 24
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"chart-\(id)-title\">"
        svg += "<title id=\"chart-\(id)-title\">\(escape(title))</title>"
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 4
            let length = scale > 0 ? min(1, max(0, row.value / scale)) * plot : 0
            svg +=
                "<text x=\"\(Int(left - 6))\" y=\"\(format(y + 15))\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a1a1a\">\(escape(row.label))</text>"
            svg +=
                "<rect x=\"\(Int(left))\" y=\"\(format(y + 3))\" width=\"\(format(plot))\" height=\"16\" fill=\"#e8e8e8\"/>"
            svg +=
                "<rect x=\"\(Int(left))\" y=\"\(format(y + 3))\" width=\"\(format(length))\" height=\"16\" fill=\"#1a4d8f\"/>"
            if let target = row.target, scale > 0 {
                let x = left + min(1, max(0, target / scale)) * plot
                svg += "<rect x=\"\(format(x - 1.5))\" y=\"\(format(y))\" width=\"3\" height=\"22\" fill=\"#a30000\"/>"
            }
            svg +=
                "<text x=\"\(format(left + plot + 6))\" y=\"\(format(y + 15))\" font-size=\"12\" fill=\"#1a1a1a\">\(escape(row.text))</text>"
        }
        if rows.contains(where: { $0.target != nil }) && !targetLabel.isEmpty {
            svg += "<rect x=\"\(Int(left))\" y=\"\(format(height - 14))\" width=\"3\" height=\"12\" fill=\"#a30000\"/>"
            svg +=
                "<text x=\"\(Int(left + 8))\" y=\"\(format(height - 4))\" font-size=\"11\" fill=\"#1a1a1a\">red mark: \(escape(targetLabel))</text>"
        }
        return svg + "</svg>"
    }

    /// The pages' one escaping (per Unicode scalar, bidi controls shown as codes).
    static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func percent(_ share: Double) -> String { String(format: "%.1f %%", share * 100) }

    static func decimal(_ value: Double) -> String { String(format: "%.2f", value) }
}
