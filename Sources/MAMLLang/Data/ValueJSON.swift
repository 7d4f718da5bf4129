import MAMLCore

/// Every kind of value as JSON and back (docs/language.md,
/// "Files"). What `save(x, "f.json")` writes, `load("f.json")` reads back as
/// an equal value.
///
/// Plain data uses plain JSON, so other tools read it directly: a number is
/// a number, a string a string, a matrix an array of rows (`[[1, 2], [3,
/// 4]]`; a row vector `[[1, 2, 3]]`), a list an array, a struct an object.
/// Reading follows MATLAB's `jsondecode`: an array of numbers is a row
/// vector, an array of equally long arrays of numbers a matrix (of booleans:
/// a logical array), `null` is NaN, any other array a list. Where that reading would not give the value
/// back (an empty matrix, a list of numbers), and for the kinds JSON has no
/// word for, the value is an object tagged with `"$type"`: `matrix` (with
/// `size`), `complex` (with `size`, and `re` and `im`, the real and the
/// imaginary parts written as real matrices are), `list` (with `items`), `task`, `taskset`, `run`, `ramp`, `auto`,
/// `landscape`. Figures, functions and task distributions (which hold a
/// function) cannot be written as JSON: `save` says so.
enum ValueJSON {
    // MARK: Encoding

    /// `value` as JSON; throws for values JSON cannot hold (figures, functions).
    static func encode(_ value: Value) throws -> JSON {
        switch value {
        case .number(let x): return .number(x)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .matrix(let m): return matrix(m.matrix)
        case .logical(let m):
            if m.count == 0 { return tagged("matrix", [("size", .array([.number(Double(m.rows)), .number(Double(m.cols))])), ("logical", .bool(true))]) }
            return .array((0..<m.rows).map { i in .array((0..<m.cols).map { j in .bool(m[i, j] != 0) }) })
        case .range(let r): return matrix(r.matrix)
        case .complex(let z):
            return tagged("complex", [("size", .array([.number(Double(z.rows)), .number(Double(z.cols))])),
                                      ("re", matrix(z.matrix.real)), ("im", matrix(z.matrix.imaginary))])
        case .list(let l):
            let items = try l.items.map(encode)
            if readsAsList(items) { return .array(items) }
            return tagged("list", [("items", .array(items))])
        case .structure(let s):
            return .object(try s.fields.map { ($0.name, try encode($0.value)) })
        case .task(let t): return task(t)
        case .taskSet(let s): return tagged("taskset", [("tasks", .array(s.tasks.map(task)))])
        case .run(let r): return run(r)
        case .ramp(let s):
            guard case let .ramp(a, b) = s.kind else { return step(s) }
            return tagged("ramp", [("from", .number(a)), ("to", .number(b))])
        case .auto: return tagged("auto", [("safety", .null)])
        case .object(let o as LandscapeValue): return landscape(o)
        case .function(let f):
            throw LangError("a function (\(f.text)) cannot be saved as JSON; save its results instead")
        case .object(let o as TaskDistributionValue):
            throw LangError("a task distribution cannot be saved as JSON: it holds a function (\(o.draw.text)); save sample(D, k), a task set, instead")
        case .object(let o):
            throw LangError("\(value.typeDescription) cannot be saved as JSON" + (o is any FigureObject ? "; save a figure as .png, .pdf or .svg" : ""))
        }
    }

    /// A matrix: an array of rows; an empty one tagged with its size.
    static func matrix(_ m: Matrix) -> JSON {
        if m.count == 1 { return .number(m.storage[0]) }
        if m.count == 0 { return tagged("matrix", [("size", .array([.number(Double(m.rows)), .number(Double(m.cols))]))]) }
        return rows(m)
    }

    /// The rows of a matrix as arrays, whatever its size (task matrices stay
    /// arrays of rows even when 1×1).
    private static func rows(_ m: Matrix) -> JSON {
        .array((0..<m.rows).map { i in .array((0..<m.cols).map { j in .number(m[i, j]) }) })
    }

    private static func task(_ t: LQRTask) -> JSON {
        tagged("task", [("A", rows(t.A)), ("B", rows(t.B)), ("Q", rows(t.Q)), ("R", rows(t.R)), ("Sigma0", rows(t.Sigma0))]
                       + TaskKindArguments.json(t.kind, rows: rows))
    }

