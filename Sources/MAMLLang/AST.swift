/// The syntax tree (Crafting Interpreters, ch. 5): expressions and
/// statements, each with the location of the token that names it.

/// A unary operator.
public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case plus = "+"
    case not = "!"
}

/// A binary operator (`&&` and `||` short-circuit).
public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case elementMultiply = ".*", elementDivide = "./", elementPower = ".^"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
    case and = "&&", or = "||"
}

/// One argument of a call: positional, or `name = value`.
public struct Argument: Sendable {
    /// The name of a named argument (nil for a positional one).
    public var name: String?
    /// The argument's expression.
    public var value: Expr
    /// Where the argument starts (its name, for a named one).
    public var location: SourceLocation
}

/// One subscript of an index expression.
public enum Subscript: Sendable {
    /// A lone `:`, every index along that dimension.
    case all(SourceLocation)
    /// An expression (a number, a vector of indices or a range; may use `end`).
    case expr(Expr)
}

/// An expression node.
public struct Expr: Sendable {
    /// What kind of expression it is, with its children.
    public indirect enum Kind: Sendable {
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
        case call(name: String, arguments: [Argument])
        /// `x[i]`, `x[i, j]`.
        case index(Expr, [Subscript])
        /// `x.name`.
        case field(Expr, String)
        /// `x'`.
        case transpose(Expr)
    }

    /// The node.
    public var kind: Kind
    /// The location of the token that names it (an operator, a name, a bracket).
    public var location: SourceLocation
    /// Height of the subtree (1 for a leaf); the parser refuses trees taller
    /// than its nesting limit, so walking a tree never exhausts the stack.
    public var height: Int
}

/// The target of an assignment.
public enum AssignmentTarget: Sendable {
    /// `name = …`.
    case variable(String)
    /// `name[i, j] = …`.
    case indexed(String, [Subscript])
}

/// A statement node.
public struct Stmt: Sendable {
    /// What kind of statement it is.
    public indirect enum Kind: Sendable {
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
    public var kind: Kind
    /// Where the statement starts.
    public var location: SourceLocation
    /// Offsets of the statement's text in the source's Unicode scalars.
    public var range: Range<Int>
    /// Whether a trailing `;` suppresses its echo.
    public var silent: Bool
}
