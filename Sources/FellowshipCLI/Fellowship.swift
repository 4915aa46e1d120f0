import ArgumentParser

@main
struct Fellowship: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fellowship",
        abstract: "Allocate meeting fellowships by the published model, solved to proven optimality with GLPK.",
        discussion: """
            The decision rule is docs/model.md (MODEL.md version 1); the file formats are in README.md.

            Example:
              fellowship allocate --meeting Data/meetings/sg20-2020-07.json \\
                --applications Data/samples/sg20-2020-07/applications.csv \\
                --policy Data/policies/default.json
            """,
        subcommands: [
            AllocateCommand.self, ExportModelCommand.self, SimulateCommand.self, AuditCommand.self,
            DeclineCommand.self, ExplainCommand.self, WaitlistCommand.self, GenerateCommand.self,
            ServeCommand.self, TokenCommand.self, MarginsCommand.self, LettersCommand.self,
        ]
    )
}