    private static func run(_ value: RunValue) -> JSON {
        let r = value.run
        let o = r.options
        var stop: [(String, JSON)]
        switch r.status {
        case .completed(let n): stop = [("kind", .string("completed")), ("iters", .number(Double(n)))]
        case let .converged(k, g, tol):
            stop = [("kind", .string("converged")), ("iteration", .number(Double(k))), ("gradnorm", .number(g)), ("tol", .number(tol))]
        case let .stopped(k, reason):
            stop = [("kind", .string("stopped")), ("iteration", .number(Double(k))), ("reason", .string(reason))]
        case .interrupted(let k):
            stop = [("kind", .string("interrupted")), ("iteration", .number(Double(k)))]
        }
        var modelFree = JSON.null
        if let z = o.modelFree {
            modelFree = .object([("samples", .number(Double(z.samples))), ("radius", .number(z.radius)),
                                 ("horizon", .number(Double(z.horizon))), ("noise", .number(z.noise)),
                                 ("estimator", .string(z.estimator.rawValue)), ("seed", .string(String(z.seed)))]
                                + (z.dt.map { [("dt", JSON.number($0))] } ?? [])
                                + (z.outputNoise > 0 ? [("output_noise", JSON.number(z.outputNoise))] : []))
        }
        var policy = JSON.null
        if let p = r.policy {
            let stepJSON: JSON
            switch p.step {
            case .constant(let x): stepJSON = .number(x)
            case .auto: stepJSON = .string("auto")
            }
            policy = .object([("method", .string(p.method.rawValue)), ("step", stepJSON)])
        }
        return tagged("run", [
            ("name", value.name.map(JSON.string) ?? .null),
            ("status", .string(r.statusText)),
            ("stop", .object(stop)),
            ("method", .string(o.method.rawValue)),
            ("eta_policy", step(o.eta)),
            ("beta_policy", step(o.beta)),
            ("iters", .number(Double(o.iterations))),
            ("tol", .number(o.tolerance)),
            ("model_free", modelFree),
            ("policy_optimization", policy),
            ("time", .number(r.time)),
            ("W0", rows(r.W0)),
            ("W", rows(r.W)),
        ] + RunSeries.allCases.map { ($0.rawValue, .array($0.values(of: r).map(JSON.number))) } + [
            ("rollouts", .number(Double(r.rollouts))),
            ("iterates", .array(r.iterates.map(rows))),
        ])
    }

    private static func step(_ s: StepSchedule) -> JSON {
        switch s.kind {
        case .constant(let x): return .number(x)
        case let .ramp(a, b): return .object([("ramp", .array([.number(a), .number(b)]))])
        case .auto(let f): return .object([("auto", .number(f))])
        }
    }

    private static func landscape(_ l: LandscapeValue) -> JSON {
        let p = l.plane
        return tagged("landscape", [
            ("eta", .number(l.landscape.eta)),
            ("whole_plane", .bool(l.isWholePlane)),
            ("shared_dynamics", .bool(l.sharedDynamics)),
            ("grid", .array([.string(l.gridText.0), .string(l.gridText.1)])),
            ("center", rows(p.center)),
            ("dir1", rows(p.direction1)),
            ("dir2", rows(p.direction2)),
            ("w1", .array(p.xs.map(JSON.number))),
            ("w2", .array(p.ys.map(JSON.number))),
            ("values", rows(l.landscape.values)),
            ("rho", rows(l.landscape.taskRadius)),
            ("maml_rho", rows(l.landscape.mamlRadius)),
        ])
    }

    private static func tagged(_ type: String, _ members: [(String, JSON)]) -> JSON {
        .object([("$type", .string(type))] + members)
    }

    /// Whether a plain array of these items is read back as a list (not as a
    /// row vector or a matrix).
    private static func readsAsList(_ items: [JSON]) -> Bool {
        if case .list = (try? decodeArray(items, at: "")) ?? .bool(false) { return true }
        return false
    }

    // MARK: Decoding

    /// The value a JSON document holds; `at` names the place in messages
    /// (`runs[2].W`).
    static func decode(_ json: JSON, at path: String = "the file") throws -> Value {
        switch json {
        case .null: return .number(.nan)
        case .bool(let b): return .bool(b)
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .array(let items): return try decodeArray(items, at: path)
        case .object(let members):
            if case .string(let type)? = json["$type"] { return try decodeTagged(type, json, at: path) }
            if json["$type"] != nil { throw LangError("\(path): \"$type\" must be a string") }
            var s = StructValue()
            for (key, value) in members {
                let field = try decode(value, at: "\(path).\(key)")
                try Value.checkNesting(of: field)
                s[fieldName(key, existing: s.names)] = field
            }
            return .structure(s)
        }
    }

