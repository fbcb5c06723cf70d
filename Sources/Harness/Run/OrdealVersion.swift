/// The version of this build of Ordeal, written into every report.
public enum OrdealVersion {
    public static let current = "0.1.0"
}
