internal import CGLPK

/// One GLPK problem object, alive only inside ``withProblem(for:_:)``.
///
/// Why a closure scope rather than a class with `deinit`: GLPK keeps its environment (allocator,
/// terminal switch, open files) in thread-local storage, so a problem must be created, solved
/// and deleted on one thread, synchronously. A scope makes that structural: the pointer cannot
/// escape (the type is not `Sendable`), and `defer` deletes it on every path. Concurrent solves
/// on different threads each get their own problem and their own environment.
///
/// This file and `GLPKSolver.swift` are the only places that call GLPK functions
/// (`GLPKTermination.swift` only reads its constants). Every Swift value crosses into C through
/// the small funnel at the bottom (`index`, `count`, `boundType`, `problemName`, the `glpkValue`
/// mappings), which only ever receives data a ``Model`` or ``SolverOptions`` has already
/// validated; the preconditions there state invariants, they are not the validation.
struct GLPKProblem {
    private let pointer: OpaquePointer

    private init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    // MARK: - Lifetime

    /// Runs `body` with GLPK's terminal output off and releases this thread's GLPK environment
    /// afterwards.
    ///
    /// Terminal output is per thread, so it is switched off on every entry; `msg_lev` alone does
    /// not silence the file writers. GLPK never frees a thread's environment by itself, and the
    /// threads of Swift's pools outlive any one call, so `glp_free_env` runs on the way out.
    /// That is safe because nothing else in this process holds GLPK objects on this thread:
    /// every use of GLPK is a synchronous scope like this one. Scopes may nest (a warm-started
    /// sequence of LPs, `GLPKSolver.withWarmStarts`, may see other solves inside its scope):
    /// only the outermost scope frees the environment, since freeing it frees every problem
    /// of the thread, the enclosing scope's too.
    static func withEnvironment<Result>(_ body: () throws -> Result) rethrows -> Result {
        _ = glp_term_out(GLP_OFF)
        let outermost = EnvironmentDepth.enter()
        defer {
            EnvironmentDepth.leave()
            if outermost { _ = glp_free_env() }
        }
        return try body()
    }

    /// Builds a GLPK problem for `model`, runs `body` on it, and deletes it on every path.
    static func withProblem<Result>(for model: Model, _ body: (GLPKProblem) -> Result) -> Result {
        withEnvironment {
            guard let pointer = glp_create_prob() else {
                fatalError("glp_create_prob returned NULL")
            }
            defer { glp_delete_prob(pointer) }
            let problem = GLPKProblem(pointer: pointer)
            problem.load(model)
            return body(problem)
        }
    }

    // MARK: - Building

    /// Creates an empty problem for a scope that outlives one `withProblem` call (a sequence
    /// of warm-started LPs); the caller must `delete` it inside the same `withEnvironment`.
    static func create() -> GLPKProblem {
        guard let pointer = glp_create_prob() else {
            fatalError("glp_create_prob returned NULL")
        }
        return GLPKProblem(pointer: pointer)
    }

    /// Frees a problem made by `create`.
    func delete() {
        glp_delete_prob(pointer)
    }

    func load(_ model: Model) {
        if let name = Self.problemName(model.name) {
            name.withCString { glp_set_prob_name(pointer, $0) }
        }
        Self.objectiveRowName(for: model).withCString { glp_set_obj_name(pointer, $0) }
        glp_set_obj_dir(pointer, model.objective.sense == .minimize ? GLP_MIN : GLP_MAX)

        let variables = model.allVariables
        if !variables.isEmpty {
            glp_add_cols(pointer, Self.count(variables.count))
        }
        for (index, variable) in variables.enumerated() {
            let column = Self.index(index)
            variable.name.withCString { glp_set_col_name(pointer, column, $0) }
            let bounds = Self.boundType(lower: variable.lowerBound, upper: variable.upperBound)
            glp_set_col_bnds(pointer, column, bounds.type, bounds.lower, bounds.upper)
            if variable.kind.isInteger {
                glp_set_col_kind(pointer, column, GLP_IV)
            }
        }

        for (variable, coefficient) in model.objective.expression.terms {
            glp_set_obj_coef(pointer, Self.index(variable.index), coefficient)
        }
        glp_set_obj_coef(pointer, 0, model.objective.expression.constant)

        let constraints = model.allConstraints
        if !constraints.isEmpty {
            glp_add_rows(pointer, Self.count(constraints.count))
        }
        for (index, constraint) in constraints.enumerated() {
            setRow(index, constraint)
        }
    }

