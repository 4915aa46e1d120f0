import Crypto

/// Lowercase hexadecimal text of bytes, and of their SHA-256: the one encoder behind input
/// hashes, the audit chain, session ids and access tokens, so that every hash the project
/// prints or stores is spelled the same way (64 lowercase digits for a SHA-256).
public enum Hexadecimal {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Two lowercase digits per byte, most significant first.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The SHA-256 of `bytes`, as 64 lowercase digits.
    public static func sha256(_ bytes: [UInt8]) -> String { encode(SHA256.hash(data: bytes)) }

    /// The SHA-256 of a string's UTF-8 bytes, as 64 lowercase digits.
    public static func sha256(_ text: String) -> String { sha256(Array(text.utf8)) }
}
