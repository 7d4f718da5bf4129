import Foundation

/// The page a figure is drawn on: its size in inches, the base font size in
/// points and the resolution of its PNG in dots per inch, checked once when
/// the page is made. Every limit on a page is written here and only here.
///
/// A PNG is `width × dpi` by `height × dpi` pixels (rounded), at most
/// `maximumPixels` per side; PDF and SVG are sized in points (72 per inch).
public struct Page: Equatable, Sendable {
    /// Width in inches, positive and at most `maximumSide`.
    public let width: Double
    /// Height in inches, positive and at most `maximumSide`.
    public let height: Double
    /// The base font size in points, within `fontSizes`.
    public let fontSize: Double
    /// Pixels per inch of the PNG (and of the terminal image), within `resolutions`.
    public let dpi: Double

    /// matplotlib's default width, 6.4 in.
    public static let defaultWidth = 6.4
    /// matplotlib's default height, 4.8 in.
    public static let defaultHeight = 4.8
    /// The default base font size, 10 pt.
    public static let defaultFontSize = 10.0
    /// The default PNG resolution, 200 dpi (a 6.4-inch figure is 1280 px wide).
    public static let defaultDPI = 200.0

    /// The largest side accepted, in inches.
    public static let maximumSide = 200.0
    /// The font sizes accepted, in points.
    public static let fontSizes: ClosedRange<Double> = 1...100
    /// The resolutions accepted, in dots per inch.
    public static let resolutions: ClosedRange<Double> = 1...2400
    /// The largest PNG side in pixels (Cairo's image surfaces stop at 32 767).
    public static let maximumPixels = 32_000

    /// The default page: 6.4 × 4.8 in, 10 pt, 200 dpi.
    public static let standard = Page(unchecked: defaultWidth, defaultHeight, defaultFontSize, defaultDPI)

    /// A page of `width` × `height` inches with text at `fontSize` points and a PNG at `dpi`.
    ///
    /// - Throws: `PlotError.invalidSize` naming a side that is not a
    ///   positive number, a font size or resolution out of range;
    ///   `PlotError.tooLarge` for a side over `maximumSide` inches or a PNG
    ///   side over `maximumPixels` pixels.
    public init(width: Double = Page.defaultWidth, height: Double = Page.defaultHeight,
                fontSize: Double = Page.defaultFontSize, dpi: Double = Page.defaultDPI) throws {
        for (name, value) in [("width", width), ("height", height)] {
            guard value.isFinite, value > 0 else {
                throw PlotError.invalidSize("the figure \(name) must be a positive number of inches (it is \(RoundedNumber.label(value)))")
            }
            guard value <= Self.maximumSide else {
                throw PlotError.tooLarge("a figure \(RoundedNumber.label(value)) inches in \(name) is larger than the \(RoundedNumber.label(Self.maximumSide)) inches accepted")
            }
        }
        guard fontSize.isFinite, Self.fontSizes.contains(fontSize) else {
            throw PlotError.invalidSize("the font size must be from \(RoundedNumber.label(Self.fontSizes.lowerBound)) to \(RoundedNumber.label(Self.fontSizes.upperBound)) points (it is \(RoundedNumber.label(fontSize)))")
        }
        try Self.checkResolution(dpi)
        try Self.checkPixels(width: Self.pixels(width * dpi), height: Self.pixels(height * dpi))
        self.init(unchecked: width, height, fontSize, dpi)
    }

    private init(unchecked width: Double, _ height: Double, _ fontSize: Double, _ dpi: Double) {
        self.width = width
        self.height = height
        self.fontSize = fontSize
        self.dpi = dpi
    }

    /// The same page with its PNG at `dpi` (a figure shown in a terminal at
    /// its own resolution), checked as a page is.
    public func at(dpi: Double) throws -> Page {
        dpi == self.dpi ? self : try Page(width: width, height: height, fontSize: fontSize, dpi: dpi)
    }

    /// The page size in points (1/72 in): `width × 72` by `height × 72`.
    public var size: PlotSize { PlotSize(width: width * 72, height: height * 72) }

    /// The PNG's size in pixels at `dpi` (the page's by default): `width × dpi` by `height × dpi`, rounded.
    public func pixelSize(dpi: Double? = nil) -> (width: Int, height: Int) {
        let d = dpi ?? self.dpi
        return (Self.pixels(width * d), Self.pixels(height * d))
    }

    /// A length in pixels: rounded to nearest (6.4 in × 200 dpi is 1280, not 1281), at least 1.
    public static func pixels(_ value: Double) -> Int {
        guard value.isFinite else { return 1 }
        return max(1, Int(min(value, 1e9).rounded()))
    }

    /// Throws unless `dpi` is a resolution within `resolutions`.
    static func checkResolution(_ dpi: Double) throws {
        guard dpi.isFinite, resolutions.contains(dpi) else {
            throw PlotError.invalidSize("the resolution must be from \(RoundedNumber.label(resolutions.lowerBound)) to \(RoundedNumber.label(resolutions.upperBound)) dpi (it is \(RoundedNumber.label(dpi)))")
        }
    }

    /// Throws unless an image of `width` × `height` pixels fits `maximumPixels` per side.
    static func checkPixels(width: Int, height: Int) throws {
        guard width <= maximumPixels, height <= maximumPixels else {
            throw PlotError.tooLarge("a \(width)×\(height) px image exceeds the \(maximumPixels) px limit per side")
        }
    }
}
