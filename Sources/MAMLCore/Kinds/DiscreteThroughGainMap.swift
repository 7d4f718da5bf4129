/// A discrete kind whose policy W acts through a fixed gain map, the state
/// gain being K = W·L (output feedback: L = C; LQG with a history policy:
/// L = S*†). `LQRPoint` applies the map; the closed-loop equations, the
/// gradient factor and the Hessian's right-hand sides are then those of
/// discrete state feedback at K (`DiscreteKind`), given here once. Only the
/// kind's stability measure differs: it names the closed loop with its map
/// (ρ(A − BWC)), which the not-stabilizing error quotes.
public protocol DiscreteThroughGainMap: TaskKind {}

extension DiscreteThroughGainMap {
    private var state: DiscreteKind { DiscreteKind() }

    public func stabilityRadius(_ task: LQRTask, W: Matrix, closedLoop: Matrix) throws -> Double {
        try state.stabilityRadius(task, W: W, closedLoop: closedLoop)
    }

    public func closedLoopEquations(_ task: LQRTask, W: Matrix, closedLoop: Matrix, index: Int?) throws -> any ClosedLoopEquations {
        do {
            return try state.closedLoopEquations(task, W: W, closedLoop: closedLoop, index: index)
        } catch MAMLError.notStabilizing(let which, let rho, _) {
            throw MAMLError.notStabilizing(task: which, rho: rho, measure: stabilityMeasure)   // named A − BWC / A − BWS*†
        }
    }

    public func firstOrder(_ task: LQRTask, W: Matrix, P: Matrix) -> (E: Matrix, curvature: Matrix) {
        state.firstOrder(task, W: W, P: P)
    }

    public func stateDerivativeRightSide(at point: LQRPoint, _ Y: Matrix) -> Matrix {
        state.stateDerivativeRightSide(at: point, Y)
    }

    public func gradientFactorDerivative(at point: LQRPoint, _ Y: Matrix, pPrime: Matrix) -> Matrix {
        state.gradientFactorDerivative(at: point, Y, pPrime: pPrime)
    }
}
