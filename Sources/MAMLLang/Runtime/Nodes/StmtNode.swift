import MAMLCore

/// How a statement ended: normally, or by `break`, `continue` or `return`,
/// which the enclosing loop or function takes.
enum Flow {
    case next
    case breakLoop
    case continueLoop
    case returnFunction
}

/// A compiled statement.
class StmtNode {
    /// Where the statement starts.
    let location: SourceLocation
    /// Whether a trailing `;` suppresses its echo.
    let silent: Bool

    init(_ location: SourceLocation, silent: Bool) {
        self.location = location
        self.silent = silent
    }

    func execute(_ i: Interpreter) throws -> Flow {
        throw Diagnostic("internal: a statement node without execute", at: location)
    }
}

/// Statements run in order: a loop's body, a branch, a function's body.
///
/// Running them reads the statements through unmanaged references in a
/// buffer of their own, so a loop step counts no references (the storage,
/// which the block holds, owns the statements).
struct Block {
    private let storage: BlockStorage
    /// The statements as the running code reads them.
    let entries: Entries

    init(_ statements: [StmtNode]) {
        storage = BlockStorage(statements)
        entries = Entries(buffer: storage.entries)
    }

    /// The statements.
    var statements: [StmtNode] { storage.statements }

    /// Runs the statements; see `Entries.run`.
    @inline(__always)
    func run(_ i: Interpreter) throws -> Flow { try entries.run(i) }

    /// Unmanaged references to a block's statements (valid while the block
    /// lives): what a call runs, without counting a reference to the block.
    struct Entries {
        fileprivate let buffer: UnsafeBufferPointer<Unmanaged<StmtNode>>

        /// Runs the statements; stops at Ctrl-C and passes `break`, `continue`
        /// and `return` up.
        @inline(__always)
        func run(_ i: Interpreter) throws -> Flow {
            for entry in buffer {
                let flow = try entry._withUnsafeGuaranteedRef { s -> Flow in
                    if i.interruptRequested { throw Diagnostic("interrupted", at: s.location) }
                    return try s.execute(i)
                }
                if case .next = flow { continue }
                return flow
            }
            return .next
        }
    }
}

/// What a `Block` holds: its statements, and unmanaged references to them.
final class BlockStorage {
    let statements: [StmtNode]
    let entries: UnsafeBufferPointer<Unmanaged<StmtNode>>

    init(_ statements: [StmtNode]) {
        self.statements = statements
        let buffer = UnsafeMutableBufferPointer<Unmanaged<StmtNode>>.allocate(capacity: max(statements.count, 1))
        for (k, s) in statements.enumerated() { buffer[k] = Unmanaged.passUnretained(s) }
        entries = UnsafeBufferPointer(rebasing: buffer[0..<statements.count])
    }

    deinit {
        if let base = entries.baseAddress { UnsafeMutablePointer(mutating: base).deallocate() }
    }
}

/// Runs `body`; see `Block.run`.
func run(_ body: Block, _ i: Interpreter) throws -> Flow {
    try body.run(i)
}

/// An expression as a statement: its value goes to `ans` and is echoed
/// (`ans = 3`); a bare variable echoes as itself (`x = 3`); a call that
/// gives no value (`printf`) shows nothing.
final class ExpressionStmt: StmtNode {
    let expr: ExprNode
    /// The slot of `ans` in this scope.
    let answerSlot: Int

    init(_ expr: ExprNode, answerSlot: Int, _ location: SourceLocation, silent: Bool) {
        self.expr = expr
        self.answerSlot = answerSlot
        super.init(location, silent: silent)
    }

    override func execute(_ i: Interpreter) throws -> Flow {
        let value: Value
        if let name = expr as? NameNode, let v = i.frame[name.slot] {
            if !silent { try i.session.echo(v, name: name.name) }
            return .next
        } else if let name = expr as? NameNode, Builtins.constants[name.name] == nil,
                  let values = try i.callWithoutArguments(name.name, outputs: 0, at: name.location) {
            // A function named alone is called as a statement: `tic;` gives no value and needs none.
            guard let v = values.first else { return .next }
            value = v
        } else if expr.isCall {
            guard let v = try expr.evaluate(i, outputs: 0).first else { return .next }
            value = v
        } else {
            value = try expr.evaluate(i)
        }
        i.frame[answerSlot] = value
        if !silent { try i.session.echo(value, name: "ans") }
        return .next
    }
}

