/// Where a ramping load broke its SLOs: the highest arrival rate that still held them, and where they broke.
///
/// Found from the per-second slices of the ramping phases (``KneeFinder``): each second is checked against the
/// SLOs that apply to it, and the SLOs count as broken once ``sustainSeconds`` seconds in a row fail, so one
/// slow second (a pause of the host) is not taken for the knee.
public struct Knee: Codable, Sendable, Equatable {
    /// The SLO expressions each second was checked against, as written.
    public var criteria: [String]
    /// Failing seconds in a row that count as the break.
    public var sustainSeconds: Int
    /// The highest arrival rate (iterations started or dropped per second) of a second that held every criterion
    /// before the break; nil when no second held.
    public var rate: Double?
    /// Offset of that second from the start of the run, in seconds.
    public var heldAt: Double?
    /// Offset of the first second of the break; nil when the SLOs held to the end of the ramp.
    public var brokenAt: Double?
    /// The arrival rate of that second.
    public var brokenRate: Double?
    /// The first criterion that failed in that second.
    public var brokenBy: String?
    /// The ramping phases the knee was looked for in, so that `ordeal merge` can find it again over the joined
    /// segments (whose arrival rates add up); nil in reports written before it was kept.
    public var rampingPhases: [String]?

    public init(
        criteria: [String],
        sustainSeconds: Int,
        held: (rate: Double, at: Double)?,
        broken: (at: Double, rate: Double, by: String)?,
        rampingPhases: [String]? = nil
    ) {
        self.criteria = criteria
        self.sustainSeconds = sustainSeconds
        self.rampingPhases = rampingPhases
        rate = held?.rate
        heldAt = held?.at
        brokenAt = broken?.at
        brokenRate = broken?.rate
        brokenBy = broken?.by
    }

    /// Whether the SLOs broke within the ramp; when not, ``rate`` is only a lower bound of the knee.
    public var found: Bool { brokenAt != nil }
}
