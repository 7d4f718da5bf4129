/// The syntax tree (Crafting Interpreters, ch. 5): expressions and
/// statements, each with the location of the token that names it. The
/// compiler (`Compiler`) turns it into runnable nodes with names resolved.

/// A unary operator.
enum UnaryOperator: String, Sendable {
    case negate = "-"
    case plus = "+"
    case not = "!"
}

/// A binary operator (`&&` and `||` short-circuit; `&` and `|` act entry by entry).
enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", leftDivide = "\\", power = "^"
    case elementMultiply = ".*", elementDivide = "./", elementPower = ".^"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
    case and = "&&", or = "||"
    case elementAnd = "&", elementOr = "|"
}

/// One operator and its right operand in a chain `a op b op c …`.
struct ChainLink: Sendable {
    var op: BinaryOperator
    var operand: Expr
    /// Where the operator is.
    var location: SourceLocation
}

/// One argument of a call: positional, or `name = value`.
struct CallArgument: Sendable {
    /// The name of a named argument (nil for a positional one).
    var name: String?
    /// The argument's expression.
    var value: Expr
    /// Where the argument starts (its name, for a named one).
    var location: SourceLocation
}

/// One subscript of an index expression.
enum Subscript: Sendable {
    /// A lone `:`, every index along that dimension.
    case all(SourceLocation)
    /// An expression (a number, a vector of indices, a range or a logical mask; may use `end`).
    case expr(Expr)
}

/// An expression node.
struct Expr: Sendable {
    /// What kind of expression it is, with its children.
    indirect enum Kind: Sendable {
        case number(Double)
        /// `2i`, `2.5j`: a number times the imaginary unit.
        case imaginary(Double)
        case string(String)
        case bool(Bool)
        case identifier(String)
        /// `end` inside an index: the last index of the dimension.
        case end
        /// `[a b; c d]`: rows of entries (each a scalar, a matrix or a range to
        /// concatenate), with the source offsets of each entry (messages about
        /// blocks that do not fit quote them).
        case matrix([[Expr]], spans: [[Range<Int>]])
        /// `{a, b}`.
        case list([Expr])
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `a + b - c + …`: three or more operands joined by operators of one
        /// precedence level, applied left to right. A flat chain is one node,
        /// not a tree as tall as it is long, so its length is not nesting.
        case chain(Expr, [ChainLink])
        /// `start:stop` or `start:step:stop`.
        case range(start: Expr, step: Expr?, stop: Expr)
        /// `name(args…)`: a function, built-in, or a variable holding a function.
        case call(name: String, arguments: [CallArgument])
        /// `expr(args…)` for any other callee (`s.f(2)`, `L[2](x)`, `make(3)(x)`):
        /// the expression's value must be a function. `span`: the callee's source offsets.
        case apply(Expr, arguments: [CallArgument], span: Range<Int>)
        /// `x[i]`, `x[i, j]`.
        case index(Expr, [Subscript])
        /// `x.name`.
        case field(Expr, String)
        /// `x'`.
        case transpose(Expr)
        /// `x.'`: the transpose without conjugation (differs from `x'` for complex values).
        case plainTranspose(Expr)
        /// `@(a, b) body`, with its source text for display.
        case lambda(parameters: [String], body: Expr, text: String)
        /// `@name`: a function as a value.
        case handle(String)
    }

    /// The node.
    var kind: Kind
    /// The location of the token that names it (an operator, a name, a bracket).
    var location: SourceLocation
    /// Height of the subtree (1 for a leaf); the parser refuses trees taller
    /// than its nesting limit, so walking a tree never exhausts the stack.
    var height: Int
}

/// One step from a variable to the place an assignment writes.
enum Accessor: Sendable {
    /// `[i, j]`.
    case index([Subscript], SourceLocation)
    /// `.name`.
    case field(String, SourceLocation)
}

/// The target of an assignment: a variable and a path into it
/// (`x`, `x[i]`, `s.a`, `s.runs[2].eta`).
struct LValue: Sendable {
    /// The variable.
    var name: String
    /// Where the variable's name is.
    var location: SourceLocation
    /// The steps into it, outermost first.
    var path: [Accessor]
}

/// A compound assignment operator (`+=` …).
enum CompoundOperator: String, Sendable {
    case add = "+=", subtract = "-=", multiply = "*=", divide = "/="

    /// The binary operator it applies.
    var binary: BinaryOperator {
        switch self {
        case .add: return .add
        case .subtract: return .subtract
        case .multiply: return .multiply
        case .divide: return .divide
        }
    }
}

/// A parameter of a user function: `a`, or `b=default`.
struct ParameterDecl: Sendable {
    var name: String
    var defaultValue: Expr?
    var location: SourceLocation
}

/// `function [outs] = name(params) … end`.
struct FunctionDecl: Sendable {
    var name: String
    var parameters: [ParameterDecl]
    var outputs: [String]
    var body: [Stmt]
    /// Where `function` is.
    var location: SourceLocation
    /// The comment lines right after the header (or right before it): `:help name`.
    var help: String
    /// The header as written, e.g. `function r = gap(t, W)`.
    var header: String
}

/// A statement node.
struct Stmt: Sendable {
    /// What kind of statement it is.
    indirect enum Kind: Sendable {
        /// An expression whose value is echoed (unless `;`).
        case expression(Expr)
        /// `target = value` or `target op= value`.
        case assign(LValue, Expr, CompoundOperator?)
        /// `[a, ~, c] = f(…)`: nil for `~`.
        case multiAssign([LValue?], Expr)
        /// `for name in sequence … end`.
        case forLoop(variable: String, sequence: Expr, body: [Stmt])
        /// `while condition … end`.
        case whileLoop(condition: Expr, body: [Stmt])
        /// `if c1 … elseif c2 … else … end`.
        case ifChain(branches: [(condition: Expr, body: [Stmt])], otherwise: [Stmt]?)
        /// `try … catch err … end`.
        case tryCatch(body: [Stmt], errorName: String?, handler: [Stmt])
        case breakLoop
        case continueLoop
        case returnFunction
        /// A function definition (registered before the program runs).
        case function(FunctionDecl)
    }

    /// The node.
    var kind: Kind
    /// Where the statement starts.
    var location: SourceLocation
    /// Offsets of the statement's text in the source's Unicode scalars.
    var range: Range<Int>
    /// Whether a trailing `;` suppresses its echo.
    var silent: Bool
}
