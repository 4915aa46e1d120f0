extension CSVTable {
    /// Decodes and parses a whole CSV file, reporting encoding and structural problems.
    static func document(_ bytes: [UInt8], file: String, problems: inout ProblemCollector) -> CSVTable? {
        switch TextDecoding.decode(bytes, file: file) {
        case .failure(let problem):
            problems.append(contentsOf: [problem])
            return nil
        case .success(let text):
            return parse(text, problems: &problems)
        }
    }
}
