import Foundation
import XCTest
@testable import MAMLLang
@testable import MAMLFigures
import MAMLPlot

/// What an Octave user types first, and what mamlsh does with it: the
/// command forms (`tic;`, `toc`, `help maml`, `whos`, `clear x`), and
/// clear messages where the language differs (indexing with ( ), joining
/// strings with [ ], save's argument order).
final class OctaveHabitsTests: XCTestCase {
    func testTicAndTocAsStatements() throws {
        // `tic;` is a statement that gives no value; toc as a statement prints Octave's sentence; t = toc is a number.
        let (interp, buffer) = makeInterpreter()
        let r = runScript("tic;\ntoc\ntoc();\nt = toc;\nok = t >= 0 && t < 5;", in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        let lines = r.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2, r.output)
        for line in lines {
            XCTAssertNotNil(line.range(of: #"^Elapsed time is [0-9.e+-]+ seconds\.$"#, options: .regularExpression), line)
        }
        if case .bool(true)? = interp.value(of: "ok") {} else { XCTFail("t = toc is a number of seconds") }
        // A user function without outputs named alone runs as a statement; one with an output echoes ans.
        assertOutput("function hello()\n  disp(\"hi\")\nend\nfunction r = five()\n  r = 5;\nend\nhello\nfive", "hi\nans = 5\n")
    }

    func testIndexingWithParenthesesSaysToUseBrackets() {
        let colon = "':' selects a whole row or column only inside [ ]: index with x[:] or M[:, j] (( ) calls a function)"
        let end = "'end' stands for the last index only inside [ ]: index with x[end] (( ) calls a function)"
        assertError("g = [1 2; 3 4];\ng(:)", colon, 2, 3)
        assertError("G = eye(2);\nG(:, 1)", colon, 2, 3)
        assertError("x = [1 2 3];\nx(end)", end, 2, 3)
        assertError("x = [1 2 3];\ny = x(2:end)", end, 2, 9)
        assertOutput("x = [1 2 3];\nx[end]\nx[2:end]", "ans = 3\nans =\n   2   3\n")
    }

    func testHelpWhosAndClearCommands() {
        let (interp, buffer) = makeInterpreter()
        var r = runScript("help rho", in: interp, buffer: buffer)
        XCTAssertEqual(r.output, "rho(M) — the spectral radius max |λ| of a square matrix\n")
        r = runScript("help(\"pi\")", in: interp, buffer: buffer)
        XCTAssertTrue(r.output.hasPrefix("pi"), r.output)
        assertError("help mamll", "no function or built-in named 'mamll'; did you mean 'maml'?", 1, 6)
        assertOutput("x = 1; A = eye(2);\nwhos", "  Name  Kind and size  Bytes\n  A     2×2 matrix        32\n  x     number             8\nTotal: 2 variables using 40 bytes\n")
        assertOutput("whos", "no variables\n")
        // clear x y forgets those; clear and clear all every variable; functions stay.
        assertError("x = 1; y = 2;\nclear x\ny;\nx", "unknown name 'x'", 4, 1)
        assertOutput("function r = f()\n  r = 7;\nend\nx = 1; y = 2;\nclear all\nwhos", "  Name  Kind and size     Bytes\n  f     function r = f()\nTotal: 0 variables using 0 bytes\n")
        assertError("function g()\n  clear\nend\ng()", "clear works at the top level of a script or the session, not inside a function", 2, 3)
        // The names stay usable as variables.
        assertOutput("help = 3;\nhelp + 1", "ans = 4\n")
    }

    func testOctaveFigureCommandsSayHowFiguresWorkHere() {
        // Scripts that begin as Octave's do run; the figure commands say what to write instead.
        assertOutput("clear all; close all; clc;\nx = 1", "x = 1\n")
        assertError("xlabel(\"x\")", "unknown function 'xlabel' (figure text is an option: plot(…, xlabel=\"…\"), or plot(f, xlabel=\"…\") for a figure f)", 1, 1)
        assertError("hold on", "unknown function 'hold' (add to a figure by passing it: f = plot(x, y1); f = plot(f, x, y2))", 1, 1)
        assertError("figure", "unknown function 'figure' (a figure is the value plot(…) returns: f = plot(…); there is no current figure)", 1, 1)
        assertError("y = cellfun(@(x) x, {1})", "unknown function 'cellfun'; did you mean 'map' or 'arrayfun'? (map(f, L) calls f on each item of a list, arrayfun(f, v) on each entry of a vector)", 1, 5)
        // plot(f, title=…, xlabel=…) changes a figure's text without adding to it.
        let (interp, _) = makeInterpreter()
        let r = runScript("f = plot([1 2 3]);\ng = plot(f, xlabel=\"step\", title=\"cost\");", in: interp)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        let g = interp.object("g", as: FigureValue.self), f = interp.object("f", as: FigureValue.self)
        XCTAssertEqual(g?.figure.axes.last?.xLabel, "step")
        XCTAssertEqual(g?.figure.axes.last?.title, "cost")
        XCTAssertEqual(g?.figure.axes.last?.artists.count, f?.figure.axes.last?.artists.count)
        XCTAssertEqual(g?.lineage, f?.lineage)
    }

    func testErrorIdentifiersAsOctaveHasThem() {
        assertOutput("""
            try
              error("mamlsh:eta", "eta = %g is too large", 0.5)
            catch err
              printf("%s | %s\\n", err.identifier, err.message)
            end
            try
              error("plain: a message with spaces")
            catch e
              printf("[%s] %s\\n", e.identifier, e.message)
            end
            """, "mamlsh:eta | eta = 0.5 is too large\n[] plain: a message with spaces\n")
        assertError("x = 1;\nerror(\"pkg:sub:what\", \"shown as is\")", "shown as is", 2, 1)
        XCTAssertTrue(Builtins.isErrorIdentifier("Octave:some-id"))
        XCTAssertFalse(Builtins.isErrorIdentifier("eta: 3"))
        XCTAssertFalse(Builtins.isErrorIdentifier("a:"))
    }

    func testDifferencesGetMessagesThatSayWhatToWrite() {
        assertError("msg = [\"configs: \" \"a\"]", "a matrix holds numbers, not a string; join strings with + or strcat(a, b), or use { } for a list of strings", 1, 8)
        assertError("x = [1 2];\nsave(\"x.json\", x)", "save takes the value first, then the file: save(x, \"x.json\") (Octave's save(file, \"x\") names the variable; here give the value itself)", 2, 6)
        assertError("x = [1 2];\nsave(\"out.mat\", \"x\")", "save takes the value first, then the file: save(x, \"out.mat\") (Octave's save(file, \"x\") names the variable; here give the value itself)", 2, 6)
    }
}
