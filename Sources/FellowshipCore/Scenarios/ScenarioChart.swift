/// The chart of a sweep (`simulate --chart`): V, awards, women's share of awards and countries
/// covered against the budget, in four panels, one line per variant.
///
/// Hand-written SVG with no script, no external font and no external reference, so it opens
/// offline in any browser and prints as it shows. Variants differ by colour (a palette safe
/// for colour-blind readers), dash pattern and marker shape at once, so they stay apart in
/// black-and-white print. Every point is a marker (`class="marker"`) with a `<title>`
/// tooltip; a variant's saturation budget is a thin vertical rule (`class="saturation"`).
public enum ScenarioChart {
    public static let width = 1000.0

    struct Style {
        var colour: String
        var dash: String
        var marker: Int
        var hollow: Bool
    }

    static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
    static let dashes = ["", "9 4", "2 3", "10 3 2 3", "5 5", "14 3 2 3 2 3"]
    static let markerNames = ["circle", "square", "triangle", "diamond", "inverted triangle", "cross"]

    static func style(_ index: Int) -> Style {
        Style(
            colour: colours[index % colours.count], dash: dashes[index % dashes.count],
            marker: index % markerNames.count, hollow: (index / markerNames.count) % 2 == 1)
    }

    struct Panel {
        var title: String
        var axis: String
        /// The plotted value of a point, nil where it is undefined (women's share without awards).
        var value: (ScenarioPoint) -> Double?
        var tooltip: (ScenarioPoint) -> String
        /// A fixed vertical range (percentages), else from 0 (or the least value) to the greatest.
        var fixed: ClosedRange<Double>?
    }

    /// The chart as a standalone SVG document.
    public static func svg(_ sweep: ScenarioSweep) -> String {
        svgElement(sweep, standalone: true)
    }

