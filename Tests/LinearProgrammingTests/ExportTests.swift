import Foundation
import Testing

@testable import LinearProgramming

@Suite("Export")
struct ExportTests {
    /// max 5 seats + 3 coffee − 2 extra_rooms + 7
    /// s.t. budget: 2 seats + 1 coffee ≤ 40; demand: seats + extra_rooms ≥ 4; balance: seats − coffee = 1
    func sampleModel(sense: ObjectiveSense = .maximize) throws -> Model {
        var model = Model(name: "fellowship sample")
        let seats = try model.addVariable(name: "seats", kind: .integer, upperBound: 30)
        let coffee = try model.addVariable(name: "coffee", kind: .continuous, upperBound: 12.5)
        let rooms = try model.addVariable(name: "extra_rooms", kind: .binary)
        _ = try model.addConstraint(name: "budget", LinearExpression([(seats, 2), (coffee, 1)]), .atMost(40))
        _ = try model.addConstraint(name: "demand", LinearExpression([(seats, 1), (rooms, 1)]), .atLeast(4))
        _ = try model.addConstraint(name: "balance", LinearExpression([(seats, 1), (coffee, -1)]), .exactly(1))
        try model.setObjective(sense, LinearExpression([(seats, 5), (coffee, 3), (rooms, -2)], constant: 7))
        return model
    }

    @Test("free MPS has the rows, columns, integer markers and sense")
    func mps() throws {
        let model = try sampleModel()
        let text = try model.export(.mps)
        let lines = text.split(separator: "\n").map(String.init)

        #expect(lines.contains("NAME fellowship_sample"))
        #expect(lines.contains("* Sense:      maximize"))
        // The sense as a section that other solvers read (issue #12), right after NAME.
        let name = try #require(lines.firstIndex(of: "NAME fellowship_sample"))
        #expect(lines[name + 1] == "OBJSENSE" && lines[name + 2] == "    MAX")
        // GLPK's reader refuses the section: it is read back without it.
        #expect(GLPKReadBack.read(text, as: .mps) == nil)
        #expect(!Model.withoutObjectiveSense(text).contains("OBJSENSE"))
        for row in [" N R0000000", " L budget", " G demand", " E balance"] {
            #expect(lines.contains(row), "missing row \(row)")
        }
        for column in ["seats", "coffee", "extra_rooms"] {
            #expect(lines.contains { $0.hasPrefix(" \(column) ") }, "missing column \(column)")
        }
        #expect(text.contains("'MARKER' 'INTORG'"))
        #expect(text.contains("'MARKER' 'INTEND'"))
        #expect(lines.contains(" RHS1 budget 40 demand 4") || text.contains("budget 40"))
        #expect(lines.contains(" UP BND1 coffee 12.5"))

        let parsed = try #require(GLPKReadBack.read(Model.withoutObjectiveSense(text), as: .mps))
        #expect(parsed.rows == 3 && parsed.columns == 3 && parsed.nonZeros == 6)
        #expect(parsed.integerColumns == 2)
        #expect(parsed.rowNames == ["budget", "demand", "balance"])
        #expect(parsed.columnNames == ["seats", "coffee", "extra_rooms"])
    }

    @Test(
        "CPLEX LP has the sense, the named rows and the integer sections",
        arguments: [ObjectiveSense.minimize, .maximize])
    func lp(sense: ObjectiveSense) throws {
        let model = try sampleModel(sense: sense)
        let text = try model.export(.lp)
        let lines = text.split(separator: "\n").map(String.init)

        #expect(lines.contains(sense == .maximize ? "Maximize" : "Minimize"))
        #expect(lines.contains { $0.hasPrefix(" obj: ") })
        #expect(lines.contains("Subject To"))
        for row in [" budget: ", " demand: ", " balance: "] {
            #expect(lines.contains { $0.hasPrefix(row) }, "missing row \(row)")
        }
        #expect(lines.contains { $0.hasPrefix(" budget: ") && $0.hasSuffix("<= 40") })
        #expect(lines.contains { $0.hasPrefix(" demand: ") && $0.hasSuffix(">= 4") })
        #expect(lines.contains { $0.hasPrefix(" balance: ") && $0.hasSuffix("= 1") })
        #expect(lines.contains("Generals"))
        for column in ["seats", "coffee", "extra_rooms"] {
            #expect(text.contains(" \(column)"), "missing column \(column)")
        }

        let parsed = try #require(GLPKReadBack.read(text, as: .lp))
        #expect(parsed.rows == 3 && parsed.columns == 3 && parsed.nonZeros == 6)
        #expect(parsed.integerColumns == 2)
        #expect(parsed.maximize == (sense == .maximize))
        #expect(Set(parsed.rowNames) == ["budget", "demand", "balance"])
        #expect(Set(parsed.columnNames) == ["seats", "coffee", "extra_rooms"])
    }

