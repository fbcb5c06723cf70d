/// The knee of a stress run as one sentence, shared by the HTML page, the Markdown summary and the console.
public enum KneeRenderer {
    public static func render(_ knee: Knee) -> String {
        let held = knee.rate.map { rate in "\(Format.rate(rate)) (at \(Format.significant(knee.heldAt ?? 0)) s)" }
        guard let brokenAt = knee.brokenAt else {
            return held.map { "No knee within the ramp: the SLOs held up to \($0)." }
                ?? "No knee: no second of the ramp could be checked."
        }
        let broke =
            "from \(Format.significant(brokenAt)) s at \(Format.rate(knee.brokenRate ?? 0)), "
            + "\(knee.brokenBy ?? "an SLO") failed \(knee.sustainSeconds) s in a row"
        guard let held else { return "No knee: the SLOs failed from the start of the ramp (\(broke))." }
        return "Knee at \(held): the highest arrival rate that held every SLO; \(broke)."
    }
}
