import Foundation
import Testing

@testable import FellowshipCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The chart is well-formed SVG, holds every point in every panel with a tooltip, labels its
/// axes, tells variants apart without colour, escapes text, and needs nothing online.
@Suite("Scenario chart")
struct ScenarioChartTests {
    /// Every element of a parsed XML document, with its attributes, text and ancestors' classes.
    final class Elements: NSObject, XMLParserDelegate {
        struct Element {
            var name: String
            var attributes: [String: String]
            var text = ""
            var parents: [String]
            var children: [Int] = []
        }

        var all: [Element] = []
        var stack: [Int] = []
        var error: (any Error)?

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let parents = stack.map { all[$0].attributes["class"] ?? all[$0].name }
            all.append(Element(name: name, attributes: attributes, parents: parents))
            if let parent = stack.last { all[parent].children.append(all.count - 1) }
            stack.append(all.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let current = stack.last { all[current].text += string }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { error = parseError }

        static func parse(_ text: String) throws -> Elements {
            let parser = XMLParser(data: Data(text.utf8))
            let elements = Elements()
            parser.delegate = elements
            let ok = parser.parse()
            #expect(ok, "the SVG does not parse: \(String(describing: elements.error ?? parser.parserError))")
            return elements
        }

        func withClass(_ name: String) -> [Element] { all.filter { $0.attributes["class"] == name } }

        func title(of element: Element) -> String? {
            element.children.map { all[$0] }.first { $0.name == "title" }?.text
        }
    }

