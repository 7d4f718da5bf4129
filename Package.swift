// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mamlsh",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mamlsh", targets: ["mamlsh"]),
        .executable(name: "mamlbench", targets: ["mamlbench"]),
        .library(name: "MAMLCore", targets: ["MAMLCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries (module maps only).
        .systemLibrary(name: "CLapack", pkgConfig: "lapacke",
                       providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CReadline",
                       providers: [.apt(["libreadline-dev"])]),
        .systemLibrary(name: "CZeroMQ",
                       providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CMatio", pkgConfig: "matio",
                       providers: [.apt(["libmatio-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),

        // Files written atomically (a temporary file renamed over the target).
        .target(name: "AtomicFiles"),
        // The solver library.
        .target(name: "MAMLCore", dependencies: ["CLapack"]),
        // Figures: layout as data, Cairo backend.
        .target(name: "MAMLPlot", dependencies: ["CCairo", "AtomicFiles"]),
        // The language.
        // The interpreter switches frames and writes slots in every statement:
        // release builds leave out the dynamic exclusivity checks there (debug
        // builds, which the tests run, keep them).
        .target(name: "MAMLLang", dependencies: ["MAMLCore", "AtomicFiles", "CMatio", "CZlib"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        // The figure built-ins (plot, heatmap, panels, …): a family the programs install.
        .target(name: "MAMLFigures", dependencies: ["MAMLLang", "MAMLCore", "MAMLPlot"]),
        // The Jupyter kernel: the messaging protocol over ZeroMQ, signed with HMAC-SHA256.
        .target(name: "JupyterKernel", dependencies: ["MAMLLang", "MAMLFigures", "MAMLPlot", "AtomicFiles", "CZeroMQ", "CCrypto"]),
        // The program.
        .executableTarget(name: "mamlsh", dependencies: [
            "MAMLLang", "MAMLFigures", "MAMLPlot", "AtomicFiles", "JupyterKernel", "CReadline", "CCrypto",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "mamlbench", dependencies: ["MAMLCore", "MAMLLang", "MAMLFigures"]),

        .target(name: "TestSupport", dependencies: ["MAMLCore", "MAMLPlot"], path: "Tests/TestSupport"),
        .testTarget(name: "MAMLCoreTests", dependencies: ["MAMLCore", "TestSupport"]),
        .testTarget(name: "MAMLPlotTests", dependencies: ["MAMLPlot", "AtomicFiles", "TestSupport", "CTestSupport"]),
        .testTarget(name: "MAMLLangTests", dependencies: ["MAMLLang", "MAMLFigures", "TestSupport"]),
        .target(name: "CTestSupport", path: "Tests/CTestSupport"),
        .testTarget(name: "MamlshTests", dependencies: ["mamlsh", "MAMLLang", "MAMLFigures", "TestSupport", "CTestSupport"],
                    exclude: ["Jupyter"]),
    ],
    swiftLanguageModes: [.v6]
)
