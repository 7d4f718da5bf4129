/// `target = value`, `target op= value`.
///
/// The compiler picks, once, the form an assignment has (`AssignStmt.make`):
/// a number into a variable, an entry of a vector, one past its end, a
/// field of a struct, a growing idiom. Each form's node tries its own short
/// way first and takes the general one (this class's `assign`) for
/// anything its short way does not cover, so every form gives the same
/// result and the same errors as the general assignment.
class AssignStmt: StmtNode {
    let target: TargetNode
    let value: ExprNode
    /// The operator of a compound assignment (`+=` is `.add`).
    let compound: BinaryOperator?

    init(_ target: TargetNode, _ value: ExprNode, compound: BinaryOperator?, _ location: SourceLocation, silent: Bool) {
        self.target = target
        self.value = value
        self.compound = compound
        super.init(location, silent: silent)
    }

    /// The node for `target = value` (or `target op= value`) of the form it has.
    static func make(_ target: TargetNode, _ value: ExprNode, compound: BinaryOperator?, _ location: SourceLocation,
                     silent: Bool) -> AssignStmt {
        guard compound == nil else { return AssignStmt(target, value, compound: compound, location, silent: silent) }
        if target.path.isEmpty {
            if let form = target.growingForm(value) { return GrowStmt(target, value, form: form, location, silent: silent) }
            if value.isArithmetic { return NumberAssignStmt(target, value, compound: nil, location, silent: silent) }
            return VariableAssignStmt(target, value, compound: nil, location, silent: silent)
        }
        if target.hasEntrySubscript && value.isArithmetic {
            if target.appendsEntry { return AppendEntryStmt(target, value, compound: nil, location, silent: silent) }
            return EntryAssignStmt(target, value, compound: nil, location, silent: silent)
        }
        if target.isField { return FieldAssignStmt(target, value, compound: nil, location, silent: silent) }
        return AssignStmt(target, value, compound: nil, location, silent: silent)
    }

    override func execute(_ i: Interpreter) throws -> Flow {
        try assign(i)
        return try finish(i)
    }

    /// The general assignment: the value computed and stored along the
    /// target's path (the current value combined with it first, for `op=`).
    final func assign(_ i: Interpreter) throws {
        if let compound {
            let current = try target.read(i)
            let v = try value.evaluate(i)
            try target.assign(i.binary(compound, current, v, at: value.location), i)
        } else {
            try target.assign(try value.evaluate(i), i)
        }
    }

    /// Echoes the variable unless the statement is silent; the next statement follows.
    @inline(__always)
    final func finish(_ i: Interpreter) throws -> Flow {
        if !silent, let v = i.frame[target.slot] { try i.session.echo(v, name: target.name) }
        return .next
    }
}

/// `name = value`, nothing more.
final class VariableAssignStmt: AssignStmt {
    override func execute(_ i: Interpreter) throws -> Flow {
        target.assignVariable(try value.evaluate(i), i)
        return try finish(i)
    }
}

/// `name = arithmetic` (`s = s + i * 2`): computed in doubles when its
/// operands are numbers.
final class NumberAssignStmt: AssignStmt {
    override func execute(_ i: Interpreter) throws -> Flow {
        if let x = value.evaluateNumber(i) {
            target.assignNumber(x, i)
        } else {
            target.assignVariable(try value.evaluate(i), i)
        }
        return try finish(i)
    }
}

/// `name[k] = arithmetic` (`x[i] = 2 * i`): filled or grown in place when
/// `name` is a vector and the value a number.
final class EntryAssignStmt: AssignStmt {
    override func execute(_ i: Interpreter) throws -> Flow {
        if let x = value.evaluateNumber(i), try target.assignEntry(x, i) { return try finish(i) }
        try assign(i)
        return try finish(i)
    }
}

/// `name[end+1] = arithmetic`, the idiom that grows a vector by one entry:
/// appended in place when `name` is a vector (or a number, or undefined)
/// and the value a number.
final class AppendEntryStmt: AssignStmt {
    override func execute(_ i: Interpreter) throws -> Flow {
        if let x = value.evaluateNumber(i), try target.appendEntry(x, i) { return try finish(i) }
        try assign(i)
        return try finish(i)
    }
}

/// `name.field = value`: set in place when `name` holds a struct.
final class FieldAssignStmt: AssignStmt {
    /// Whether the value is arithmetic (`s.a = s.a + i`), tried in doubles first.
    private let numeric: Bool

    override init(_ target: TargetNode, _ value: ExprNode, compound: BinaryOperator?, _ location: SourceLocation, silent: Bool) {
        numeric = value.isArithmetic
        super.init(target, value, compound: compound, location, silent: silent)
    }

    override func execute(_ i: Interpreter) throws -> Flow {
        if numeric, let x = value.evaluateNumber(i), target.assignNumberField(x, i) { return try finish(i) }
        let v = try value.evaluate(i)
        if try !target.assignField(v, i) { try target.assign(v, i) }
        return try finish(i)
    }
}

/// A growing idiom (`L = append(L, x)`, `v = [v x]`): done in place when
/// the variable's value allows it (`TargetNode.grow`).
final class GrowStmt: AssignStmt {
    private let form: GrowingForm

    init(_ target: TargetNode, _ value: ExprNode, form: GrowingForm, _ location: SourceLocation, silent: Bool) {
        self.form = form
        super.init(target, value, compound: nil, location, silent: silent)
    }

    override func execute(_ i: Interpreter) throws -> Flow {
        if try !target.grow(form, i) { try assign(i) }
        return try finish(i)
    }
}
