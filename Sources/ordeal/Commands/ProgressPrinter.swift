import Foundation

/// Prints run progress to standard error: the periodic line redrawn in place on a terminal (the run sends one each
/// second there, and one per five-second window in a log).
func makeProgressPrinter() -> @Sendable (String) -> Void {
    let terminal = isatty(STDERR_FILENO) == 1
    return { line in
        let isPeriodic = line.first?.isNumber == true
        let text = terminal ? (isPeriodic ? "\r\u{1B}[K\(line)" : "\r\u{1B}[K\(line)\n") : "\(line)\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
