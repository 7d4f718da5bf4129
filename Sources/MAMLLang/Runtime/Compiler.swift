import MAMLCore

/// Turns the syntax tree into runnable nodes (Crafting Interpreters, ch. 11:
/// a resolver pass): every name gets its slot in the scope it belongs to,
/// built-ins are looked up once, `for i in a:b` becomes a counting loop,
/// anonymous functions get their own scope and the list of names they
/// capture, and `x[i] = []` becomes a deletion.
struct Compiler {
    let interpreter: Interpreter
    let scope: Scope
    let source: SourceText

    // MARK: Statements

    func compile(_ statements: [Stmt]) throws -> [StmtNode] {
        try statements.map(statement)
    }

    func statement(_ s: Stmt) throws -> StmtNode {
        switch s.kind {
        case .expression(let e):
            return ExpressionStmt(try expression(e), answerSlot: scope.slot(for: "ans"), s.location, silent: s.silent)
        case let .assign(target, value, compound):
            let t = try self.target(target)
            if compound == nil, case .matrix(let rows, _) = value.kind, rows.isEmpty,
               case .index? = target.path.last {
                return DeleteStmt(t, s.location, silent: s.silent)
            }
            return AssignStmt.make(t, try expression(value), compound: compound?.binary, s.location, silent: s.silent)
        case let .multiAssign(targets, call):
            return MultiAssignStmt(try targets.map { try $0.map(self.target) }, try expression(call), s.location, silent: s.silent)
        case let .forLoop(variable, sequence, body):
            let slot = scope.slot(for: variable)
            let compiledBody = Block(try compile(body))
            if case let .range(start, step, stop) = sequence.kind {
                return ForRangeStmt(slot: slot, start: try expression(start), step: try step.map(expression),
                                    stop: try expression(stop), body: compiledBody, s.location)
            }
            return ForStmt(slot: slot, sequence: try expression(sequence), body: compiledBody, s.location)
        case let .whileLoop(condition, body):
            return WhileStmt(try expression(condition), Block(try compile(body)), s.location)
        case let .ifChain(branches, otherwise):
            return IfStmt(try branches.map { (try expression($0.condition), Block(try compile($0.body))) },
                          otherwise: try otherwise.map { Block(try compile($0)) }, s.location)
        case let .tryCatch(body, errorName, handler):
            return TryStmt(Block(try compile(body)), errorSlot: errorName.map(scope.slot), handler: Block(try compile(handler)),
                           source: source, s.location)
        case .breakLoop: return JumpStmt(.breakLoop, s.location)
        case .continueLoop: return JumpStmt(.continueLoop, s.location)
        case .returnFunction: return JumpStmt(.returnFunction, s.location)
        case .function: return DefinitionStmt(s.location, silent: true)
        }
    }

    private func target(_ lv: LValue) throws -> TargetNode {
        let path: [AccessorNode] = try lv.path.map { step in
            switch step {
            case let .index(subs, loc): return .index(try subs.map(subscriptNode), loc)
            case let .field(name, loc): return .field(name, loc)
            }
        }
        return TargetNode(name: lv.name, slot: scope.slot(for: lv.name), path: path, location: lv.location,
                          functionCell: interpreter.functionCell(lv.name), namesBuiltin: interpreter.builtins.contains(lv.name))
    }

    // MARK: Expressions