/// `[a, ~, s.x] = f(…)`.
final class MultiAssignStmt: StmtNode {
    /// The targets; nil for `~`.
    let targets: [TargetNode?]
    let call: ExprNode

    init(_ targets: [TargetNode?], _ call: ExprNode, _ location: SourceLocation, silent: Bool) {
        self.targets = targets
        self.call = call
        super.init(location, silent: silent)
    }

    override func execute(_ i: Interpreter) throws -> Flow {
        let values = try call.evaluate(i, outputs: targets.count)
        if values.count < targets.count {
            let name = (call as? CallNode)?.name ?? (call as? ApplyNode)?.text ?? "the call"
            throw Diagnostic("\(name) gives \(values.count) output\(values.count == 1 ? "" : "s") but \(targets.count) were asked for", at: call.location)
        }
        for (target, value) in zip(targets, values) {
            guard let target else { continue }
            try target.assign(value, i)
            if !silent, let v = i.frame[target.slot] { try i.session.echo(v, name: target.name) }
        }
        return .next
    }
}

/// `for name in sequence … end` over a value: a range's numbers (without
/// building the range), a vector's entries, a matrix's columns, a list's
/// items, a task set's tasks.
final class ForStmt: StmtNode {
    let slot: Int
    let sequence: ExprNode
    let body: Block

    init(slot: Int, sequence: ExprNode, body: Block, _ location: SourceLocation) {
        self.slot = slot
        self.sequence = sequence
        self.body = body
        super.init(location, silent: true)
    }

    override func execute(_ i: Interpreter) throws -> Flow {
        let seq = try sequence.evaluate(i)
        let count: Int
        let item: (Int) -> Value
        switch seq {
        case .range(let r):
            count = r.count
            item = { .number(r.element($0)) }
        case .number, .bool:
            count = 1
            item = { _ in seq }
        case .matrix(let box), .logical(let box):
            let m = box.matrix
            if m.isVector || m.count == 0 {
                count = m.count
                item = { .number(m.storage[$0]) }
            } else {
                count = m.cols
                item = { Value(m.column($0)) }
            }
        case .list(let l):
            count = l.items.count
            item = { l.items[$0] }
        case .taskSet(let s):
            count = s.count
            item = { .task(s.tasks[$0]) }
        default:
            throw Diagnostic("cannot loop over \(seq.typeDescription)", at: sequence.location)
        }
        return try i.loop(count: count, at: sequence.location) { k in
            i.frame[slot] = item(k)
            return try run(body, i)
        }
    }
}

/// `for name in a:b` and `for name in a:s:b`: the numbers are made one at
/// a time, so a loop of 10⁹ steps needs no 10⁹-entry range.
final class ForRangeStmt: StmtNode {
    let slot: Int
    let start: ExprNode
    let step: ExprNode?
    let stop: ExprNode
    let body: Block

    init(slot: Int, start: ExprNode, step: ExprNode?, stop: ExprNode, body: Block, _ location: SourceLocation) {
        self.slot = slot
        self.start = start
        self.step = step
        self.stop = stop
        self.body = body
        super.init(location, silent: true)
    }

    override func execute(_ i: Interpreter) throws -> Flow {
        let a = try i.scalar(start, "the start of a range")
        let s = try step.map { try i.scalar($0, "the step of a range") } ?? 1
        let b = try i.scalar(stop, "the end of a range")
        let count = try located(start.location) { try RangeValue.count(start: a, step: s, stop: b, limit: Int(Int32.max)) }
        // As Interpreter.loop, written out: this is the loop of most scripts.
        return try i.session.activity("for") { report in
            var k = 0
            while k < count {
                if i.interruptRequested { throw Diagnostic("interrupted", at: start.location) }
                i.frame.setNumber(a + Double(k) * s, at: slot)
                switch try body.run(i) {
                case .next, .continueLoop: break
                case .breakLoop: return .next
                case .returnFunction: return .returnFunction
                }
                k += 1
                if let report, k <= 1024 || k & 1023 == 0 || k == count { report(k, count) }
            }
            return .next
        }
    }
}

