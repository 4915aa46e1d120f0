import ArgumentParser
import FellowshipCore
import FellowshipStore
import Foundation

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke the service's access tokens.",
        discussion: """
            A token is a bearer secret for `fellowship serve`. The store keeps only its SHA-256, \
            so a token is shown once, when it is created. Roles: secretariat (everything), \
            reviewer (every reading, nothing that writes), applicant (only the explanation of \
            the application named by --applicant in the meeting named by --meeting: ids are \
            scoped to their meeting). Creating and revoking a token are audit events (its id and \
            role, never the secret).

            Example:
              fellowship token create --role reviewer --db fellowship.sqlite
              fellowship token create --role applicant --meeting SG20-2020-07 --applicant A-0001
              fellowship token list
              fellowship token revoke tok_3f2a9c1e7b4d
              fellowship token revoke --secret-stdin < token.txt
            """,
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print it (once; it cannot be shown again).")

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("secretariat, reviewer or applicant.", valueName: "role"))
        var role: String

        @Option(
            help: ArgumentHelp(
                "For an applicant token: the meeting of its application (required with --applicant).", valueName: "id"))
        var meeting: String?

        @Option(help: ArgumentHelp("For an applicant token: the application id it may read.", valueName: "id"))
        var applicant: String?

        func validate() throws {
            guard let parsed = AccessRole(rawValue: role) else {
                throw ValidationError("--role: expected secretariat, reviewer or applicant, got \"\(role)\"")
            }
            if parsed == .applicant {
                guard applicant != nil, meeting != nil else {
                    throw ValidationError(
                        "an applicant token needs --meeting ID and --applicant ID (application ids are scoped to their meeting)"
                    )
                }
                for (option, id) in [("--meeting", meeting), ("--applicant", applicant)] {
                    if let id, let problem = SafeIdentifier.problem(id) {
                        throw ValidationError("\(option): \(problem)")
                    }
                }
            } else if applicant != nil || meeting != nil {
                throw ValidationError("--meeting and --applicant are only for --role applicant")
            }
        }

        func run() throws {
            // `validate()` has checked the role.
            guard let parsed = AccessRole(rawValue: role) else { throw ExitCode(64) }
            let created = try StoreTerminal.run {
                try RunStore(path: store.path).createToken(role: parsed, applicant: applicant, meeting: meeting)
            }
            print(created.secret)
            let scope =
                created.token.applicant.map { ", application \($0) of meeting \(created.token.meeting ?? "")" } ?? ""
            FileHandle.standardError.write(
                Data(
                    """
                    token \(created.token.id): role \(created.token.role.rawValue)\(scope)
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
                [
                    token.id, token.role.rawValue, token.meeting ?? (token.needsReissue ? "(none: reissue)" : ""),
                    token.applicant ?? "",
                    token.createdAt, token.revokedAt ?? "live",
                ]
            }
            for line in TextTable.render(
                header: ["Token", "Role", "Meeting", "Application", "Created", "Revoked"], rows: rows)
            {
                print(line)
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Revoke a token, by its id (tok_…) or by its secret read from standard input; effective for the next request.",
            discussion: """
                A secret is never taken on the command line: arguments are visible to other users \
                of the machine (ps) and stay in shell history. Give the id that `token list` \
                shows, or pipe the secret in with --secret-stdin.
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The token's id (tok_…), as `fellowship token list` shows it.", valueName: "id"))
        var id: String?

        @Flag(name: .customLong("secret-stdin"), help: "Read the token's secret from standard input instead.")
        var secretFromStandardInput = false

        func validate() throws {
            switch (id, secretFromStandardInput) {
            case (nil, false):
                throw ValidationError(
                    "give the token's id (tok_…), or --secret-stdin to read its secret from standard input")
            case (.some, true): throw ValidationError("give either the token's id or --secret-stdin, not both")
            case (let id?, false) where !id.hasPrefix("tok_"):
                throw ValidationError(
                    "expected a token id (tok_…); a secret is never taken on the command line, pipe it in with --secret-stdin"
                )
            default: break
            }
        }

        func run() throws {
            var secret: String?
            if secretFromStandardInput {
                let bytes = FileHandle.standardInput.readDataToEndOfFile().prefix(4096)
                secret = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                guard let secret, !secret.isEmpty else {
                    Terminal.printError("no secret on standard input")
                    throw ExitCode(64)
                }
            }
            let revoked = try StoreTerminal.run {
                let opened = try store.open()
                if let secret { return try opened.revokeToken(secret: secret) }
                return try opened.revokeToken(id: id ?? "")
            }
            print(
                "revoked token \(revoked.id) (\(revoked.role.rawValue)) at \(revoked.revokedAt ?? ""); its browser sessions are ended"
            )
        }
    }
}