    func expression(_ e: Expr) throws -> ExprNode {
        switch e.kind {
        case .number(let x): return ConstantNode(.number(x), e.location)
        case .imaginary(let y): return ConstantNode(Value(complex: Complex(0, y)), e.location)
        case .string(let s): return ConstantNode(.string(s), e.location)
        case .bool(let b): return ConstantNode(.bool(b), e.location)
        case .identifier(let name): return NameNode(name, slot: scope.slot(for: name), e.location)
        case .end: return EndNode(e.location)
        case let .matrix(rows, spans):
            return MatrixNode(try rows.map { try $0.map(expression) }, texts: spans.map { $0.map(source.text) },
                              starts: spans.map { $0.map { source.location(ofOffset: $0.lowerBound) } }, e.location)
        case .list(let items): return ListNode(try items.map(expression), e.location)
        case let .unary(op, operand):
            if op == .negate, case .number(let x) = operand.kind { return ConstantNode(.number(-x), e.location) }
            return UnaryNode(op, try expression(operand), e.location)
        case let .binary(op, lhs, rhs):
            if op == .and || op == .or {
                return ShortCircuitNode(and: op == .and, try expression(lhs), try expression(rhs), e.location)
            }
            return BinaryNode.make(op, try expression(lhs), try expression(rhs), e.location)
        case let .chain(first, links):
            let operands = try [expression(first)] + links.map { try expression($0.operand) }
            if links[0].op == .and || links[0].op == .or {
                // Only && or only || share a level.
                return ShortCircuitChainNode(and: links[0].op == .and, operands, e.location)
            }
            return ChainNode(operands[0], zip(links, operands.dropFirst()).map { ($0.op, $1, $0.location) }, e.location)
        case let .range(start, step, stop):
            return RangeNode(try expression(start), try step.map(expression), try expression(stop), e.location)
        case let .call(name, arguments):
            let args = try arguments.map { ArgumentNode(name: $0.name, value: try expression($0.value), location: $0.location) }
            return CallNode(name, args, slot: variableSlot(name), cell: interpreter.functionCell(name),
                            builtin: interpreter.builtins[name], e.location)
        case let .apply(callee, arguments, span):
            let args = try arguments.map { ArgumentNode(name: $0.name, value: try expression($0.value), location: $0.location) }
            return ApplyNode(try expression(callee), args, text: source.text(span), e.location)
        case let .index(base, subs):
            return IndexNode(try expression(base), try subs.map(subscriptNode), e.location)
        case let .field(base, name):
            return FieldNode(try expression(base), name, e.location)
        case .transpose(let operand):
            return TransposeNode(try expression(operand), conjugate: true, e.location)
        case .plainTranspose(let operand):
            return TransposeNode(try expression(operand), conjugate: false, e.location)
        case let .lambda(parameters, body, text):
            return try lambda(parameters, body, text, e.location)
        case .handle(let name):
            return HandleNode(name, cell: interpreter.functionCell(name), e.location)
        }
    }

    private func subscriptNode(_ s: Subscript) throws -> SubscriptNode {
        switch s {
        case .all(let loc): return .all(loc)
        case .expr(let e): return .expr(try expression(e))
        }
    }

    /// The slot a call's name has as a variable of this scope: any name in
    /// the global scope (it may be defined by a later input) and in an
    /// anonymous function (it may capture a function value: `@(y) g(y)`); in
    /// a function, only a name the function itself assigns.
    private func variableSlot(_ name: String) -> Int? {
        switch scope.kind {
        case .global, .lambda: return scope.slot(for: name)
        case .function: return scope.existingSlot(name)
        }
    }

    /// `@(params) body`: the body gets its own scope, parameters first; every
    /// other name it uses that the enclosing scope has is captured by value
    /// when the function is made.
    private func lambda(_ parameters: [String], _ body: Expr, _ text: String, _ location: SourceLocation) throws -> ExprNode {
        let inner = Scope(.lambda)
        for p in parameters { _ = inner.slot(for: p) }
        let compiledBody = try Compiler(interpreter: interpreter, scope: inner, source: source).expression(body)
        var captures: [(outer: Int, inner: Int)] = []
        for (slot, name) in inner.names.enumerated() where slot >= parameters.count {
            let outer: Int?
            switch scope.kind {
            case .global: outer = scope.slot(for: name)
            case .function, .lambda: outer = scope.existingSlot(name)
            }
            if let outer { captures.append((outer, slot)) }
        }
        // A body of arithmetic on the parameters alone is a formula (captures
        // none); one that also reads captured names is a formula for the
        // values each anonymous function captures, when they are numbers.
        let formula = inner.names.count == parameters.count ? ArithmeticFormula.of(body, parameters: parameters) : nil
        let capturedNames = Set(captures.map { inner.names[$0.inner] })
        let capturing = ArithmeticFormula.of(body, parameters: parameters) { name, _ in capturedNames.contains(name) ? 0 : nil }
        return LambdaNode(parameters: parameters, scope: inner, body: compiledBody, captures: captures,
                          formula: formula, capturingFormula: capturing == nil ? nil : body, text: text, source: source, location)
    }

    // MARK: Functions