    /// Sets row `index` (0-based) to `constraint`: name, bounds and coefficients, replacing
    /// what the row held. The constraint comes from a ``Model`` over this problem's columns,
    /// which has validated it.
    func setRow(_ index: Int, _ constraint: Constraint) {
        let row = Self.index(index)
        constraint.name.withCString { glp_set_row_name(pointer, row, $0) }
        let bounds = Self.boundType(lower: constraint.bound.lower, upper: constraint.bound.upper)
        glp_set_row_bnds(pointer, row, bounds.type, bounds.lower, bounds.upper)
        // GLPK arrays are 1-based: element 0 is ignored.
        let terms = constraint.expression.terms
        let columns = [0] + terms.map { Self.index($0.variable.index) }
        let values = [0] + terms.map(\.coefficient)
        glp_set_mat_row(pointer, row, Self.count(terms.count), columns, values)
    }

    /// Makes row `index` (0-based) an empty free row: it constrains nothing, and its auxiliary
    /// variable keeps a place in the basis, so a warm start stays valid.
    func clearRow(_ index: Int) {
        let row = Self.index(index)
        glp_set_row_bnds(pointer, row, GLP_FR, 0, 0)
        glp_set_mat_row(pointer, row, 0, nil, nil)
    }

    /// Appends `count` rows (new rows are empty, free and basic).
    func addRows(_ count: Int) {
        guard count > 0 else { return }
        glp_add_rows(pointer, Self.count(count))
    }

    /// Replaces the basis by GLPK's standard one (every auxiliary variable basic), always
    /// valid: the fallback when a changed row leaves the previous basis singular.
    func resetBasis() {
        glp_std_basis(pointer)
    }

    /// Lets GLPK choose scaling for the simplex (as `glpsol` does). Scaling is internal: values
    /// read back and files written are unscaled.
    func scaleForSolving() {
        glp_scale_prob(pointer, GLP_SF_AUTO)
    }

    /// Zeroes the objective, turning the problem into a pure feasibility question.
    func clearObjective() {
        let columns = glp_get_num_cols(pointer)
        if columns > 0 {
            for column in 1...columns {
                glp_set_obj_coef(pointer, column, 0)
            }
        }
        glp_set_obj_coef(pointer, 0, 0)
    }

    // MARK: - Solving

    /// `glp_simplex` with output off; returns GLPK's return code. Primal unless `dual`: the
    /// dual simplex (falling back to the primal) suits a warm start after rows changed, where
    /// the previous optimal basis stays dual feasible.
    func simplex(presolve: Bool, timeLimitMilliseconds: Int32?, dual: Bool = false) -> Int32 {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        if dual { parameters.meth = GLP_DUALP }
        if let timeLimitMilliseconds {
            parameters.tm_lim = timeLimitMilliseconds
        }
        return glp_simplex(pointer, &parameters)
    }

    /// `glp_intopt` with output off and, if given, `monitor` attached to the search callback.
    /// Without presolve the problem must hold an optimal relaxation basis (run ``simplex``).
    func branchAndBound(
        _ options: SolverOptions,
        presolve: Bool,
        timeLimitMilliseconds: Int32?,
        monitor: SearchMonitor?
    ) -> Int32 {
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        if let timeLimitMilliseconds {
            parameters.tm_lim = timeLimitMilliseconds
        }
        parameters.mip_gap = options.relativeMIPGap
        parameters.br_tech = options.branching.glpkValue
        parameters.bt_tech = options.backtracking.glpkValue
        parameters.gmi_cuts = options.cuts.contains(.gomory) ? GLP_ON : GLP_OFF
        parameters.mir_cuts = options.cuts.contains(.mixedIntegerRounding) ? GLP_ON : GLP_OFF
        // GLPK 5.0's cover-cut generator (glp_cov_init) calls glp_add_cols(set, n) with the
        // column count of the problem it searches, and glp_add_cols aborts the process for
        // n = 0. With the MIP presolver on, that problem is the presolved one, which is empty
        // whenever the presolver fixes every column (seen with every award priced above the
        // budget). Its size cannot be known beforehand, so cover cuts run only on the
        // unpresolved problem, and only when it has columns.
        let coverIsSafe = !presolve && glp_get_num_cols(pointer) > 0
        parameters.cov_cuts = options.cuts.contains(.cover) && coverIsSafe ? GLP_ON : GLP_OFF
        parameters.clq_cuts = options.cuts.contains(.clique) ? GLP_ON : GLP_OFF
        guard let monitor else {
            return glp_intopt(pointer, &parameters)
        }
        // A C function pointer cannot capture Swift context, so the callback is a
        // non-capturing closure and the monitor travels through cb_info, unretained; the
        // surrounding withExtendedLifetime keeps it alive until glp_intopt has returned.
        parameters.cb_func = { tree, info in
            guard let tree, let info else { return }
            GLPKProblem.observe(tree, Unmanaged<SearchMonitor>.fromOpaque(info).takeUnretainedValue())
        }
        return withExtendedLifetime(monitor) {
            parameters.cb_info = Unmanaged.passUnretained(monitor).toOpaque()
            return glp_intopt(pointer, &parameters)
        }
    }

