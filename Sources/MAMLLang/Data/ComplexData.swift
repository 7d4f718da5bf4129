/// Complex numbers in a data file. The language has no complex numbers yet
/// (docs/language.md; SPEC §8 lists them next): until it has, every format
/// that meets complex data refuses it here, naming the variable, and this
/// is the one place to replace when they land.
enum ComplexData {
    /// The error for complex data in `variable` (a .mat variable, an .npy
    /// file, an .npz member).
    static func unsupported(_ variable: String) -> LangError {
        LangError("\(variable) holds complex numbers, which mamlsh does not have yet; save its real and imaginary parts apart")
    }
}
