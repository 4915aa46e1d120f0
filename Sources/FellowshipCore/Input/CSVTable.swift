/// An RFC 4180 table: a header row and records, each record knowing the physical line it
/// starts on (quoted fields may span lines, so record number and line number differ).
struct CSVTable {
    struct Record {
        var line: Int
        var fields: [String]
    }

    var header: [String]
    var headerLine: Int
    var records: [Record]

    /// Parses `text`, reporting malformed structure (unterminated quotes, stray quotes,
    /// wrong field counts, blank lines) to `problems` and keeping every well-formed record.
    static func parse(_ text: String, problems: inout ProblemCollector) -> CSVTable? {
        var rawRecords: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var afterClosingQuote = false
        var quoteOpenedAtLine = 1
        var reportedStrayQuoteLine = 0
        var characters = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func next() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return characters.next()
        }
        func endRecord() {
            fields.append(field)
            rawRecords.append(Record(line: recordLine, fields: fields))
            fields = []
            field = ""
            fieldWasQuoted = false
            afterClosingQuote = false
        }

        while let scalar = next() {
            if inQuotes {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            inQuotes = false
                            afterClosingQuote = true
                            pending = following
                        }
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
                afterClosingQuote = false
            case "\r":
                if let following = next(), following != "\n" { pending = following }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                if field.isEmpty && !fieldWasQuoted && !afterClosingQuote {
                    inQuotes = true
                    fieldWasQuoted = true
                    quoteOpenedAtLine = line
                } else {
                    if reportedStrayQuoteLine != line {
                        problems.report(
                            line: line, column: "(file)",
                            "a quote inside an unquoted field, or text after a closing quote; quote the whole field and double inner quotes (\"\")"
                        )
                        reportedStrayQuoteLine = line
                    }
                    field.unicodeScalars.append(scalar)
                }
            default:
                if afterClosingQuote && reportedStrayQuoteLine != line {
                    problems.report(
                        line: line, column: "(file)",
                        "text after a closing quote; quote the whole field and double inner quotes (\"\")")
                    reportedStrayQuoteLine = line
                }
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes {
            problems.report(
                line: quoteOpenedAtLine, column: "(file)",
                "a quoted field is never closed (missing closing quote)")
            return nil
        }
        if !fields.isEmpty || !field.isEmpty || fieldWasQuoted { endRecord() }

        // Blank lines at the very end are harmless; anywhere else they are reported.
        while let last = rawRecords.last, last.fields == [""] { rawRecords.removeLast() }
        guard let headerRecord = rawRecords.first else {
            problems.report(line: 1, column: "(file)", "the file is empty")
            return nil
        }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: " \t") }
        var records: [Record] = []
        for record in rawRecords.dropFirst() {
            if record.fields == [""] {
                problems.report(
                    line: record.line, column: "(file)", "blank line inside the table; remove it or fill in the row")
            } else if record.fields.count != header.count {
                problems.report(
                    line: record.line, column: "(file)",
                    "the row has \(record.fields.count) fields but the header has \(header.count)")
            } else {
                records.append(record)
            }
        }
        return CSVTable(header: header, headerLine: headerRecord.line, records: records)
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        var view = Substring(self)
        while let first = view.unicodeScalars.first, scalars.contains(first) { view = view.dropFirst() }
        while let last = view.unicodeScalars.last, scalars.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
