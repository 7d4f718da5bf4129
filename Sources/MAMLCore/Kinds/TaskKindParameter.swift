/// One named argument of `task` that a kind declares (`continuous=true`,
/// `noiseA={A1, A2}`): its name, what it takes and a line of help. The
/// language makes `task`'s parameters, their help, printing and JSON from these.
public struct TaskKindParameter: Sendable {
    /// What the argument takes.
    public enum ArgumentType: Sendable, Equatable {
        /// true or false.
        case flag
        /// A list of matrices.
        case matrices
        /// A vector of numbers.
        case numbers
        /// One matrix.
        case matrix
        /// A string, one of the given choices.
        case text([String])
    }

    /// The name, as the language spells it.
    public let name: String
    /// What it takes.
    public let type: ArgumentType
    /// One line saying what it is.
    public let help: String

    /// The parameter `name` of `type`.
    public init(_ name: String, _ type: ArgumentType, help: String) {
        self.name = name
        self.type = type
        self.help = help
    }
}

/// The value of a kind's argument.
public enum TaskKindArgument: Sendable, Equatable {
    /// true or false.
    case flag(Bool)
    /// A list of matrices.
    case matrices([Matrix])
    /// A vector of numbers.
    case numbers([Double])
    /// One matrix.
    case matrix(Matrix)
    /// A string.
    case text(String)
}

/// The kinds of task besides the discrete one (the default), in the order
/// the language lists their parameters; a new kind is added here.
public enum TaskKinds {
    /// Every kind that a `task` argument can ask for.
    public static let registered: [any TaskKind.Type] = [ContinuousKind.self, MultiplicativeNoiseKind.self, OutputFeedbackKind.self, LQGKind.self]

    /// The kind named `name` ("lqr" is the discrete one), nil when none is.
    public static func type(named name: String) -> (any TaskKind.Type)? {
        if name == DiscreteKind.name { return DiscreteKind.self }
        return registered.first { $0.name == name }
    }

    /// Every parameter of every registered kind, each name once (two kinds
    /// may share a parameter: the output-feedback and LQG kinds take C).
    public static var parameters: [TaskKindParameter] {
        var seen = Set<String>()
        return registered.flatMap { $0.parameters }.filter { seen.insert($0.name).inserted }
    }

    /// The kind the named arguments ask for: the discrete kind when none
    /// does; `.invalidTaskMatrix` naming an argument when two kinds are asked
    /// for at once or an argument is wrong.
    public static func make(_ arguments: [String: TaskKindArgument], n: Int, m: Int, where where_: String = "") throws -> any TaskKind {
        var chosen: (any TaskKind)?
        for type in registered {
            guard let kind = try type.make(arguments, n: n, m: m, where: where_) else { continue }
            if let previous = chosen {
                let name = type.parameters.first { arguments[$0.name] != nil }?.name ?? type.name
                throw MAMLError.invalidTaskMatrix(matrix: name, message: "a task is of one kind: \(name) asks for a \(type.name) task, but it is already \(previous.name)\(where_)")
            }
            chosen = kind
        }
        return chosen ?? DiscreteKind()
    }
}
