/// `tic` and `toc`: a stopwatch per session (the start is kept in
/// `Interpreter.ticStart`).
extension Builtins {
    static let time: [BuiltinFunction] = [
        BuiltinFunction("tic", [], help: """
                        starts the stopwatch that toc() reads
                        Gives no value (Octave's id = tic is not available); a later tic() restarts it.
                        """) { c in
            c.interpreter.ticStart = ContinuousClock.now
            return nil
        },
        BuiltinFunction("toc", [], help: """
                        the seconds since the last tic() of this session
                        An error before the first tic(). Unlike Octave's toc without an output, it prints no sentence:
                        the number is echoed like any value.
                        """) { c in
            guard let start = c.interpreter.ticStart else {
                throw LangError("toc() needs a tic() first to start the stopwatch", at: c.location)
            }
            let elapsed = (ContinuousClock.now - start).components
            return .number(Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
        },
    ]
}
