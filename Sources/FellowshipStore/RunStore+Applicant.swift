public import FellowshipCore
import GRDB

extension RunStore {
    /// The runs whose applications include `applicationID`, newest first: what an applicant
    /// token may open (docs/service.md).
    public func runs(containingApplication applicationID: String) throws -> [RunSummary] {
        let ids = try read { db in
            try String.fetchAll(
                db, sql: "SELECT DISTINCT run_id FROM decisions WHERE application_id = ?",
                arguments: [applicationID])
        }
        let wanted = Set(ids)
        return try runs().filter { wanted.contains($0.id) }.reversed()
    }
}