    /// The callback body: records node count and best bound, and offers the initial solution once.
    ///
    /// The bound is read at node selection, after a new incumbent, and before branching or
    /// heuristics; `glp_ios_best_node` scans the open nodes, which GLPK's own best-bound node
    /// selection does anyway, so the cost is of the same order as the search itself.
    private static func observe(_ tree: OpaquePointer, _ monitor: SearchMonitor) {
        var active: Int32 = 0
        var current: Int32 = 0
        var total: Int32 = 0
        glp_ios_tree_size(tree, &active, &current, &total)
        monitor.recordNodes(Int(total))
        if monitor.reachedNodeLimit {
            // GLPK ends glp_intopt with GLP_ESTOP at its next check, keeping the incumbent.
            glp_ios_terminate(tree)
            return
        }

        let reason = glp_ios_reason(tree)
        if reason == GLP_IBINGO && monitor.stopsAtFirstSolution {
            // The incumbent just found is kept; GLPK ends glp_intopt with GLP_ESTOP.
            glp_ios_terminate(tree)
            return
        }
        switch reason {
        case GLP_ISELECT, GLP_IBINGO, GLP_IBRANCH, GLP_IHEUR:
            let best = glp_ios_best_node(tree)
            if best != 0 {
                monitor.recordBound(glp_ios_node_bound(tree, best))
            }
        default:
            break
        }

        guard reason == GLP_IHEUR, let incumbent = monitor.takeIncumbent() else { return }
        // glp_ios_heur_sol reads one value per column of the tree's problem. That is the
        // original problem only when the MIP presolver is off; check rather than trust it.
        let treeColumns = Int(glp_get_num_cols(glp_ios_get_prob(tree)))
        guard treeColumns == incumbent.count - 1 else {
            monitor.recordIncumbent(accepted: false)
            return
        }
        let status = incumbent.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
        monitor.recordIncumbent(accepted: status == 0)
    }

    // MARK: - Reading results

    /// `glp_get_status`: status of the basic (LP) solution.
    var lpStatus: Int32 { glp_get_status(pointer) }

    /// `glp_mip_status`: status of the integer solution.
    var mipStatus: Int32 { glp_mip_status(pointer) }

    var lpObjective: Double { glp_get_obj_val(pointer) }

    var mipObjective: Double { glp_mip_obj_val(pointer) }

    var lpValues: [Double] {
        columnValues(glp_get_col_prim)
    }

    /// Reduced costs of the basic (LP) solution, one per column.
    var lpReducedCosts: [Double] {
        columnValues(glp_get_col_dual)
    }

    var mipValues: [Double] {
        columnValues(glp_mip_col_val)
    }

    private func columnValues(_ read: (OpaquePointer?, Int32) -> Double) -> [Double] {
        let columns = glp_get_num_cols(pointer)
        guard columns > 0 else { return [] }
        return (1...columns).map { read(pointer, $0) }
    }

    // MARK: - Writing

    /// Writes the problem with GLPK's own writer; returns GLPK's return code (0 = success).
    func write(_ format: ModelExportFormat, toPath path: String) -> Int32 {
        path.withCString { path in
            switch format {
            case .mps: glp_write_mps(pointer, GLP_MPS_FILE, nil, path)
            case .lp: glp_write_lp(pointer, nil, path)
            }
        }
    }

