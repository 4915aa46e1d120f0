extension Unicode.Scalar {
    /// The scalar's Unicode name of form `U+202E` (at least four hex digits, upper case): how an
    /// invisible or confusable character is shown to a person instead of itself.
    public var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
