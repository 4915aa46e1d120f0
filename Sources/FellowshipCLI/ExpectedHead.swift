import ArgumentParser
import FellowshipCore
import Foundation

/// Reads `audit verify --expect-head`: a bare event hash (64 hex digits) noted earlier, or a
/// file that carries an anchor, such as a stored run's decisions.json (docs/audit.md, "Anchors").
enum ExpectedHead {
    /// The anchor in the file `value`, or nil when `value` is a bare hash.
    /// Exits 66 when the file cannot be read, 65 when it carries no anchor.
    static func anchor(_ value: String) throws -> ChainAnchor? {
        if ChainAnchor.isHash(value) { return nil }
        guard let data = FileManager.default.contents(atPath: value) else {
            Terminal.printError("--expect-head: \(value): neither a 64-digit event hash nor a readable file")
            throw ExitCode(StoreTerminal.noInputStatus)
        }
        guard let anchor = ChainAnchor.read(fromFile: [UInt8](data)) else {
            Terminal.printError(
                "\(value):1: chain_head: no anchor found; a stored run's decisions.json carries one as "
                    + "\"chain_head\": {\"seq\": N, \"sha256\": \"…\"}, its decisions CSV as the columns chain_head_seq and "
                    + "chain_head_sha256, its letters as <meta name=\"fellowship-chain-head\">")
            throw ExitCode(Terminal.dataErrorStatus)
        }
        return anchor
    }
}