    @Test("well-formed SVG with one marker per point per panel, each with a tooltip")
    func everyPoint() throws {
        let sweep = try ScenarioSweepTests.sweep()
        let svg = ScenarioChart.svg(sweep)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let elements = try Elements.parse(svg)
        #expect(elements.error == nil)
        #expect(elements.all.first?.name == "svg")
        let panels = elements.withClass("panel")
        #expect(panels.count == 4)
        let markers = elements.withClass("marker")
        #expect(markers.count == 4 * sweep.points.count)
        #expect(markers.count == 4 * 3 * ScenarioSweepTests.budgets.count)
        // Panel by panel, variant by variant, budget by budget; each tooltip names its point.
        for (panel, titleStart) in ["V = ", "", "", ""].enumerated() {
            let inPanel = Array(markers[(panel * sweep.points.count)..<((panel + 1) * sweep.points.count)])
            for (marker, point) in zip(inPanel, sweep.points) {
                let title = try #require(elements.title(of: marker))
                #expect(
                    title.hasPrefix(
                        "\(point.variant), budget \(AllocationTable.grouped(point.budget)) CHF: \(titleStart)"))
            }
        }
        let vTitles = markers.prefix(sweep.points.count).map { elements.title(of: $0)! }
        #expect(vTitles[3] == "base, budget 3,000.50 CHF: V = \(JSONValue.formatReal(sweep.points[3].value))")
        let women = markers[(2 * sweep.points.count)...].prefix(sweep.points.count).map { elements.title(of: $0)! }
        #expect(women[0] == "base, budget 0.00 CHF: no awards: no share")
        let last = sweep.points(of: "base").last!
        #expect(
            women[ScenarioSweepTests.budgets.count - 1]
                == "base, budget 25,000.00 CHF: \(JSONValue.formatReal((last.womenPercent! * 10).rounded() / 10)) % women (\(last.women) of \(last.awards))"
        )
        // A point without awards has no share: drawn hollow on the axis, not joined by the line.
        #expect(markers[2 * sweep.points.count].attributes["fill"] == "#ffffff")
        #expect(markers[0].attributes["fill"] == "#0072B2")
    }

    @Test("markers go right with the budget and up with V")
    func positions() throws {
        let sweep = try ScenarioSweepTests.sweep()
        let elements = try Elements.parse(ScenarioChart.svg(sweep))
        let markers = elements.withClass("marker").prefix(ScenarioSweepTests.budgets.count)
        // The first coordinate pair of each base circle: "M<x - r>,<y>".
        let positions = markers.map { marker -> (Double, Double) in
            let d = marker.attributes["d"]!.dropFirst()
            let pair = d.prefix { $0 != "a" }.split(separator: ",")
            return (Double(pair[0])!, Double(pair[1])!)
        }
        for (left, right) in zip(positions, positions.dropFirst()) {
            #expect(right.0 > left.0)
            #expect(right.1 <= left.1)
        }
        #expect(positions.last!.1 < positions.first!.1)
    }

    @Test("labelled axes, titles, and a legend that tells variants apart by colour, dash and marker")
    func labels() throws {
        let sweep = try ScenarioSweepTests.sweep()
        let elements = try Elements.parse(ScenarioChart.svg(sweep))
        let texts = elements.all.filter { $0.name == "text" }.map(\.text)
        for label in [
            "Objective value V", "Fellowships awarded", "Women's share of awards", "Countries covered",
            "V (score points)", "awards", "% of awards", "countries with an award",
        ] {
            #expect(texts.contains(label), "missing \(label)")
        }
        #expect(texts.filter { $0 == "budget (CHF)" }.count == 4)
        #expect(texts.contains("0") && texts.contains("25,000") && texts.contains("100"))
        #expect(
            elements.all.first { $0.name == "title" }?.text
                == "Budget scenarios: ITU-T Study Group 20 meeting (SG20-2020-07)")
        let legend = elements.withClass("legend-entry")
        #expect(legend.count == 3)
        let legendTexts = legend.map { entry in
            entry.children.map { elements.all[$0] }.first { $0.name == "text" }!.text
        }
        #expect(
            legendTexts == [
                "base (saturation 17,070.75 CHF)",
                "cap1 (saturation \(AllocationTable.grouped(sweep.saturation[1].budget!)) CHF)",
                "women (saturation \(AllocationTable.grouped(sweep.saturation[2].budget!)) CHF)",
            ])
        let samples = legend.map { entry in entry.children.map { elements.all[$0] } }
        let dashes = samples.map { $0.first { $0.name == "line" }!.attributes["stroke-dasharray"] ?? "solid" }
        let colours = samples.map { $0.first { $0.name == "line" }!.attributes["stroke"]! }
        let shapes = samples.map { $0.first { $0.name == "path" }!.attributes["d"]!.filter(\.isLetter) }
        #expect(Set(dashes).count == 3 && Set(colours).count == 3 && Set(shapes).count == 3)
        // The series lines carry the same dash patterns; the saturation budgets are marked.
        let series = elements.withClass("series")
        #expect(Set(series.map { $0.attributes["stroke-dasharray"] ?? "solid" }) == Set(dashes))
        #expect(elements.withClass("saturation").count == 4 * 3)
        // The variants' gender targets differ (0.5 and 0.6): no single target line is drawn.
        #expect(elements.withClass("target").isEmpty)
        // White background, generic font, no external resource or script.
        #expect(elements.all.first!.attributes["font-family"] == "sans-serif")
        #expect(elements.all.contains { $0.name == "rect" && $0.attributes["fill"] == "#ffffff" })
        let svg = ScenarioChart.svg(sweep)
        #expect(!svg.contains("<script") && !svg.contains("href") && !svg.contains("<image"))
    }

    @Test("text is escaped: a variant name with markup characters stays text")
    func escaping() throws {
        let inputs = try ScenarioSweepTests.inputs()
        let name = "cap <1> & \"quoted\" 'x'"
        let sweep = try ScenarioSimulator.run(
            inputs: inputs, variants: [ScenarioVariant(name: name, policy: Policy())],
            budgets: [Money(cents: 300_000), Money(cents: 600_000)])
        let svg = ScenarioChart.svg(sweep)
        #expect(svg.contains("cap &lt;1&gt; &amp; &quot;quoted&quot; &#39;x&#39;"))
        let elements = try Elements.parse(svg)
        #expect(elements.withClass("marker").count == 8)
        // One variant: its gender target is drawn in the women's panel.
        #expect(elements.withClass("target").count == 1)
        #expect(elements.all.contains { $0.name == "text" && $0.text == "target 50 %" })
        #expect(elements.title(of: elements.withClass("marker")[0])!.hasPrefix(name + ", budget 3,000.00 CHF: V = "))
    }

    @Test("the HTML page holds the same SVG inline and needs nothing online")
    func html() throws {
        let sweep = try ScenarioSweepTests.sweep()
        let page = ScenarioChart.html(sweep)
        #expect(
            page.hasPrefix(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Budget scenarios: ITU-T Study Group 20 meeting (SG20-2020-07)</title>"
            ))
        let svg = ScenarioChart.svg(sweep)
        let element = String(svg[svg.range(of: "<svg")!.lowerBound...])
        #expect(page.contains(element))
        #expect(page.hasSuffix("</body>\n</html>\n"))
        #expect(!page.contains("<script") && !page.contains("href") && !page.contains("src="))
        let start = page.range(of: "<svg")!.lowerBound
        let end = page.range(of: "</svg>")!.upperBound
        let inline = try Elements.parse(String(page[start..<end]))
        #expect(inline.withClass("marker").count == 4 * sweep.points.count)
    }

    @Test("round ticks cover the range")
    func ticks() {
        #expect(ScenarioChart.ticks(lower: 40_000, upper: 100_000, count: 5) == [40_000, 60_000, 80_000, 100_000])
        #expect(ScenarioChart.ticks(lower: 0, upper: 148, count: 5) == [0, 50, 100, 150])
        #expect(ScenarioChart.ticks(lower: 5, upper: 5, count: 5) == [4, 4.5, 5, 5.5, 6])
        #expect(ScenarioChart.label(25_000, ticks: [0, 5_000]) == "25,000")
        #expect(ScenarioChart.label(4.5, ticks: [4, 4.5]) == "4.5")
    }
}
