import Foundation

/// The raw bytes of one input, with the name used for it in messages.
public struct InputSource: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// Reads a file; an unreadable file becomes a located problem rather than a crash.
    public static func file(_ path: String) -> Result<InputSource, InputProblem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            return .failure(InputProblem(file: path, line: 0, column: "(file)", message: "the file \(reason)"))
        }
        return .success(InputSource(name: path, bytes: [UInt8](data)))
    }

    /// Lowercase hex SHA-256 of the exact bytes: what a run records to prove its inputs.
    public var sha256: String { Hexadecimal.sha256(bytes) }
}

/// The four inputs of a run, validated together.
public struct AllocationInputs: Sendable {
    public var meeting: Meeting
    public var countries: [Country]
    public var applications: [Application]
    public var policy: Policy
    public var hashes: InputHashes

    public init(
        meeting: Meeting, countries: [Country], applications: [Application], policy: Policy, hashes: InputHashes
    ) {
        self.meeting = meeting
        self.countries = countries
        self.applications = applications
        self.policy = policy
        self.hashes = hashes
    }
}

/// SHA-256 of each input file's exact bytes.
public struct InputHashes: Hashable, Sendable {
    public var meeting: String
    public var applications: String
    public var policy: String
    public var countries: String

    public init(meeting: String, applications: String, policy: String, countries: String) {
        self.meeting = meeting
        self.applications = applications
        self.policy = policy
        self.countries = countries
    }
}

/// Loads and validates the four inputs, reporting the problems of all of them at once.
public enum InputLoader {
    public static func load(
        meeting: InputSource, applications: InputSource, policy: InputSource, countries: InputSource
    ) throws(InputErrors) -> AllocationInputs {
        var countryProblems = ProblemCollector(file: countries.name)
        let countryList = CountriesFile.parse(countries.bytes, file: countries.name, problems: &countryProblems)
        var meetingProblems = ProblemCollector(file: meeting.name)
        let parsedMeeting = MeetingFile.parse(meeting.bytes, file: meeting.name, problems: &meetingProblems)
        var applicationProblems = ProblemCollector(file: applications.name)
        let knownCountries = countryList.map { Set($0.map(\.iso3)) }
        let parsedApplications = ApplicationsFile.parse(
            applications.bytes, file: applications.name, countries: knownCountries, problems: &applicationProblems)
        var policyProblems = ProblemCollector(file: policy.name)
        let parsedPolicy = PolicyFile.parse(policy.bytes, file: policy.name, problems: &policyProblems)

        let problems =
            meetingProblems.problems + countryProblems.problems
            + applicationProblems.problems + policyProblems.problems
        guard problems.isEmpty, let parsedMeeting, let countryList, let parsedApplications, let parsedPolicy else {
            throw InputErrors(problems)
        }
        return AllocationInputs(
            meeting: parsedMeeting, countries: countryList, applications: parsedApplications, policy: parsedPolicy,
            hashes: InputHashes(
                meeting: meeting.sha256, applications: applications.sha256,
                policy: policy.sha256, countries: countries.sha256))
    }

    /// Reads the four files and loads them; unreadable files are reported with the rest.
    public static func loadFiles(
        meeting: String, applications: String, policy: String, countries: String
    ) throws(InputErrors) -> AllocationInputs {
        let sources = try readFiles(meeting: meeting, applications: applications, policy: policy, countries: countries)
        return try load(
            meeting: sources.meeting, applications: sources.applications, policy: sources.policy,
            countries: sources.countries)
    }

    /// Reads the four files' exact bytes (kept by the store for the input snapshot); every
    /// unreadable file is reported at once.
    public static func readFiles(
        meeting: String, applications: String, policy: String, countries: String
    ) throws(InputErrors) -> (
        meeting: InputSource, applications: InputSource, policy: InputSource, countries: InputSource
    ) {
        let files = try readEach([meeting, applications, policy, countries])
        return (meeting: files[0], applications: files[1], policy: files[2], countries: files[3])
    }

    /// Reads each file's exact bytes, in the order given; every unreadable file is reported
    /// at once.
    public static func readEach(_ paths: [String]) throws(InputErrors) -> [InputSource] {
        var unreadable: [InputProblem] = []
        let sources = paths.map { path -> InputSource in
            switch InputSource.file(path) {
            case .success(let source): return source
            case .failure(let problem):
                unreadable.append(problem)
                return InputSource(name: path, bytes: [])
            }
        }
        if !unreadable.isEmpty { throw InputErrors(unreadable) }
        return sources
    }

    /// Parses `countries.csv` alone (for tools such as the sample generator).
    public static func countries(_ source: InputSource) throws(InputErrors) -> [Country] {
        try parseAlone(source) { CountriesFile.parse(source.bytes, file: source.name, problems: &$0) }
    }

    /// Parses `meeting.json` alone.
    public static func meeting(_ source: InputSource) throws(InputErrors) -> Meeting {
        try parseAlone(source) { MeetingFile.parse(source.bytes, file: source.name, problems: &$0) }
    }

    /// Parses `policy.json` alone (an upload to the service is checked on arrival).
    public static func policy(_ source: InputSource) throws(InputErrors) -> Policy {
        try parseAlone(source) { PolicyFile.parse(source.bytes, file: source.name, problems: &$0) }
    }

    /// Parses `applications.csv` alone, checking country codes against `countries` when given.
    public static func applications(_ source: InputSource, countries: Set<String>?) throws(InputErrors) -> [Application]
    {
        try parseAlone(source) {
            ApplicationsFile.parse(source.bytes, file: source.name, countries: countries, problems: &$0)
        }
    }

    /// Runs one file's parser and throws every problem it collected; a value comes back
    /// only from a file without problems.
    private static func parseAlone<Value>(
        _ source: InputSource, _ parse: (inout ProblemCollector) -> Value?
    ) throws(InputErrors) -> Value {
        var problems = ProblemCollector(file: source.name)
        guard let value = parse(&problems), problems.problems.isEmpty else {
            throw InputErrors(problems.problems)
        }
        return value
    }
}
