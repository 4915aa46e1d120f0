import FellowshipCore

/// Why a store operation did not happen. Nothing is written when one is thrown.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure: decides the exit status of the command line.
    public struct Code: Hashable, Sendable, RawRepresentable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The store file does not exist (and the operation does not create one).
        public static let noStore = Code(rawValue: "no_store")
        /// The run, applicant or event asked for is not in the store.
        public static let notFound = Code(rawValue: "not_found")
        /// The request contradicts what is stored (e.g. declining an award that is not one).
        public static let conflict = Code(rawValue: "conflict")
        /// The stored data cannot be turned back into what it recorded.
        public static let corrupt = Code(rawValue: "corrupt")
        /// SQLite refused or failed.
        public static let database = Code(rawValue: "database")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
