import FellowshipCore
import Foundation
import Testing

/// The outputs of a stored run besides decisions.json carry its anchor (issue #11, point 17):
/// the decisions CSV and the letters, and `ChainAnchor.read(fromFile:)` finds it in each.
@Suite("chain anchors in CSV and HTML outputs")
struct ChainAnchorCarrierTests {
    static let anchor = ChainAnchor(seq: 412, hash: String(repeating: "ab", count: 32))

    @Test("a CSV with the anchor columns on every row carries the anchor; mixed or missing values carry none")
    func csv() {
        let header = "application,name,reasons," + ChainAnchor.csvColumns.joined(separator: ",")
        let fields = Self.anchor.csvFields.joined(separator: ",")
        let good =
            "\u{FEFF}\(header)\nA-0001,\"Name, with comma\nand a line break\",budget,\(fields)\nA-0002,Other,,\(fields)\n"
        #expect(ChainAnchor.read(fromFile: Array(good.utf8)) == Self.anchor)
        let other = ChainAnchor(seq: 7, hash: String(repeating: "cd", count: 32)).csvFields.joined(separator: ",")
        let mixed = "\(header)\nA-0001,x,,\(fields)\nA-0002,y,,\(other)\n"
        #expect(ChainAnchor.read(fromFile: Array(mixed.utf8)) == nil)
        #expect(ChainAnchor.read(fromFile: Array("application,name\nA-0001,x\n".utf8)) == nil)
        #expect(ChainAnchor.read(fromFile: Array("\(header)\nA-0001,x,,0,\(Self.anchor.hash)\n".utf8)) == nil)
    }

    @Test("a letter document carries the anchor in a meta element; a page without it carries none")
    func html() {
        let page = "<!DOCTYPE html><html><head>\(Self.anchor.htmlMeta)<title>t</title></head><body></body></html>"
        #expect(ChainAnchor.read(fromFile: Array(page.utf8)) == Self.anchor)
        #expect(ChainAnchor.read(fromFile: Array("<!DOCTYPE html><html><head></head></html>".utf8)) == nil)
        #expect(
            ChainAnchor.read(fromFile: Array("<meta name=\"fellowship-chain-head\" content=\"12 nothex\">".utf8)) == nil
        )
    }

    @Test("decisions.json keeps carrying it as chain_head")
    func json() {
        let document = Self.anchor.attached(to: .object([("run_id", .string("r"))])).document
        #expect(ChainAnchor.read(fromFile: Array(document.utf8)) == Self.anchor)
    }
}
