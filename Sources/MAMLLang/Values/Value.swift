import MAMLCore

/// A value of the language (docs/language.md, "Values").
///
/// Kept small (32 bytes): matrices and tasks live in a box of their own,
/// so that copying a value — which the interpreter does at every variable
/// read and write — moves a few words, not a task's five matrices.
///
/// A number is a 1×1 matrix wherever a matrix is expected: operations that
/// produce a 1×1 matrix give back a `.number` (see `Value.init(_: Matrix)`),
/// and `asMatrix` turns numbers, booleans and ranges into matrices.
public enum Value: Sendable {
    /// A double.
    case number(Double)
    /// `true` / `false`.
    case bool(Bool)
    /// Text.
    case string(String)
    /// A matrix (never 1×1: that is a number), in a box that copies of the
    /// value share until one of them is changed in place (`MatrixBox`).
    case matrix(MatrixBox)
    /// A matrix of 0/1 from a comparison or a logical operator (never 1×1:
    /// that is a boolean). Indexing with it selects where it is 1.
    case logical(MatrixBox)
    /// A complex number or matrix (`3 + 2i`, `eig(M)` of a rotation), in a
    /// box of its own (`ComplexBox`). Complex values are kept apart from the
    /// real ones above: real arithmetic never looks at them.
    case complex(ComplexBox)
    /// `a:s:b`, a row vector that is not stored entry by entry.
    case range(RangeValue)
    /// `{…}`, indexed from 1.
    case list(ListValue)
    /// Named fields in the order they were created (`s.a = 1`, `struct(a=1)`).
    case structure(StructValue)
    /// A function as a value: `@(x) x .^ 2`, `@gap`, `@sin`.
    case function(FunctionValue)
    /// One LQR task.
    indirect case task(LQRTask)
    /// A set of tasks of equal sizes.
    case taskSet(TaskSet)
    /// A run of Algorithm 1, with the name it took when first assigned.
    case run(RunValue)
    /// `ramp(a, b)`: a step schedule for `eta=` / `beta=` of `maml`.
    case ramp(StepSchedule)
    /// `auto`: the choice left to mamlsh (the certified step of `maml` and
    /// `pg`, the default scale of `logx=` / `logy=`).
    case auto
    /// Any other kind of value (landscapes, figures, …) supplied by another module.
    case object(any ScriptObject)

    /// A matrix as a value: a 1×1 matrix becomes a number.
    public init(_ m: Matrix) {
        self = m.rows == 1 && m.cols == 1 ? .number(m.storage[0]) : .matrix(MatrixBox(m))
    }

    /// A matrix of 0/1 as a logical value: a 1×1 one becomes a boolean.
    public init(logical m: Matrix) {
        self = m.rows == 1 && m.cols == 1 ? .bool(m.storage[0] != 0) : .logical(MatrixBox(m))
    }

    /// The value as a matrix, when it is numeric (number, boolean, matrix or range).
    public var asMatrix: Matrix? {
        switch self {
        case .number(let x): return Matrix(scalar: x)
        case .bool(let b): return Matrix(scalar: b ? 1 : 0)
        case .matrix(let m), .logical(let m): return m.matrix
        case .range(let r): return r.matrix
        default: return nil
        }
    }

    /// The value as one number, when it is a number, a boolean or a 1×1 matrix.
    public var asScalar: Double? {
        switch self {
        case .number(let x): return x
        case .bool(let b): return b ? 1 : 0
        case .matrix(let m) where m.count == 1, .logical(let m) where m.count == 1: return m.storage[0]
        case .range(let r) where r.count == 1: return r.start
        default: return nil
        }
    }

    /// Whether the value is numeric (a number, a boolean, a matrix or a range).
    var isNumeric: Bool { asShape != nil }

    /// rows × cols of a numeric value, without materializing ranges.
    package var asShape: (rows: Int, cols: Int)? {
        switch self {
        case .number, .bool: return (1, 1)
        case .matrix(let m), .logical(let m): return (m.rows, m.cols)
        case .range(let r): return (1, r.count)
        default: return nil
        }
    }