    /// An array: a row vector of numbers, a matrix of equally long rows of
    /// numbers, the same of booleans (a logical array, as MATLAB's
    /// jsondecode reads it), or a list. `[]` is the 0×0 matrix.
    private static func decodeArray(_ items: [JSON], at path: String) throws -> Value {
        if items.isEmpty { return .matrix(MatrixBox(Matrix(rows: 0, cols: 0))) }
        if let row = numbers(items) { return Value(Matrix(row: row)) }
        if let row = booleans(items) { return Value(logical: Matrix(row: row)) }
        if let m = try rowsOf(items, numbers) { return Value(m) }
        if let m = try rowsOf(items, booleans) { return Value(logical: m) }
        return .list(try ListValue(items.enumerated().map { k, item in try decode(item, at: "\(path)[\(k + 1)]") }))
    }

    /// The matrix of an array of equally long non-empty arrays, each read by
    /// `reading`; nil when the items are not so.
    private static func rowsOf(_ items: [JSON], _ reading: ([JSON]) -> [Double]?) throws -> Matrix? {
        var rowList: [[Double]] = []
        for item in items {
            guard case .array(let inner) = item, !inner.isEmpty, let row = reading(inner),
                  row.count == (rowList.first?.count ?? row.count) else { return nil }
            rowList.append(row)
        }
        guard let first = rowList.first else { return nil }
        try Limits.requireMatrix(rows: rowList.count, cols: first.count)
        return try Matrix(rowList)
    }

    /// An array of booleans as 0 and 1, nil otherwise.
    private static func booleans(_ items: [JSON]) -> [Double]? {
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .bool(let b) = item else { return nil }
            out.append(b ? 1 : 0)
        }
        return out
    }

    /// The numbers of an array of numbers and nulls (NaN), nil otherwise.
    private static func numbers(_ items: [JSON]) -> [Double]? {
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for item in items {
            switch item {
            case .number(let x): out.append(x)
            case .null: out.append(.nan)
            default: return nil
            }
        }
        return out
    }

    private static func decodeTagged(_ type: String, _ json: JSON, at path: String) throws -> Value {
        var reader = TaggedReader(json: json, path: path, type: type)
        switch type {
        case "matrix":
            let size = try reader.numbers("size")
            guard size.count == 2, let r = wholeNumber(size[0]), let c = wholeNumber(size[1]) else {
                throw LangError("\(path): a matrix's size must be [rows, cols]")
            }
            let logical: Bool
            switch json["logical"] {
            case nil: logical = false
            case .bool(let b)?: logical = b
            default: throw LangError("\(path).logical must be true or false")
            }
            if r * c == 0 { return logical ? .logical(MatrixBox(Matrix(rows: r, cols: c))) : .matrix(MatrixBox(Matrix(rows: r, cols: c))) }
            let m = try reader.matrix("data")
            guard m.rows == r, m.cols == c else { throw LangError("\(path): the data is \(m.shapeDescription) but size says \(r)×\(c)") }
            return logical ? Value(logical: m) : Value(m)
        case "complex":
            let size = try reader.numbers("size")
            guard size.count == 2, let r = wholeNumber(size[0]), let c = wholeNumber(size[1]) else {
                throw LangError("\(path): a complex value's size must be [rows, cols]")
            }
            func part(_ key: String) throws -> Matrix {
                if r * c == 0 { return Matrix(rows: r, cols: c) }
                guard let m = try decode(try reader.member(key), at: "\(path).\(key)").asMatrix, m.rows == r, m.cols == c else {
                    throw LangError("\(path).\(key) must be a \(r)×\(c) matrix of numbers, as \"size\" says")
                }
                return m
            }
            return Value(keepingComplex: try ComplexMatrix(real: try part("re"), imaginary: try part("im")))
        case "list":
            guard case .array(let items)? = json["items"] else { throw LangError("\(path): a list needs \"items\", an array") }
            return .list(try ListValue(items.enumerated().map { k, item in try decode(item, at: "\(path)[\(k + 1)]") }))
        case "task":
            return .task(try reader.task())
        case "taskset":
            guard case .array(let items)? = json["tasks"], !items.isEmpty else {
                throw LangError("\(path): a task set needs \"tasks\", a non-empty array of tasks")
            }
            let tasks = try items.enumerated().map { k, item -> LQRTask in
                var r = TaggedReader(json: item, path: "\(path).tasks[\(k + 1)]", type: "task")
                return try r.task()
            }
            return .taskSet(try reader.solver { try TaskSet(tasks) })
        case "run":
            return .run(try reader.run())
        case "ramp":
            let (from, to) = (try reader.number("from"), try reader.number("to"))
            return .ramp(try reader.solver { try .ramp(from: from, to: to) })
        case "auto":
            // "safety" is null: the factor is maml's safety=, given with the step.
            return .auto
        case "landscape":
            return .object(try reader.landscape())
        default:
            throw LangError("\(path): unknown \"$type\" \(quoted(type)) (mamlsh writes matrix, complex, list, task, taskset, run, ramp, auto, landscape)")
        }
    }

    /// A JSON member name as a field name: kept when it is an identifier,
    /// else made one (other characters become `_`, a leading digit gets an
    /// `x` before it, a clash gets `_2`, `_3`, …), as MATLAB's jsondecode does.
    static func fieldName(_ key: String, existing: [String]) -> String {
        var name = String(key.unicodeScalars.map { isIdentifierPart($0) ? Character($0) : "_" })
        if name.isEmpty { name = "x" }
        if let first = name.unicodeScalars.first, !isIdentifierStart(first) { name = "x" + name }
        if !existing.contains(name) { return name }
        var k = 2
        while existing.contains("\(name)_\(k)") { k += 1 }
        return "\(name)_\(k)"
    }

    static func wholeNumber(_ x: Double) -> Int? {
        guard x.isFinite, x == x.rounded(), x >= 0, x <= Double(Limits.maxEntries) else { return nil }
        return Int(x)
    }
}

