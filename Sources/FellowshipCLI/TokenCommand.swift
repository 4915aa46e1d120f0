import ArgumentParser
import FellowshipCore
import Foundation

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke the service's access tokens.",
        discussion: """
            A token is a bearer secret for `fellowship serve`. The store keeps only its SHA-256, \
            so a token is shown once, when it is created. Roles: secretariat (everything), \
            reviewer (every reading, nothing that writes), applicant (only the explanation of \
            the application named by --applicant).

            Example:
              fellowship token create --role reviewer --db fellowship.sqlite
              fellowship token create --role applicant --applicant A-0001
              fellowship token list
              fellowship token revoke tok_3f2a9c1e7b4d
            """,
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print it (once; it cannot be shown again).")

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("secretariat, reviewer or applicant.", valueName: "role"))
        var role: String

        @Option(help: ArgumentHelp("For an applicant token: the application id it may read.", valueName: "id"))
        var applicant: String?

        func validate() throws {
            guard let parsed = AccessRole(rawValue: role) else {
                throw ValidationError("--role: expected secretariat, reviewer or applicant, got \"\(role)\"")
            }
            if (parsed == .applicant) != (applicant != nil) {
                throw ValidationError(parsed == .applicant ? "an applicant token needs --applicant ID"
                                                           : "--applicant is only for --role applicant")
            }
        }

        func run() throws {
            let created = try StoreTerminal.run {
                try RunStore(path: store.path).createToken(role: AccessRole(rawValue: role)!, applicant: applicant)
            }
            print(created.secret)
            FileHandle.standardError.write(Data("""
                token \(created.token.id): role \(created.token.role.rawValue)\(created.token.applicant.map { ", application \($0)" } ?? "")
                The token above is shown once; the store keeps only its SHA-256.\n
                """.utf8))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tokens (ids and roles; never the secrets).")

        @OptionGroup var store: StoreOptions

        func run() throws {
            let tokens = try StoreTerminal.run { try store.open().tokens() }
            let rows = tokens.map { token in
                [token.id, token.role.rawValue, token.applicant ?? "", token.createdAt, token.revokedAt ?? "live"]
            }
            for line in TextTable.render(header: ["Token", "Role", "Application", "Created", "Revoked"], rows: rows) {
                print(line)
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token, by its id (tok_…) or its secret; effective for the next request.")

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The token's id or secret.", valueName: "token"))
        var token: String

        func run() throws {
            let revoked = try StoreTerminal.run { try store.open().revokeToken(token) }
            print("revoked token \(revoked.id) (\(revoked.role.rawValue)) at \(revoked.revokedAt ?? ""); its browser sessions are ended")
        }
    }
}