    /// How messages name the kind of value: "a number", "a 2×3 matrix", "a task set".
    public var typeDescription: String {
        switch self {
        case .number: return "a number"
        case .bool: return "a boolean"
        case .string: return "a string"
        case .matrix(let m): return "a \(m.shapeDescription) matrix"
        case .logical(let m): return "a \(m.shapeDescription) logical array"
        case .complex(let z): return z.count == 1 ? "a complex number" : "a complex \(z.shapeDescription) matrix"
        case .function: return "a function"
        case .range(let r): return "a 1×\(r.count) range"
        case .list: return "a list"
        case .structure: return "a struct"
        case .task: return "a task"
        case .taskSet: return "a task set"
        case .run: return "a run"
        case .ramp, .auto: return "a step policy"
        case .object(let o): return o.typeName.first.map { "aeiou".contains($0) } == true ? "an \(o.typeName)" : "a \(o.typeName)"
        }
    }

    /// The field names `x.` offers (for errors and completion).
    public var fieldNames: [String] {
        switch self {
        case .task(let t): return ["A", "B", "Q", "R", "Sigma0", "n", "m", "kind"] + t.kind.fieldNames
        case .taskSet: return ["count", "n", "m"]
        case .run: return RunValue.fieldNames
        case .object(let o): return o.fieldNames
        case .structure(let s): return s.names
        default: return []
        }
    }
}

/// A kind of value defined outside the language core (a landscape, a
/// figure): how it is named, shown, and which fields it has.
public protocol ScriptObject: AnyObject, Sendable {
    /// The kind's name, e.g. "landscape".
    var typeName: String { get }
    /// The text the REPL echoes for it (may span lines).
    var displayText: String { get }
    /// A short form for use inside lists, e.g. "[landscape 61×61]".
    var summary: String { get }
    /// The fields `x.name` can read.
    var fieldNames: [String] { get }
    /// The value of field `name` (nil when there is no such field).
    func field(_ name: String) -> Value?
    /// The bytes its data takes, for `:vars` (nil: not measured, the default).
    var byteCount: Int? { get }
}

/// An inclusive range `start:step:stop`, kept as (start, step, count).
public struct RangeValue: Sendable, Equatable {
    /// The first element.
    public let start: Double
    /// The increment.
    public let step: Double
    /// Number of elements (≥ 0).
    public let count: Int

    /// start, start + step, … up to stop (with Octave's tolerance of a few ulps
    /// so that `0:0.1:1` has 11 elements). Throws on a zero or non-finite step
    /// or more than `Limits.maxEntries` elements.
    public init(start: Double, step: Double, stop: Double) throws {
        count = try RangeValue.count(start: start, step: step, stop: stop, limit: Limits.maxEntries)
        self.start = start
        self.step = step
    }

    /// The number of elements of `start:step:stop`, at most `limit` (a
    /// `for` loop over a range allows more than a range value holds).
    static func count(start: Double, step: Double, stop: Double, limit: Int) throws -> Int {
        guard start.isFinite, step.isFinite, stop.isFinite else {
            throw LangError("a range needs finite numbers (got \(formatShort(start)):\(formatShort(step)):\(formatShort(stop)))")
        }
        guard step != 0 else { throw LangError("the step of a range cannot be 0") }
        let span = (stop - start) / step
        if span < 0 { return 0 }
        let n = (span + span * 4 * Double.ulpOfOne + 1e-10).rounded(.down) + 1
        guard n <= Double(limit) else {
            throw LangError("the range \(formatShort(start)):\(formatShort(step)):\(formatShort(stop)) has \(formatShort(n)) elements; the limit is \(limit)")
        }
        return Int(n)
    }

    /// Element k (0-based).
    public func element(_ k: Int) -> Double { start + Double(k) * step }

    /// The range as a 1×count row vector.
    public var matrix: Matrix { Matrix(row: (0..<count).map(element)) }
}