/// Reads the members of one tagged object, with messages naming the path.
private struct TaggedReader {
    let json: JSON
    let path: String
    let type: String

    func member(_ key: String) throws -> JSON {
        guard let v = json[key] else { throw LangError("\(path): a saved \(type) needs \"\(key)\"") }
        return v
    }

    func number(_ key: String) throws -> Double {
        switch try member(key) {
        case .number(let x): return x
        case .null: return .nan
        default: throw LangError("\(path).\(key) must be a number")
        }
    }

    func integer(_ key: String) throws -> Int {
        guard let k = ValueJSON.wholeNumber(try number(key)) else { throw LangError("\(path).\(key) must be a whole number ≥ 0") }
        return k
    }

    func string(_ key: String) throws -> String {
        guard case .string(let s) = try member(key) else { throw LangError("\(path).\(key) must be a string") }
        return s
    }

    func bool(_ key: String) throws -> Bool {
        guard case .bool(let b) = try member(key) else { throw LangError("\(path).\(key) must be true or false") }
        return b
    }

    func numbers(_ key: String) throws -> [Double] {
        try numbers(try member(key), at: "\(path).\(key)")
    }

    func numbers(_ json: JSON, at place: String) throws -> [Double] {
        guard case .array(let items) = json else { throw LangError("\(place) must be an array of numbers") }
        return try items.map { item in
            switch item {
            case .number(let x): return x
            case .null: return .nan
            default: throw LangError("\(place) must be an array of numbers")
            }
        }
    }

    func matrix(_ key: String) throws -> Matrix {
        try matrix(try member(key), at: "\(path).\(key)")
    }

    /// An array of equally long rows of numbers (a number is 1×1).
    func matrix(_ json: JSON, at place: String) throws -> Matrix {
        if case .number(let x) = json { return Matrix(scalar: x) }
        guard case .array(let rowItems) = json else { throw LangError("\(place) must be a matrix (an array of rows)") }
        let rows = try rowItems.map { try numbers($0, at: place) }
        if let w = rows.first?.count {
            try Limits.requireMatrix(rows: rows.count, cols: w)
        }
        do {
            return try Matrix(rows)
        } catch {
            throw LangError("\(place): \(Interpreter.message(of: error))")
        }
    }