    @Test("a constraint named obj pushes the LP objective to another name")
    func objectiveNameCollision() throws {
        var model = Model(name: "collide")
        let x = try model.addVariable(name: "x", kind: .continuous, upperBound: 1)
        _ = try model.addConstraint(name: "obj", LinearExpression([(x, 1)]), .atMost(1))
        try model.setObjective(.maximize, LinearExpression([(x, 1)]))
        let text = try model.export(.lp)
        #expect(text.contains(" obj_1: "))
        #expect(text.contains(" obj: "))
        let parsed = try #require(GLPKReadBack.read(text, as: .lp))
        #expect(parsed.rowNames == ["obj"])
    }

    @Test("a model name GLPK cannot store is sanitised, not fatal")
    func awkwardModelName() throws {
        var model = Model(name: "tab\there\u{0}nul é " + String(repeating: "z", count: 400))
        let x = try model.addVariable(name: "x", kind: .continuous)
        try model.setObjective(.minimize, LinearExpression([(x, 1)]))
        let text = try model.export(.mps)
        let nameLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("NAME ") })
        #expect(nameLine.hasPrefix("NAME tab_here_nul___"))
        #expect(nameLine.count == "NAME ".count + 255)
        _ = try model.addConstraint(name: "c", LinearExpression([(x, 1)]), .atLeast(1))
        #expect(try model.export(.lp).contains("\\* Problem: tab_here_nul___"))
    }

    /// GLPK's MPS writer asserts on a column in no row and not in the objective when the model
    /// has no rows; the export must refuse instead of letting GLPK abort the process.
    @Test("MPS refuses a row-less model with a variable outside the objective")
    func mpsEmptyColumnWithoutRows() throws {
        var model = Model(name: "rowless")
        let x = try model.addVariable(name: "x", kind: .continuous)
        _ = try model.addVariable(name: "idle", kind: .integer, upperBound: 3)
        try model.setObjective(.maximize, LinearExpression([(x, 1)]))
        let error = try #require(throws: ModelError.self) { try model.export(.mps) }
        #expect(error.code == .exportFailed)
        #expect(error.message.contains("idle"))

        // With a row, the same variable is written as an empty column.
        _ = try model.addConstraint(name: "cap", LinearExpression([(x, 1)]), .atMost(4))
        let text = try model.export(.mps)
        #expect(text.contains("idle cap 0 $ empty column"))
        #expect(GLPKReadBack.read(Model.withoutObjectiveSense(text), as: .mps)?.columns == 2)
    }

    @Test("empty models: MPS works, LP (which GLPK would write as a bare warning) throws")
    func emptyModel() throws {
        let empty = Model(name: "empty")
        let text = try empty.export(.mps)
        #expect(text.contains("NAME empty"))
        #expect(GLPKReadBack.read(Model.withoutObjectiveSense(text), as: .mps)?.columns == 0)
        #expect(throws: ModelError.self) { try empty.export(.lp) }

        var rowless = Model(name: "rowless")
        let x = try rowless.addVariable(name: "x", kind: .continuous)
        try rowless.setObjective(.maximize, LinearExpression([(x, 1)]))
        #expect(
            GLPKReadBack.read(Model.withoutObjectiveSense(try rowless.export(.mps)), as: .mps)?.columnNames == ["x"])
        let error = try #require(throws: ModelError.self) { try rowless.export(.lp) }
        #expect(error.code == .exportFailed)
    }

    @Test("exports are deterministic")
    func deterministic() throws {
        let model = try sampleModel()
        for format in ModelExportFormat.allCases {
            #expect(try model.export(format) == model.export(format))
        }
    }

    @Test("the temporary file is removed on success and on failure")
    func temporaryFileRemoved() throws {
        var seen: String?
        let text = TemporaryFile.with(extension: "txt") { (path: String) -> String in
            seen = path
            #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
            return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }
        #expect(text == "x")
        #expect(!FileManager.default.fileExists(atPath: try #require(seen)))

        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try TemporaryFile.with(extension: "txt") { (path: String) throws(Boom) -> Void in
                seen = path
                _ = FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
                throw Boom()
            }
        }
        #expect(!FileManager.default.fileExists(atPath: try #require(seen)))
    }

    @Test("GLPK's reader rejects text that is not a model")
    func readBackRejectsGarbage() {
        #expect(GLPKReadBack.read("this is not MPS", as: .mps) == nil)
        #expect(GLPKReadBack.read("Maximize\n obj: + + x\nnonsense", as: .lp) == nil)
    }
}
