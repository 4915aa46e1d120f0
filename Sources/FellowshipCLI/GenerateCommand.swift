import ArgumentParser
import FellowshipCore
import FellowshipSamples
import Foundation

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic fellowship applications (applications.csv) for demonstrations and tests.",
        discussion: """
            The applications are fictional: names are random combinations of common given and \
            family names, written in the scripts and name orders of each country's region. The \
            mix exercises the whole rule: about 9 % from countries that are not eligible, a few \
            percent failing each other gate (not a Member-State delegate, registration not \
            approved, incomplete, late, annual limit), people who apply twice, several applicants \
            from some countries, and air fares estimated from the great-circle distance between \
            each capital and the venue.

            The output depends only on the inputs, --count and --seed: the same command gives the \
            same bytes on every machine. Bad input files are reported as FILE:LINE: column: \
            problem, all at once, with exit status 65, and nothing is written.

            Example:
              fellowship generate --count 200 --seed 2020 \\
                --out Data/samples/sg20-2020-07/applications.csv
              fellowship generate --count 500 --venue-lat 40.7128 --venue-lon -74.0060 --out ny.csv
            """
    )

    @Option(
        help: ArgumentHelp(
            "The Member States (countries.csv, with x_capital_lat and x_capital_lon).", valueName: "file"))
    var countries: String = "Data/countries.csv"

    @Option(help: ArgumentHelp("The meeting (meeting.json): deadline and currency.", valueName: "file"))
    var meeting: String = "Data/meetings/sg20-2020-07.json"

    @Option(help: ArgumentHelp("How many applications to write (1 to 1000000).", valueName: "n"))
    var count: Int = 200

    @Option(help: ArgumentHelp("The seed of the generator: another seed gives another sample.", valueName: "n"))
    var seed: UInt64 = 2020

    @Option(
        name: .customLong("venue-lat"), parsing: .unconditional,
        help: ArgumentHelp("Latitude of the venue, decimal degrees north (south negative).", valueName: "degrees"))
    var venueLatitude: Double = SampleGenerator.Venue.geneva.latitude

    @Option(
        name: .customLong("venue-lon"), parsing: .unconditional,
        help: ArgumentHelp("Longitude of the venue, decimal degrees east (west negative).", valueName: "degrees"))
    var venueLongitude: Double = SampleGenerator.Venue.geneva.longitude

    @Option(
        help: ArgumentHelp("Write the CSV to this file (atomically) instead of standard output.", valueName: "file"))
    var out: String?

    @Option(
        name: .customLong("budget-share"),
        help: ArgumentHelp(
            "Also write a policy (--policy-out) whose budget is this share (0.01 to 2) of what funding the country_cap cheapest eligible applications of every country would cost; 0.4 to 0.7 gives the many-awards regime.",
            valueName: "share"))
    var budgetShare: Double?

    @Option(
        help: ArgumentHelp(
            "The policy that --budget-share starts from (everything but the budget is kept).", valueName: "file"))
    var policy: String = "Data/policies/default.json"

    @Option(
        name: .customLong("policy-out"),
        help: ArgumentHelp("Where --budget-share writes the policy (atomically).", valueName: "file"))
    var policyOut: String?

    func validate() throws {
        guard (1...1_000_000).contains(count) else {
            throw ValidationError("--count must be between 1 and 1000000, got \(count)")
        }
        guard venueLatitude.isFinite, (-90...90).contains(venueLatitude) else {
            throw ValidationError("--venue-lat must be between -90 and 90 degrees, got \(venueLatitude)")
        }
        guard venueLongitude.isFinite, (-180...180).contains(venueLongitude) else {
            throw ValidationError("--venue-lon must be between -180 and 180 degrees, got \(venueLongitude)")
        }
        if let budgetShare {
            guard budgetShare.isFinite, (0.01...2).contains(budgetShare) else {
                throw ValidationError("--budget-share must be between 0.01 and 2, got \(budgetShare)")
            }
            guard policyOut != nil else {
                throw ValidationError("--budget-share writes a policy: give --policy-out FILE")
            }
        } else if policyOut != nil {
            throw ValidationError("--policy-out needs --budget-share (the share of full funding the budget is)")
        }
    }

    func run() throws {
        var problems: [InputProblem] = []
        var countryList: [Country] = []
        var meetingValue: Meeting?
        switch InputSource.file(countries) {
        case .failure(let problem): problems.append(problem)
        case .success(let source):
            do { countryList = try InputLoader.countries(source) } catch let errors { problems += errors.problems }
        }
        switch InputSource.file(meeting) {
        case .failure(let problem): problems.append(problem)
        case .success(let source):
            do { meetingValue = try InputLoader.meeting(source) } catch let errors { problems += errors.problems }
        }
        guard problems.isEmpty, let meetingValue else {
            var text = problems.map(\.description).joined(separator: "\n")
            let count = problems.count
            text += "\nerror: \(count) problem\(count == 1 ? "" : "s") in the input; nothing was written.\n"
            FileHandle.standardError.write(Data(text.utf8))
            throw ExitCode(65)
        }

        let generator = SampleGenerator(
            countries: countryList, meeting: meetingValue,
            venue: SampleGenerator.Venue(latitude: venueLatitude, longitude: venueLongitude), seed: seed)
        let csv = SampleGenerator.csv(generator.applications(count: count))
        if let budgetShare, let policyOut { try writePolicy(share: budgetShare, to: policyOut, applications: csv) }
        if let out {
            do {
                try Data(csv.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                FileHandle.standardError.write(Data("error: cannot write \(out): \(error.localizedDescription)\n".utf8))
                throw ExitCode(73)
            }
        } else {
            FileHandle.standardOutput.write(Data(csv.utf8))
        }
    }

    /// Writes `policy` with the budget of the many-awards regime for `applications`
    /// (`BudgetRegime`); bad input files exit 65 with every problem listed, nothing written.
    func writePolicy(share: Double, to path: String, applications csv: String) throws {
        let inputs: AllocationInputs
        let base: String
        do {
            let files = try InputLoader.readEach([meeting, policy, countries])
            let (meetingFile, policyFile, countriesFile) = (files[0], files[1], files[2])
            inputs = try InputLoader.load(
                meeting: meetingFile, applications: InputSource(name: "generated applications", bytes: Array(csv.utf8)),
                policy: policyFile, countries: countriesFile)
            base = String(decoding: policyFile.bytes, as: UTF8.self)
        } catch let errors {
            Terminal.printProblems(errors)
            throw ExitCode(Terminal.dataErrorStatus)
        }
        let budget = BudgetRegime.budget(share: share, of: Screening(inputs: inputs).problem)
        guard let text = BudgetRegime.policy(base, budget: budget) else {
            Terminal.printError("\(policy): no top-level \"budget\" number to replace")
            throw ExitCode(Terminal.dataErrorStatus)
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            FileHandle.standardError.write(Data("error: cannot write \(path): \(error.localizedDescription)\n".utf8))
            throw ExitCode(73)
        }
    }
}
