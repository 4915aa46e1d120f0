import Foundation

/// The other outputs of a stored run that carry its anchor besides decisions.json
/// (docs/audit.md, "Anchors"): the decisions CSV, as two trailing columns on every row, and
/// the HTML of the decision letters and pages, as a `meta` element. `audit verify
/// --expect-head FILE` reads any of them.
extension ChainAnchor {
    /// The CSV columns that carry the anchor, last on every row of the decisions CSV.
    public static let csvColumns = ["chain_head_seq", "chain_head_sha256"]

    /// The values of `csvColumns` for this anchor.
    public var csvFields: [String] { [String(seq), hash] }

    /// The name of the HTML `meta` element that carries the anchor.
    public static let metaName = "fellowship-chain-head"

    /// `<meta name="fellowship-chain-head" content="SEQ SHA256">`: only digits, a space and hex,
    /// so nothing in it needs escaping.
    public var htmlMeta: String { "<meta name=\"\(Self.metaName)\" content=\"\(seq) \(hash)\">" }

    /// The anchor any output of a stored run carries: decisions.json (`chain_head`), the
    /// decisions CSV (`chain_head_seq` and `chain_head_sha256` columns, the same on every row),
    /// or an HTML letter or page (`meta` element). Nil when `bytes` carry none.
    public static func read(fromFile bytes: [UInt8]) -> ChainAnchor? {
        read(fromDocument: bytes) ?? read(fromCSV: bytes) ?? read(fromHTML: bytes)
    }

    /// The anchor of a CSV whose header has the two anchor columns; every record must carry
    /// the same one (a CSV pieced together from two runs carries none).
    static func read(fromCSV bytes: [UInt8]) -> ChainAnchor? {
        var problems = ProblemCollector(file: "csv")
        guard let table = CSVTable.document(bytes, file: "csv", problems: &problems),
            let seqColumn = table.header.firstIndex(of: csvColumns[0]),
            let hashColumn = table.header.firstIndex(of: csvColumns[1])
        else { return nil }
        var found: ChainAnchor?
        for record in table.records {
            guard record.fields.count > max(seqColumn, hashColumn),
                let seq = Int64(record.fields[seqColumn]), seq > 0, isHash(record.fields[hashColumn])
            else { return nil }
            let anchor = ChainAnchor(seq: seq, hash: record.fields[hashColumn])
            if let found, found != anchor { return nil }
            found = anchor
        }
        return found
    }

    /// The anchor of an HTML document with the `meta` element of `htmlMeta`.
    static func read(fromHTML bytes: [UInt8]) -> ChainAnchor? {
        let text = String(decoding: bytes.prefix(1 << 20), as: UTF8.self)
        guard let start = text.range(of: "<meta name=\"\(metaName)\" content=\"") else { return nil }
        let content = text[start.upperBound...].prefix { $0 != "\"" }
        let parts = content.split(separator: " ")
        guard parts.count == 2, let seq = Int64(parts[0]), seq > 0, isHash(String(parts[1])) else { return nil }
        return ChainAnchor(seq: seq, hash: String(parts[1]))
    }
}