    /// Runs a MAMLCore constructor, naming the path in its error.
    func solver<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw LangError("\(path): \(Interpreter.message(of: error))")
        }
    }

    mutating func task() throws -> LQRTask {
        guard case .string("task")? = json["$type"] else { throw LangError("\(path) must be a saved task") }
        let a = try matrix("A"), b = try matrix("B"), q = try matrix("Q"), r = try matrix("R")
        let sigma0 = json["Sigma0"] == nil ? nil : try matrix("Sigma0")
        let kind = try taskKind(n: a.rows, m: b.cols)
        return try solver { try LQRTask(A: a, B: b, Q: q, R: r, Sigma0: sigma0, kind: kind) }
    }

    /// The kind of a saved task: "kind" names it (absent: discrete), its
    /// arguments are members of the task, as `TaskKindArguments.json` writes them.
    func taskKind(n: Int, m: Int) throws -> any TaskKind {
        guard let k = json["kind"] else { return DiscreteKind() }
        guard case .string(let name) = k, let type = TaskKinds.type(named: name) else {
            throw LangError("\(path).kind must name a kind of task (\(([DiscreteKind.name] + TaskKinds.registered.map { $0.name }).map(quoted).joined(separator: ", ")))")
        }
        var arguments: [String: TaskKindArgument] = [:]
        for p in type.parameters {
            guard let j = json[p.name] else { continue }
            let place = "\(path).\(p.name)"
            switch (p.type, j) {
            case (.flag, .bool(let b)): arguments[p.name] = .flag(b)
            case (.flag, _): throw LangError("\(place) must be true or false")
            case (.numbers, _): arguments[p.name] = .numbers(try numbers(j, at: place))
            case (.matrices, .array(let items)):
                arguments[p.name] = .matrices(try items.enumerated().map { k, item in try matrix(item, at: "\(place)[\(k + 1)]") })
            case (.matrices, _): throw LangError("\(place) must be an array of matrices")
            case (.matrix, _): arguments[p.name] = .matrix(try matrix(j, at: place))
            case (.text, .string(let t)): arguments[p.name] = .text(t)
            case (.text, _): throw LangError("\(place) must be a string")
            }
        }
        return try solver {
            guard let kind = try type.make(arguments, n: n, m: m, where: "") else {
                throw MAMLError.invalidArgument("the arguments of a \(name) task are missing")
            }
            return kind
        }
    }

    /// The step schedule under `key` of a run, a constant one of `setting`.
    func step(_ key: String, _ setting: RequiredSetting) throws -> StepSchedule {
        let j = try member(key)
        if case .number(let x) = j { return try solver { try .constant(x, setting) } }
        if let ramp = j["ramp"] {
            let ends = try numbers(ramp, at: "\(path).\(key).ramp")
            guard ends.count == 2 else { throw LangError("\(path).\(key).ramp must be [from, to]") }
            return try solver { try .ramp(from: ends[0], to: ends[1]) }
        }
        if case .number(let f)? = j["auto"] { return try solver { try .auto(safety: f) } }
        throw LangError("\(path).\(key) must be a number, {\"ramp\": [from, to]} or {\"auto\": safety}")
    }

    func run() throws -> RunValue {
        let name: String?
        switch try member("name") {
        case .null: name = nil
        case .string(let s): name = s
        default: throw LangError("\(path).name must be a string or null")
        }
        guard case .array(let iterateItems) = try member("iterates") else { throw LangError("\(path).iterates must be an array of gains") }
        let iterates = try iterateItems.enumerated().map { k, item in try matrix(item, at: "\(path).iterates[\(k + 1)]") }
        let stop = TaggedReader(json: try member("stop"), path: "\(path).stop", type: "run's stop")
        let status: RunStatus
        switch try stop.string("kind") {
        case "completed": status = .completed(iterations: try stop.integer(stop.json["iters"] == nil ? "iterations" : "iters"))
        case "converged":
            status = .converged(iteration: try stop.integer("iteration"), gradNorm: try stop.number("gradnorm"), tolerance: try stop.number("tol"))
        case "stopped": status = .stopped(iteration: try stop.integer("iteration"), reason: try stop.string("reason"))
        case "interrupted": status = .interrupted(iteration: try stop.integer("iteration"))
        case let other: throw LangError("\(path).stop.kind \(quoted(other)) is not completed, converged, stopped or interrupted")
        }
        guard let method = GradientMethod(rawValue: try string("method")) else {
            throw LangError("\(path).method must be \"exact\" or \"first-order\"")
        }
        var modelFree: RolloutSettings?
        if let z = json["model_free"], z != .null {
            let r = TaggedReader(json: z, path: "\(path).model_free", type: "run's model_free")
            guard let seed = UInt64(try r.string("seed")) else { throw LangError("\(path).model_free.seed must be a whole number in a string") }
            // Runs saved before noise and one-point estimates existed have neither.
            let noise = z["noise"] == nil ? 0 : try r.number("noise")
            let estimatorName = z["estimator"] == nil ? "two-point" : try r.string("estimator")
            guard let estimator = RolloutSettings.Estimator(rawValue: estimatorName) else {
                throw LangError("\(path).model_free.estimator must be \"two-point\" or \"one-point\"")
            }
            let (samples, radius, horizon) = (try r.integer("samples"), try r.number("radius"), try r.integer("horizon"))
            let dt = z["dt"] == nil ? nil : try r.number("dt")     // given for a continuous-time task's rollouts only
            let outputNoise = z["output_noise"] == nil ? 0 : try r.number("output_noise")   // output-feedback tasks only
            modelFree = try solver { try RolloutSettings(samples: samples, radius: radius, horizon: horizon, noise: noise,
                                                         estimator: estimator, seed: seed, dt: dt, outputNoise: outputNoise) }
        }
        // The iteration count asked for is "iters", as maml(iters=) names it;
        // runs saved before held it beside the count done, "iterations".
        let iterations = try integer(json["iters"] == nil ? "iterations" : "iters")
        let (eta, beta) = (try step("eta_policy", MAMLPoint.eta), try step("beta_policy", MAMLRunOptions.beta))
        let tolerance = try number("tol")
        let options = try solver { try MAMLRunOptions(eta: eta, beta: beta, iterations: iterations, tolerance: tolerance,
                                                      method: method, modelFree: modelFree) }
        var policy: PolicyOptimizationOptions?
        if let p = json["policy_optimization"], p != .null {
            let r = TaggedReader(json: p, path: "\(path).policy_optimization", type: "run's policy_optimization")
            guard let update = PolicyUpdate(rawValue: try r.string("method")) else {
                throw LangError("\(path).policy_optimization.method must be \"gradient\", \"natural\" or \"gauss-newton\"")
            }
            let stepPolicy: PolicyOptimizationStep
            switch try r.member("step") {
            case .string("auto"): stepPolicy = .auto
            case .number(let x): stepPolicy = .constant(x)
            default: throw LangError("\(path).policy_optimization.step must be a number or \"auto\"")
            }
            policy = try solver { try PolicyOptimizationOptions(method: update, step: stepPolicy, iterations: options.iterations,
                                                                tolerance: options.tolerance) }
        }
        // Runs saved before .cosine and .gradnorm_est existed lack them: NaN.
        let addedLater: Set<RunSeries> = [.cosine, .gradnorm_est]
        var series: [RunSeries: [Double]] = [:]
        for s in RunSeries.allCases where json[s.rawValue] != nil || !addedLater.contains(s) {
            series[s] = try numbers(s.rawValue)
        }
        let time = try number("time")
        let rollouts = json["rollouts"] == nil ? 0 : try integer("rollouts")
        let run = try solver {
            try MAMLRun(iterates: iterates, series: series, status: status, time: time, options: options, policy: policy,
                        rollouts: rollouts)
        }
        return RunValue(run, name: name)
    }

    func landscape() throws -> LandscapeValue {
        guard case .array(let grid) = try member("grid"), grid.count == 2,
              case .string(let g1) = grid[0], case .string(let g2) = grid[1] else {
            throw LangError("\(path).grid must be two strings")
        }
        let plane = try solver {
            try GainPlane(center: try matrix("center"), direction1: try matrix("dir1"), direction2: try matrix("dir2"),
                          xs: try numbers("w1"), ys: try numbers("w2"))
        }
        let landscape = try solver {
            try Landscape(plane: plane, eta: try number("eta"), values: try matrix("values"),
                          taskRadius: try matrix("rho"), mamlRadius: try matrix("maml_rho"))
        }
        return LandscapeValue(landscape, isWholePlane: try bool("whole_plane"),
                              sharedDynamics: try bool("shared_dynamics"), gridText: (g1, g2))
    }
}

extension Value {
    /// The value as the JSON text `save(x, "f.json")` writes (and `load`
    /// reads back as an equal value); throws for values JSON cannot hold
    /// (figures, functions, task distributions).
    public func jsonText() throws -> String {
        try ValueJSON.encode(self).text() + "\n"
    }
}