extension Value {
    /// How deeply containers nest in the value: 0 for plain data; for a
    /// list, a struct or an anonymous function (its captured values), 1 + the
    /// deepest container inside. Kept at most about `Limits.maxListDepth`,
    /// so that showing, comparing, saving and freeing a value recurse only
    /// that deep.
    var nestingDepth: Int {
        switch self {
        case .list(let l): return l.depth
        case .structure(let s): return s.depth
        case .function(let f): return f.depth
        default: return 0
        }
    }

    /// Throws unless `value` can go inside a container (a list item, a struct
    /// field, a value an anonymous function captures) without containers
    /// nesting deeper than `Limits.maxListDepth`.
    static func checkNesting(of value: Value) throws {
        if value.nestingDepth + 1 > Limits.maxListDepth { throw tooDeep }
    }

    /// The error for containers nested past `Limits.maxListDepth`.
    static var tooDeep: LangError {
        LangError("values nest too deeply (more than \(Limits.maxListDepth) levels of lists, structs and functions)")
    }
}

/// A list of values with its nesting depth (kept so that deep nesting is refused cheaply).
public struct ListValue: Sendable {
    /// The items, item 1 first.
    public private(set) var items: [Value]
    /// 1 + the nesting depth of the deepest item (1 for a list of plain data;
    /// after an item is replaced, possibly more than the deepest left).
    public private(set) var depth: Int

    /// A list of items that are not lists (nesting depth 1).
    init(flat items: [Value]) {
        self.items = items
        self.depth = 1
    }

    /// A list of `items`; throws when containers nest deeper than `Limits.maxListDepth`.
    public init(_ items: [Value]) throws {
        var d = 1
        for item in items { d = max(d, item.nestingDepth + 1) }
        if d > Limits.maxListDepth { throw Value.tooDeep }
        self.items = items
        self.depth = d
    }

    /// Item k (0-based, in range) moved out, leaving a placeholder, so the
    /// caller can change it in place and `put` it back.
    mutating func take(_ k: Int) -> Value {
        let v = items[k]
        items[k] = .number(0)
        return v
    }

    /// Removes the items at `indices` (0-based, in range).
    mutating func remove(at indices: Set<Int>) {
        items = items.enumerated().filter { !indices.contains($0.offset) }.map(\.element)
    }

    /// Replaces item k (0-based, in range) or appends at `items.count`, in
    /// place (amortized O(1) when the list is not shared). The caller checks
    /// `Value.checkNesting(of:)` first.
    mutating func set(_ k: Int, _ value: Value) {
        depth = max(depth, value.nestingDepth + 1)
        if k == items.count { items.append(value) } else { items[k] = value }
    }
}

/// A struct: named fields in the order they were first set. Field names
/// are identifiers; a name holds one value.
public struct StructValue: Sendable {
    /// The field names, in order.
    public private(set) var names: [String] = []
    /// The values, parallel to `names`.
    public private(set) var values: [Value] = []
    /// 1 + the nesting depth of the deepest field (see `Value.nestingDepth`;
    /// after a field is replaced, possibly more than the deepest left).
    public private(set) var depth = 1

    /// An empty struct.
    public init() {}

    /// A struct with these fields, in order (a repeated name keeps its last value).
    public init(_ fields: [(String, Value)]) {
        for (name, value) in fields { self[name] = value }
    }

    /// The value of field `name` (nil when there is no such field);
    /// setting adds the field at the end or replaces its value.
    public subscript(name: String) -> Value? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            if let newValue { depth = max(depth, newValue.nestingDepth + 1) }
            if let k = names.firstIndex(of: name) {
                if let newValue { values[k] = newValue } else { names.remove(at: k); values.remove(at: k) }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
        }
    }

    /// Replaces the value of the existing field `name` by the number `x`, in
    /// place; false (nothing changed) when there is no such field. A number
    /// nests nothing, so the depth stays.
    mutating func setNumber(_ x: Double, field name: String) -> Bool {
        guard let k = names.firstIndex(of: name) else { return false }
        values[k] = .number(x)
        return true
    }

    /// The value of field `name` moved out (left as a placeholder), so the
    /// caller can change it in place and set it back.
    mutating func take(_ name: String) -> Value? {
        guard let k = names.firstIndex(of: name) else { return nil }
        let v = values[k]
        values[k] = .number(0)
        return v
    }

    /// The fields as (name, value) pairs, in order.
    public var fields: [(name: String, value: Value)] { Array(zip(names, values)) }
}

