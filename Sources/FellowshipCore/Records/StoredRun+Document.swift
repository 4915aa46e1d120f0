extension StoredRun {
    /// decisions.json of FORMATS.md for this run, with the decisions of applicants who
    /// declined their award (reallocation runs) given as outcome `declined`, reason `declined`,
    /// as the store records them.
    public var decisionsDocument: JSONValue {
        let document = result.decisionsDocument(runID: id)
        guard !declined.isEmpty, case .object(let members) = document else { return document }
        let declined = Set(self.declined)
        return .object(
            members.map { key, value in
                guard key == "decisions", case .array(let decisions) = value else { return (key, value) }
                return (
                    key,
                    .array(
                        decisions.map { decision in
                            guard case .object(let fields) = decision,
                                let applicant = fields.first(where: { $0.0 == "applicant" })?.1.stringValue,
                                declined.contains(applicant)
                            else { return decision }
                            return .object(
                                fields.map { field, fieldValue in
                                    switch field {
                                    case "outcome": return (field, .string("declined"))
                                    case "reasons": return (field, .array([.string("declined")]))
                                    default: return (field, fieldValue)
                                    }
                                })
                        })
                )
            })
    }
}

extension JSONValue {
    /// The text of a string value.
    fileprivate var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
