public import ArgumentParser
import FellowshipCore
import Foundation
import LinearProgramming

struct ExportModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-model",
        abstract: "Write the exact stage-1 allocation MILP as MPS or CPLEX LP.",
        discussion: """
            The model is the one `allocate` hands to GLPK before the tie rule: the same \
            variables, rows and objective, so any MILP solver can check the optimum.

            Example:
              fellowship export-model --meeting Data/meetings/sg20-2020-07.json \\
                --applications Data/samples/sg20-2020-07/applications.csv \\
                --policy Data/policies/default.json --format mps --out sg20.mps
            """
    )

    @OptionGroup var inputs: InputOptions

    @Option(help: "The file format.")
    var format: ModelExportFormat = .mps

    @Option(help: ArgumentHelp("The file to write.", valueName: "file"))
    var out: String

    func run() throws {
        let screening = Screening(inputs: try inputs.load())
        let text: String
        do {
            text = try AllocationModel(problem: screening.problem).model.export(format)
        } catch {
            Terminal.printError("\(error)")
            throw ExitCode(Terminal.internalErrorStatus)
        }
        try Terminal.writeAtomically(text, to: out)
    }
}

extension ModelExportFormat: ExpressibleByArgument {}