/// A run of Algorithm 1 with its display name. The name is given when an
/// unnamed run is first assigned to a variable (`r1 = maml(…)` names it
/// "r1", by storing a named copy); plots use it as the legend label.
public final class RunValue: Sendable {
    /// The record from MAMLCore.
    public let run: MAMLRun
    /// The run's name (nil until it is first assigned).
    public let name: String?

    /// Wraps a run.
    public init(_ run: MAMLRun, name: String? = nil) {
        self.run = run
        self.name = name
    }
}

/// An error raised while evaluating, before the interpreter gives it a location.
package struct LangError: Error, CustomStringConvertible {
    package let message: String
    /// Where it belongs when the thrower knows better than the caller.
    package var location: SourceLocation?

    package init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    package var description: String { message }
}

/// The box a matrix value keeps its matrix in. Copies of the value share
/// the box; the interpreter changes a matrix in place (`x[i] = v`,
/// `x[end+1] = v`, `v = [v x]`) only through a box that nothing else holds
/// (`Value.uniqueMatrix`), so values keep value semantics and a loop that
/// fills or grows a vector makes no new box at each step.
@dynamicMemberLookup
public final class MatrixBox: @unchecked Sendable {
    // @unchecked: the matrix is changed only through a uniquely held box,
    // which no other thread can see.
    /// The matrix.
    public internal(set) var matrix: Matrix

    /// A box holding `matrix`.
    public init(_ matrix: Matrix) { self.matrix = matrix }

    /// The matrix's properties read through the box (`box.rows`, `box.storage`).
    public subscript<T>(dynamicMember keyPath: KeyPath<Matrix, T>) -> T { matrix[keyPath: keyPath] }

    /// Entry (i, j) of the matrix.
    public subscript(i: Int, j: Int) -> Double { matrix[i, j] }
}

extension Value {
    /// The matrix of a matrix or logical value moved out of `v` in a box
    /// that nothing else holds (copied when it was shared), and whether it
    /// is logical; nil, with `v` untouched, for any other value. The caller
    /// changes `box.matrix` and puts a value back (`Value(boxed:logical:)`).
    static func uniqueMatrix(_ v: inout Value?) -> (box: MatrixBox, logical: Bool)? {
        let taken = v.take()
        switch consume taken {
        case .matrix(var box)?:
            if !isKnownUniquelyReferenced(&box) { box = MatrixBox(box.matrix) }
            return (box, false)
        case .logical(var box)?:
            if !isKnownUniquelyReferenced(&box) { box = MatrixBox(box.matrix) }
            return (box, true)
        case let other:
            v = other
            return nil
        }
    }

    /// Changes the struct `v` holds in place by `change` (its result is
    /// returned): `v` is emptied while `change` runs, so the struct's
    /// storage has no other holder unless something else shares it. False
    /// when `v` holds no struct (`v` unchanged).
    static func changeStruct(_ v: inout Value?, _ change: (inout StructValue) -> Bool) -> Bool {
        guard case .structure(var s)? = v else { return false }
        v = nil  // `s` is now the only holder of the struct's storage (unless something else shares it)
        let result = change(&s)
        v = .structure(s)
        return result
    }

    /// Changes the list `v` holds in place by `change`, as `changeStruct`.
    static func changeList(_ v: inout Value?, _ change: (inout ListValue) -> Void) -> Bool {
        guard case .list(var l)? = v else { return false }
        v = nil
        change(&l)
        v = .list(l)
        return true
    }

    /// The value of a changed box: the box itself, kept, unless the matrix
    /// became 1×1 (a number or a boolean).
    init(boxed box: MatrixBox, logical: Bool) {
        if box.matrix.count == 1 && box.matrix.rows == 1 {
            self = logical ? .bool(box.matrix.storage[0] != 0) : .number(box.matrix.storage[0])
        } else {
            self = logical ? .logical(box) : .matrix(box)
        }
    }
}