    /// Reads a model file with GLPK's own reader and summarises it (test support for exports).
    static func read(_ format: ModelExportFormat, fromPath path: String) -> GLPKReadBack? {
        withEnvironment {
            guard let pointer = glp_create_prob() else { return nil }
            defer { glp_delete_prob(pointer) }
            let code = path.withCString { path in
                switch format {
                case .mps: glp_read_mps(pointer, GLP_MPS_FILE, nil, path)
                case .lp: glp_read_lp(pointer, nil, path)
                }
            }
            guard code == 0 else { return nil }
            let rows = glp_get_num_rows(pointer)
            let columns = glp_get_num_cols(pointer)
            func name(_ raw: UnsafePointer<CChar>?) -> String { raw.map { String(cString: $0) } ?? "" }
            return GLPKReadBack(
                rows: Int(rows),
                columns: Int(columns),
                nonZeros: Int(glp_get_num_nz(pointer)),
                integerColumns: Int(glp_get_num_int(pointer)),
                maximize: glp_get_obj_dir(pointer) == GLP_MAX,
                rowNames: rows > 0 ? (1...rows).map { name(glp_get_row_name(pointer, $0)) } : [],
                columnNames: columns > 0 ? (1...columns).map { name(glp_get_col_name(pointer, $0)) } : [])
        }
    }

    // MARK: - Funnel: Swift values to GLPK values

    /// GLPK's 1-based row or column number for a 0-based index. The model caps counts at
    /// 100 000 000, so this cannot overflow; the precondition documents the invariant.
    private static func index(_ zeroBased: Int) -> Int32 {
        precondition(zeroBased >= 0 && zeroBased < Validation.maximumRowsOrColumns)
        return Int32(zeroBased + 1)
    }

    private static func count(_ count: Int) -> Int32 {
        precondition(count >= 0 && count <= Validation.maximumNonZeros)
        return Int32(count)
    }

    /// GLPK's bound type for an optional range. Equal bounds must be `GLP_FX`: GLPK's solvers
    /// reject a `GLP_DB` range whose lower bound is not strictly below its upper bound.
    private static func boundType(lower: Double?, upper: Double?) -> (type: Int32, lower: Double, upper: Double) {
        switch (lower, upper) {
        case (nil, nil): (GLP_FR, 0, 0)
        case (let lower?, nil): (GLP_LO, lower, 0)
        case (nil, let upper?): (GLP_UP, 0, upper)
        case (let lower?, let upper?) where lower == upper: (GLP_FX, lower, upper)
        case (let lower?, let upper?): (GLP_DB, lower, upper)
        }
    }

    /// The model name as GLPK can store it: bytes outside printable ASCII (including spaces)
    /// become `_` and the result is cut to 255 bytes, since GLPK aborts on control characters
    /// and long names and `Model.init` cannot reject them. `nil` for an empty name.
    private static func problemName(_ name: String) -> String? {
        let bytes = name.utf8.prefix(Validation.maximumNameBytes).map {
            (0x21...0x7E).contains($0) ? $0 : UInt8(ascii: "_")
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// "obj", or the first of "obj_1", "obj_2", ... that no constraint uses, so the objective
    /// row cannot share a name with a constraint in the LP file.
    private static func objectiveRowName(for model: Model) -> String {
        var candidate = "obj"
        var suffix = 0
        while model.hasConstraint(named: candidate) {
            suffix += 1
            candidate = "obj_\(suffix)"
        }
        return candidate
    }
}

extension BranchingRule {
    fileprivate var glpkValue: Int32 {
        switch self {
        case .firstFractional: GLP_BR_FFV
        case .lastFractional: GLP_BR_LFV
        case .mostFractional: GLP_BR_MFV
        case .driebeckTomlin: GLP_BR_DTH
        case .hybridPseudoCost: GLP_BR_PCH
        }
    }
}

extension BacktrackingRule {
    fileprivate var glpkValue: Int32 {
        switch self {
        case .depthFirst: GLP_BT_DFS
        case .breadthFirst: GLP_BT_BFS
        case .bestLocalBound: GLP_BT_BLB
        case .bestProjection: GLP_BT_BPH
        }
    }
}