    /// A minimal HTML page holding the same SVG inline (no script, nothing fetched).
    public static func html(_ sweep: ScenarioSweep) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title(sweep)))</title>
        <style>body { margin: 16px; background: #ffffff; color: #000000; font-family: sans-serif; } svg { max-width: 100%; height: auto; }</style>
        </head>
        <body>
        \(svgElement(sweep, standalone: false))</body>
        </html>

        """
    }

    static func title(_ sweep: ScenarioSweep) -> String {
        "Budget scenarios: \(sweep.meetingTitle) (\(sweep.meetingID))"
    }

    static func svgElement(_ sweep: ScenarioSweep, standalone: Bool) -> String {
        let currency = sweep.currency
        let money = { (amount: Money) in AllocationTable.grouped(amount) + " " + currency }
        let panels = [
            Panel(
                title: "Objective value V", axis: "V (score points)", value: { $0.value },
                tooltip: { "V = \(JSONValue.formatReal($0.value))" }, fixed: nil),
            Panel(
                title: "Fellowships awarded", axis: "awards", value: { Double($0.awards) },
                tooltip: { "\($0.awards) awards, \(money($0.spent)) spent" }, fixed: nil),
            Panel(
                title: "Women's share of awards", axis: "% of awards", value: { $0.womenPercent },
                tooltip: { point in
                    point.womenPercent.map {
                        "\(JSONValue.formatReal(($0 * 10).rounded() / 10)) % women (\(point.women) of \(point.awards))"
                    }
                        ?? "no awards: no share"
                }, fixed: 0...100),
            Panel(
                title: "Countries covered", axis: "countries with an award", value: { Double($0.countries) },
                tooltip: { "\($0.countries) countries" }, fixed: nil),
        ]
        let variants = sweep.variants.map(\.name)
        let legendColumns = 3
        let legendRows = (variants.count + legendColumns - 1) / legendColumns
        let legendTop = 84.0
        let panelsTop = legendTop + Double(legendRows) * 24 + 12
        let panelWidth = width / 2
        let panelHeight = 330.0
        let height = panelsTop + 2 * panelHeight + 10

        var out = ""
        if standalone { out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" }
        out +=
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"sans-serif\" font-size=\"13\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">\n"
        out += "<title id=\"chart-title\">\(escape(title(sweep)))</title>\n"
        out +=
            "<desc id=\"chart-desc\">V, awards, women's share of awards and countries covered against the budget in \(escape(currency)), one line per policy variant; every point is the proven optimum of the allocation model at that budget.</desc>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        out +=
            "<text x=\"24\" y=\"34\" font-size=\"20\" font-weight=\"bold\" fill=\"#000000\">\(escape(title(sweep)))</text>\n"
        out +=
            "<text x=\"24\" y=\"58\" font-size=\"13\" fill=\"#333333\">\(escape("\(sweep.applications) applications, \(sweep.eligible) eligible; budgets in \(currency); each point is a proven optimum (dotted rule: saturation budget)"))</text>\n"

        // Legend.
        out += "<g class=\"legend\">\n"
        let saturation = Dictionary(sweep.saturation.map { ($0.variant, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, name) in variants.enumerated() {
            let style = style(index)
            let x = 24 + Double(index % legendColumns) * 320
            let y = legendTop + Double(index / legendColumns) * 24
            out += "<g class=\"legend-entry\">"
            out += "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 40))\" y2=\"\(n(y))\" \(stroke(style))/>"
            out += marker(style, x: x + 20, y: y, title: nil)
            var label = name
            if let entry = saturation[name], let budget = entry.budget {
                label += " (saturation " + money(budget) + ")"
            }
            out += "<text x=\"\(n(x + 50))\" y=\"\(n(y + 4.5))\" fill=\"#000000\">\(escape(label))</text>"
            out += "</g>\n"
        }
        out += "</g>\n"

        // X domain: the budgets, widened to whole ticks.
        let budgets = sweep.budgets.map(\.approximateValue)
        let xTicks = ticks(lower: budgets.min() ?? 0, upper: budgets.max() ?? 1, count: 5)
        let xDomain = xTicks.first!...xTicks.last!

        for (panelIndex, panel) in panels.enumerated() {
            let left = Double(panelIndex % 2) * panelWidth
            let top = panelsTop + Double(panelIndex / 2) * panelHeight
            let plot = (x: left + 78, y: top + 34, width: panelWidth - 78 - 28, height: panelHeight - 34 - 62)
            let values = sweep.points.compactMap(panel.value)
            let yTicks: [Double]
            if let fixed = panel.fixed {
                yTicks = stride(
                    from: fixed.lowerBound, through: fixed.upperBound, by: (fixed.upperBound - fixed.lowerBound) / 4
                ).map { $0 }
            } else {
                yTicks = ticks(
                    lower: min(0, values.min() ?? 0), upper: max(values.max() ?? 1, min(0, values.min() ?? 0) + 1),
                    count: 5)
            }
            let yDomain = yTicks.first!...yTicks.last!
            func px(_ value: Double) -> Double {
                plot.x + (value - xDomain.lowerBound) / (xDomain.upperBound - xDomain.lowerBound) * plot.width
            }
            func py(_ value: Double) -> Double {
                plot.y + plot.height - (value - yDomain.lowerBound) / (yDomain.upperBound - yDomain.lowerBound)
                    * plot.height
            }
            out += "<g class=\"panel\" id=\"panel-\(panelIndex + 1)\">\n"
            out +=
                "<text x=\"\(n(plot.x))\" y=\"\(n(top + 22))\" font-size=\"15\" font-weight=\"bold\" fill=\"#000000\">\(escape(panel.title))</text>\n"
            // Grid, ticks and tick labels.
            for tick in yTicks {
                out +=
                    "<line x1=\"\(n(plot.x))\" y1=\"\(n(py(tick)))\" x2=\"\(n(plot.x + plot.width))\" y2=\"\(n(py(tick)))\" stroke=\"#d9d9d9\" stroke-width=\"1\"/>"
                out +=
                    "<text x=\"\(n(plot.x - 8))\" y=\"\(n(py(tick) + 4.5))\" text-anchor=\"end\" fill=\"#000000\">\(escape(label(tick, ticks: yTicks)))</text>\n"
            }
            for tick in xTicks {
                out +=
                    "<line x1=\"\(n(px(tick)))\" y1=\"\(n(plot.y + plot.height))\" x2=\"\(n(px(tick)))\" y2=\"\(n(plot.y + plot.height + 5))\" stroke=\"#000000\" stroke-width=\"1\"/>"
                out +=
                    "<text x=\"\(n(px(tick)))\" y=\"\(n(plot.y + plot.height + 20))\" text-anchor=\"middle\" fill=\"#000000\">\(escape(label(tick, ticks: xTicks)))</text>\n"
            }
            // Axes.
            out +=
                "<line x1=\"\(n(plot.x))\" y1=\"\(n(plot.y))\" x2=\"\(n(plot.x))\" y2=\"\(n(plot.y + plot.height))\" stroke=\"#000000\" stroke-width=\"1.2\"/>"
            out +=
                "<line x1=\"\(n(plot.x))\" y1=\"\(n(plot.y + plot.height))\" x2=\"\(n(plot.x + plot.width))\" y2=\"\(n(plot.y + plot.height))\" stroke=\"#000000\" stroke-width=\"1.2\"/>\n"
            out +=
                "<text x=\"\(n(plot.x + plot.width / 2))\" y=\"\(n(plot.y + plot.height + 42))\" text-anchor=\"middle\" fill=\"#000000\">\(escape("budget (\(currency))"))</text>\n"
            let axisX = left + 18
            let axisY = plot.y + plot.height / 2
            out +=
                "<text x=\"\(n(axisX))\" y=\"\(n(axisY))\" text-anchor=\"middle\" transform=\"rotate(-90 \(n(axisX)) \(n(axisY)))\" fill=\"#000000\">\(escape(panel.axis))</text>\n"
            // The gender target, when every variant has the same one.
            let targets = Set(sweep.variants.map(\.policy.genderTarget))
            if panel.fixed != nil, targets.count == 1, let target = targets.first, target > 0 {
                let y = py(100 * target)
                out +=
                    "<line class=\"target\" x1=\"\(n(plot.x))\" y1=\"\(n(y))\" x2=\"\(n(plot.x + plot.width))\" y2=\"\(n(y))\" stroke=\"#555555\" stroke-width=\"1.2\" stroke-dasharray=\"6 3\"/>"
                out +=
                    "<text x=\"\(n(plot.x + plot.width - 4))\" y=\"\(n(y - 6))\" text-anchor=\"end\" fill=\"#333333\">\(escape("target \(JSONValue.formatReal(100 * target)) %"))</text>\n"
            }
            // Saturation rules, lines and markers, variant by variant.
            for (index, name) in variants.enumerated() {
                let style = style(index)
                let points = sweep.points(of: name)
                if let budget = saturation[name]?.budget?.approximateValue, xDomain.contains(budget) {
                    out +=
                        "<line class=\"saturation\" x1=\"\(n(px(budget)))\" y1=\"\(n(plot.y))\" x2=\"\(n(px(budget)))\" y2=\"\(n(plot.y + plot.height))\" stroke=\"\(style.colour)\" stroke-width=\"1\" stroke-dasharray=\"1 3\"><title>\(escape("\(name): saturation budget \(money(saturation[name]!.budget!))"))</title></line>\n"
                }
                var segments: [[String]] = [[]]
                for point in points {
                    if let value = panel.value(point) {
                        segments[segments.count - 1].append("\(n(px(point.budget.approximateValue))),\(n(py(value)))")
                    } else if !segments[segments.count - 1].isEmpty {
                        segments.append([])
                    }
                }
                for segment in segments where segment.count > 1 {
                    out +=
                        "<polyline class=\"series\" points=\"\(segment.joined(separator: " "))\" fill=\"none\" \(stroke(style))/>\n"
                }
                for point in points {
                    let value = panel.value(point)
                    let tooltip = "\(name), budget \(money(point.budget)): \(panel.tooltip(point))"
                    var shown = style
                    if value == nil { shown.hollow = true }
                    out +=
                        marker(
                            shown, x: px(point.budget.approximateValue), y: py(value ?? yDomain.lowerBound),
                            title: tooltip) + "\n"
                }
            }
            out += "</g>\n"
        }
        out += "</svg>\n"
        return out
    }

    static func stroke(_ style: Style) -> String {
        "stroke=\"\(style.colour)\" stroke-width=\"2.2\""
            + (style.dash.isEmpty ? "" : " stroke-dasharray=\"\(style.dash)\"")
    }

    /// A marker of the variant's shape at (x, y), as one `<path class="marker">`.
    static func marker(_ style: Style, x: Double, y: Double, title: String?) -> String {
        let r = 4.6
        let d: String
        switch style.marker {
        case 0: d = "M\(n(x - r)),\(n(y))a\(n(r)),\(n(r)) 0 1,0 \(n(2 * r)),0a\(n(r)),\(n(r)) 0 1,0 \(n(-2 * r)),0Z"
        case 1: d = "M\(n(x - r)),\(n(y - r))h\(n(2 * r))v\(n(2 * r))h\(n(-2 * r))Z"
        case 2:
            d =
                "M\(n(x)),\(n(y - 1.25 * r))L\(n(x + 1.15 * r)),\(n(y + 0.85 * r))L\(n(x - 1.15 * r)),\(n(y + 0.85 * r))Z"
        case 3:
            d =
                "M\(n(x)),\(n(y - 1.3 * r))L\(n(x + 1.3 * r)),\(n(y))L\(n(x)),\(n(y + 1.3 * r))L\(n(x - 1.3 * r)),\(n(y))Z"
        case 4:
            d =
                "M\(n(x)),\(n(y + 1.25 * r))L\(n(x + 1.15 * r)),\(n(y - 0.85 * r))L\(n(x - 1.15 * r)),\(n(y - 0.85 * r))Z"
        default:
            let a = 0.45 * r
            let b = 1.2 * r
            d =
                "M\(n(x - a)),\(n(y - b))h\(n(2 * a))v\(n(b - a))h\(n(b - a))v\(n(2 * a))h\(n(a - b))v\(n(b - a))h\(n(-2 * a))v\(n(a - b))h\(n(a - b))v\(n(-2 * a))h\(n(b - a))Z"
        }
        let fill = style.hollow ? "#ffffff" : style.colour
        let titleElement = title.map { "<title>\(escape($0))</title>" } ?? ""
        let cls = title == nil ? "legend-marker" : "marker"
        return
            "<path class=\"\(cls)\" d=\"\(d)\" fill=\"\(fill)\" stroke=\"\(style.colour)\" stroke-width=\"1.6\">\(titleElement)</path>"
    }

    /// About `count` round tick values (1, 2 or 5 times a power of ten apart) covering
    /// `lower...upper`, first and last included.
    static func ticks(lower: Double, upper: Double, count: Int) -> [Double] {
        var lower = lower
        var upper = upper
        if upper <= lower {
            let pad = max(1, abs(lower) * 0.1)
            lower -= pad
            upper += pad
        }
        let raw = (upper - lower) / Double(max(1, count))
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        let first = (lower / step).rounded(.down) * step
        let last = (upper / step).rounded(.up) * step
        let steps = Int(((last - first) / step).rounded())
        return (0...steps).map { first + Double($0) * step }
    }

    /// A tick label: whole numbers with thousands separators, else as few decimals as needed.
    static func label(_ value: Double, ticks: [Double]) -> String {
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        if step >= 1 || value == value.rounded() {
            let whole = Int64(value.rounded())
            let grouped = AllocationTable.grouped(Money(cents: abs(whole) * 100))
            return (whole < 0 ? "-" : "") + String(grouped.dropLast(3))
        }
        return JSONValue.formatReal((value * 1_000_000).rounded() / 1_000_000)
    }

    /// A coordinate with at most two decimals.
    static func n(_ value: Double) -> String { JSONValue.formatReal((value * 100).rounded() / 100) }

    /// Text for SVG/HTML character data and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
