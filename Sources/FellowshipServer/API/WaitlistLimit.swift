import HTTPTypes

/// The `limit` query parameter of the waitlist: only the first N places, found exactly
/// without computing every margin (`WaitlistSearch`).
enum WaitlistLimit {
    /// nil when absent; 422 when it is not a whole number from 1 to 100,000, blank included
    /// (`?limit=` is a limit given without a value, not the whole waitlist).
    static func parse(_ query: String?) throws -> Int? {
        guard let text = FormFields(query).given("limit") else { return nil }
        guard let value = Int(text), (1...100_000).contains(value) else {
            throw ServiceError(
                .unprocessableContent, "limit: expected a whole number from 1 to 100000, got \"\(text)\"")
        }
        return value
    }
}