    /// A user function: its scope holds the parameters, then the outputs,
    /// then every name the body assigns, so the body and any anonymous
    /// function inside it resolve its locals.
    func function(_ decl: FunctionDecl) throws -> UserFunction {
        let scope = Scope(.function)
        for p in decl.parameters { _ = scope.slot(for: p.name) }
        for o in decl.outputs { _ = scope.slot(for: o) }
        for name in Compiler.assignedNames(decl.body) { _ = scope.slot(for: name) }
        _ = scope.slot(for: "ans")
        let inner = Compiler(interpreter: interpreter, scope: scope, source: source)
        let parameters = try decl.parameters.map { p in
            UserFunction.Parameter(name: p.name, slot: scope.slot(for: p.name),
                                   defaultValue: try p.defaultValue.map(inner.expression), location: p.location)
        }
        return UserFunction(name: decl.name, parameters: parameters,
                            outputs: decl.outputs.map { ($0, scope.slot(for: $0)) },
                            scope: scope, body: Block(try inner.compile(decl.body)), formula: ArithmeticFormula.of(decl),
                            source: source, header: decl.header, help: decl.help, location: decl.location)
    }

    /// Every name a block assigns: targets, loop variables, caught errors.
    static func assignedNames(_ statements: [Stmt]) -> [String] {
        var names: [String] = []
        func walk(_ body: [Stmt]) {
            for s in body {
                switch s.kind {
                case .assign(let t, _, _): names.append(t.name)
                case .multiAssign(let ts, _): names += ts.compactMap { $0?.name }
                case let .forLoop(v, _, b): names.append(v); walk(b)
                case .whileLoop(_, let b): walk(b)
                case let .ifChain(branches, otherwise):
                    for br in branches { walk(br.body) }
                    if let otherwise { walk(otherwise) }
                case let .tryCatch(b, e, h):
                    walk(b)
                    if let e { names.append(e) }
                    walk(h)
                case .expression, .breakLoop, .continueLoop, .returnFunction, .function: break
                }
            }
        }
        walk(statements)
        return names
    }
}

/// `x[i] = []`: deletes entries, rows, columns or list items.
final class DeleteStmt: StmtNode {
    let target: TargetNode

    init(_ target: TargetNode, _ location: SourceLocation, silent: Bool) {
        self.target = target
        super.init(location, silent: silent)
    }

    override func execute(_ i: Interpreter) throws -> Flow {
        try target.delete(i)
        if !silent, let v = i.frame[target.slot] { try i.session.echo(v, name: target.name) }
        return .next
    }
}

/// A compiled user function (docs/language.md, "Functions").
final class UserFunction {
    struct Parameter {
        let name: String
        let slot: Int
        /// Evaluated in the function's frame when the argument is not given
        /// (it may use the parameters before it).
        let defaultValue: ExprNode?
        let location: SourceLocation
    }

    let name: String
    let parameters: [Parameter]
    let outputs: [(name: String, slot: Int)]
    let scope: Scope
    let body: Block
    /// The text it was defined in, for errors inside it.
    let source: SourceText
    /// `function r = gap(t, W)`.
    let header: String
    /// The comment lines after the header.
    let help: String
    let location: SourceLocation
    /// How many leading parameters a call must give (one past the last
    /// parameter without a default).
    let requiredParameters: Int
    /// Whether any parameter has a default.
    let hasDefaults: Bool
    /// How many parameters it has.
    let parameterCount: Int
    /// Whether parameter k has slot k (every function whose parameter
    /// names differ): arguments are then stored by position.
    let parametersInOrder: Bool
    /// The slot of the first output (-1 without outputs).
    let firstOutputSlot: Int
    /// The body as a formula of the arguments, when it is only arithmetic on
    /// them (`ArithmeticFormula.of(_: FunctionDecl)`).
    let formula: FormulaCode?
    private let formulaStorage: FormulaStorage?

    init(name: String, parameters: [Parameter], outputs: [(name: String, slot: Int)], scope: Scope, body: Block,
         formula: ArithmeticFormula? = nil, source: SourceText, header: String, help: String, location: SourceLocation) {
        formulaStorage = formula?.compiled()
        self.formula = formulaStorage?.code
        self.name = name
        self.parameters = parameters
        self.outputs = outputs
        self.scope = scope
        self.body = body
        self.source = source
        self.header = header
        self.help = help
        self.location = location
        self.requiredParameters = (parameters.lastIndex { $0.defaultValue == nil } ?? -1) + 1
        self.hasDefaults = parameters.contains { $0.defaultValue != nil }
        self.parameterCount = parameters.count
        self.parametersInOrder = parameters.enumerated().allSatisfy { $0.offset == $0.element.slot }
        self.firstOutputSlot = outputs.first?.slot ?? -1
    }

    /// `gap(t, W)`, `argbest(v, tol=1e-9)` for messages.
    var signature: String {
        let params = parameters.map { p in p.defaultValue == nil ? p.name : "\(p.name)=…" }
        return "\(name)(\(params.joined(separator: ", ")))"
    }
}
