/// The progress hook of an activity (`Session.activity`), handed to
/// MAMLCore's worker threads, which call it one at a time (under the lock of
/// the landscape or of the meta-test evaluation).
package final class ProgressRelay: @unchecked Sendable {
    // @unchecked: the workers call `report` one at a time, under their lock.
    /// Reports `done` of `total` steps; nil when nobody listens.
    package let report: ((Int, Int) -> Void)?

    /// A relay of `report`.
    package init(_ report: ((Int, Int) -> Void)?) { self.report = report }
}
