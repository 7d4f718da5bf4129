/// `tic` and `toc`: a stopwatch per session (the start is kept in
/// `Session.ticStart`).
extension Builtins {
    static let time: [BuiltinFunction] = [
        BuiltinFunction("tic", [], help: """
                        starts the stopwatch that toc() reads
                        Gives no value (Octave's id = tic is not available); a later tic() restarts it.
                        """) { c in
            c.session.ticStart = ContinuousClock.now
            return nil
        },
        BuiltinFunction("toc", [], help: """
                        the seconds since the last tic() of this session
                        An error before the first tic(). As in Octave, toc as a statement (toc, toc;, toc()) prints
                        "Elapsed time is 1.23 seconds." and t = toc gives the number.
                        """) { c in
            guard let start = c.session.ticStart else {
                throw LangError("toc() needs a tic() first to start the stopwatch", at: c.location)
            }
            let elapsed = (ContinuousClock.now - start).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
            if c.isStatement {
                c.session.write("Elapsed time is \(formatShort(seconds)) seconds.\n")
                return nil
            }
            return .number(seconds)
        },
    ]
}