/// `while condition … end`.
final class WhileStmt: StmtNode {
    let condition: ExprNode
    let body: Block

    init(_ condition: ExprNode, _ body: Block, _ location: SourceLocation) {
        self.condition = condition
        self.body = body
        super.init(location, silent: true)
    }

    override func execute(_ i: Interpreter) throws -> Flow {
        while try condition.evaluateTruth(i) ?? i.truth(try condition.evaluate(i), at: condition.location, what: "the condition of while") {
            if Interruption.requested { throw Diagnostic("interrupted", at: location) }
            switch try run(body, i) {
            case .next, .continueLoop: continue
            case .breakLoop: return .next
            case .returnFunction: return .returnFunction
            }
        }
        return .next
    }
}

/// `if c1 … elseif c2 … else … end`.
final class IfStmt: StmtNode {
    let branches: [(condition: ExprNode, body: Block)]
    let otherwise: Block?
    /// The conditions and bodies as the running code reads them, without
    /// counting references (`branches` and `otherwise` keep them alive).
    private let conditions: ContiguousArray<Unmanaged<ExprNode>>
    private let bodies: ContiguousArray<Block.Entries>
    private let otherwiseEntries: Block.Entries?

    init(_ branches: [(condition: ExprNode, body: Block)], otherwise: Block?, _ location: SourceLocation) {
        self.branches = branches
        self.otherwise = otherwise
        conditions = ContiguousArray(branches.map { Unmanaged.passUnretained($0.condition) })
        bodies = ContiguousArray(branches.map(\.body.entries))
        otherwiseEntries = otherwise?.entries
        super.init(location, silent: true)
    }

    override func execute(_ i: Interpreter) throws -> Flow {
        for k in 0..<conditions.count {
            let holds = try conditions[k]._withUnsafeGuaranteedRef { c in
                try c.evaluateTruth(i) ?? i.truth(try c.evaluate(i), at: c.location, what: "a condition")
            }
            if holds { return try bodies[k].run(i) }
        }
        if let otherwiseEntries { return try otherwiseEntries.run(i) }
        return .next
    }
}

/// `try … catch err … end`: an error in the body (not Ctrl-C) runs the
/// handler with `err` a struct of `message`, `line`, `column`, `file` and
/// `stack` (the calls that led to it).
final class TryStmt: StmtNode {
    let body: Block
    let errorSlot: Int?
    let handler: Block
    let source: SourceText

    init(_ body: Block, errorSlot: Int?, handler: Block, source: SourceText, _ location: SourceLocation) {
        self.body = body
        self.errorSlot = errorSlot
        self.handler = handler
        self.source = source
        super.init(location, silent: true)
    }

    override func execute(_ i: Interpreter) throws -> Flow {
        do {
            return try run(body, i)
        } catch let d as Diagnostic {
            if Interruption.requested { throw d }
            let located = d.attached(to: source)
            if let errorSlot { i.frame[errorSlot] = .structure(i.errorStruct(located)) }
            i.end = nil
            return try run(handler, i)
        }
    }
}

/// `break`, `continue`, `return`.
final class JumpStmt: StmtNode {
    let flow: Flow
    init(_ flow: Flow, _ location: SourceLocation) {
        self.flow = flow
        super.init(location, silent: true)
    }
    override func execute(_ i: Interpreter) throws -> Flow { flow }
}

/// A function definition where it stands in the program: it was registered
/// before the program ran, so here it does nothing.
final class DefinitionStmt: StmtNode {
    override func execute(_ i: Interpreter) throws -> Flow { .next }
}
