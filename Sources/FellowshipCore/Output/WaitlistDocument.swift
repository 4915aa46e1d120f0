extension WaitlistEntry {
    /// The waitlist JSON (`fellowship waitlist --format json`, and the service's waitlist):
    /// the entries in waitlist order with their margins.
    public static func document(_ entries: [WaitlistEntry], runID: String?, meeting: String) -> JSONValue {
        let rows: [JSONValue] = entries.map { entry in
            .object([
                ("position", .integer(entry.position)),
                ("applicant", .string(entry.applicant)),
                ("score", .real(entry.score)),
                ("margin", entry.margin.map(JSONValue.real) ?? .null),
                ("reasons", .array(entry.reasons.map(JSONValue.string))),
            ])
        }
        return .object([
            ("model_version", .integer(1)),
            ("run_id", runID.map(JSONValue.string) ?? .null),
            ("meeting", .string(meeting)),
            ("waitlist", .array(rows)),
        ])
    }
}
