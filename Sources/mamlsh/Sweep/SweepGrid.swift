import Foundation
import MAMLLang

/// The grid of a sweep, read from the command line's `name=list`
/// arguments: each parameter's values, and the points as their Cartesian
/// product (the first parameter varying slowest, README "Sweeps past one
/// machine").
///
/// A list is `a:b` or `a:s:b` (numbers, as the language's ranges: `1:20`,
/// `0:0.5:2`), values parted by commas (`1e-4,5e-4,1e-3`,
/// `exact,first-order`), or one value. A value is a number when it reads as
/// one, `true`/`false`, else a string — as `mamlsh SCRIPT name=value` reads it.
struct SweepGrid {
    /// The parameters, in the order given.
    let parameters: [SweepParameter]

    /// The most points a sweep runs without `--yes`.
    static let confirmationLimit = 1_000_000
    /// The most points a sweep runs at all (each has a folder and a line of the manifest).
    static let hardLimit = 10_000_000

    /// The grid of `arguments` (each `name=list`); an error naming the
    /// argument for a bad name, an empty list, a value that is empty, or a
    /// parameter given twice.
    init(arguments: [String]) throws {
        var parameters: [SweepParameter] = []
        for argument in arguments {
            guard let eq = argument.firstIndex(of: "=") else {
                throw SweepError("'\(argument)' is not a parameter: give name=list (seed=1:20, eta=1e-4,5e-4)")
            }
            let name = String(argument[..<eq])
            let spec = String(argument[argument.index(after: eq)...])
            guard SweepGrid.isIdentifier(name) else {
                throw SweepError("'\(name)' in '\(argument)' is not a variable name (letters, digits and _, not starting with a digit)")
            }
            if parameters.contains(where: { $0.name == name }) {
                throw SweepError("the parameter \(name) is given twice ('\(argument)'); give all its values in one list: \(name)=a,b,c")
            }
            let values = try SweepGrid.values(of: spec, argument: argument)
            parameters.append(SweepParameter(name: name, spec: spec, values: values))
        }
        guard !parameters.isEmpty else {
            throw SweepError("the grid is empty: give at least one parameter as name=list (seed=1:20)")
        }
        self.parameters = parameters
    }

    /// The number of points, or nil when it passes `hardLimit`.
    var count: Int? {
        var n = 1
        for p in parameters {
            let (product, overflow) = n.multipliedReportingOverflow(by: p.values.count)
            if overflow || product > SweepGrid.hardLimit { return nil }
            n = product
        }
        return n
    }

    /// The points (each parameter's value, in the order of `parameters`),
    /// the last parameter varying fastest.
    var points: [[SweepValue]] {
        var points: [[SweepValue]] = [[]]
        for p in parameters {
            points = points.flatMap { prefix in p.values.map { prefix + [$0] } }
        }
        return points
    }

    /// Whether `name` is an identifier of the language (ASCII letters, digits, _).
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII,
              first.properties.isAlphabetic || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// The values of one list.
    static func values(of spec: String, argument: String) throws -> [SweepValue] {
        guard !spec.isEmpty else { throw SweepError("'\(argument)' gives no value") }
        let parts = spec.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1, let range = try range(spec, argument: argument) { return range }
        var values: [SweepValue] = []
        for part in parts {
            guard !part.isEmpty else { throw SweepError("'\(argument)' has an empty value between commas") }
            values.append(value(part))
        }
        return values
    }

    /// `a:b` or `a:s:b` as numbers, or nil when `spec` is not made of numbers and colons.
    static func range(_ spec: String, argument: String) throws -> [SweepValue]? {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let numbers = parts.compactMap { number($0) }
        guard numbers.count == parts.count, let start = numbers.first, let stop = numbers.last else { return nil }
        let step = numbers.count == 3 ? numbers[1] : 1
        let range: RangeValue
        do {
            range = try RangeValue(start: start, step: step, stop: stop)
        } catch {
            throw SweepError("'\(argument)': \(SweepError.text(of: error))")
        }
        guard range.count > 0 else {
            throw SweepError("'\(argument)' is an empty range (\(spec) has no values); the grid would have no points")
        }
        return (0..<range.count).map { .number(range.element($0)) }
    }

    /// A value as `mamlsh SCRIPT name=value` reads it.
    static func value(_ text: String) -> SweepValue {
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: return number(text).map { .number($0) } ?? .string(text)
        }
    }

    /// A finite number written with digits, sign, point and exponent only.
    static func number(_ text: String) -> Double? {
        guard text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }),
              let x = Double(text), x.isFinite else { return nil }
        return x
    }
}

/// A sweep that cannot go on: a bad command line, a folder that is not this
/// sweep's, a back end that is missing. The message says what and why.
struct SweepError: Error, CustomStringConvertible {
    /// The message, without the `mamlsh sweep:` prefix.
    let description: String
    /// The error `description`.
    init(_ description: String) { self.description = description }

    /// The message of an error from the language's file functions (a `LangError`'s, without location).
    static func text(of error: Error) -> String {
        (error as? LangError)?.message ?? "\(error)"
    }
}
