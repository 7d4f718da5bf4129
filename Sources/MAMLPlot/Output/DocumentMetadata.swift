import Foundation

/// What a PDF records about itself besides the drawing: its creation and
/// modification date. For reproducible files both follow the
/// `SOURCE_DATE_EPOCH` environment variable (seconds since 1970, UTC; see
/// reproducible-builds.org), and without it the PDF has no date at all, so
/// regenerating an unchanged figure gives the same bytes.
public struct DocumentMetadata: Equatable, Sendable {
    /// The date written as creation and modification date, or nil for none.
    public var date: Date?

    /// Creates metadata with a fixed date, or none.
    public init(date: Date?) {
        self.date = date
    }

    /// The date from `SOURCE_DATE_EPOCH` in `environment` (the process's by
    /// default) when it holds a non-negative whole number of seconds; no
    /// date otherwise.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> DocumentMetadata {
        guard let text = environment["SOURCE_DATE_EPOCH"]?.trimmingCharacters(in: .whitespaces),
              let seconds = Int64(text), seconds >= 0, seconds < 253_402_300_800 else {
            return DocumentMetadata(date: nil)
        }
        return DocumentMetadata(date: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The date as ISO 8601 in UTC, `YYYY-MM-DDThh:mm:ssZ`, as Cairo's PDF
    /// metadata wants it; nil without a date.
    public var iso8601: String? {
        guard let date else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
