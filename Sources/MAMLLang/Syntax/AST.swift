/// The syntax tree (Crafting Interpreters, ch. 5): expressions and
/// statements, each with the location of the token that names it.

/// A unary operator.
enum UnaryOperator: String, Sendable {
    case negate = "-"
    case plus = "+"
    case not = "!"
}

/// A binary operator (`&&` and `||` short-circuit).
enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case elementMultiply = ".*", elementDivide = "./", elementPower = ".^"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
    case and = "&&", or = "||"
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
    /// An expression (a number, a vector of indices or a range; may use `end`).
    case expr(Expr)
}

/// An expression node.
struct Expr: Sendable {
    /// What kind of expression it is, with its children.
    indirect enum Kind: Sendable {
        case number(Double)
        case string(String)
        case bool(Bool)
        case identifier(String)
        /// `end` inside an index: the last index of the dimension.
        case end
        /// `[a b; c d]`: rows of entries (each a scalar, a matrix or a range to concatenate).
        case matrix([[Expr]])
        /// `{a, b}`.
        case list([Expr])
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `start:stop` or `start:step:stop`.
        case range(start: Expr, step: Expr?, stop: Expr)
        /// `name(args…)`.
        case call(name: String, arguments: [CallArgument])
        /// `x[i]`, `x[i, j]`.
        case index(Expr, [Subscript])
        /// `x.name`.
        case field(Expr, String)
        /// `x'`.
        case transpose(Expr)
    }

    /// The node.
    var kind: Kind
    /// The location of the token that names it (an operator, a name, a bracket).
    var location: SourceLocation
    /// Height of the subtree (1 for a leaf); the parser refuses trees taller
    /// than its nesting limit, so walking a tree never exhausts the stack.
    var height: Int
}

/// The target of an assignment.
enum AssignmentTarget: Sendable {
    /// `name = …`.
    case variable(String)
    /// `name[i, j] = …`.
    case indexed(String, [Subscript])
}

/// A statement node.
struct Stmt: Sendable {
    /// What kind of statement it is.
    indirect enum Kind: Sendable {
        /// An expression whose value is echoed (unless `;`).
        case expression(Expr)
        /// `target = value`.
        case assign(AssignmentTarget, Expr)
        /// `for name in sequence … end`.
        case forLoop(variable: String, sequence: Expr, body: [Stmt])
        /// `if c1 … elseif c2 … else … end`.
        case ifChain(branches: [(condition: Expr, body: [Stmt])], otherwise: [Stmt]?)
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
