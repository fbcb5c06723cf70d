import Foundation
import Synchronization

/// Prints run progress: redrawn in place on a terminal, a plain line every five seconds elsewhere (CI logs).
func makeProgressPrinter() -> @Sendable (String) -> Void {
    let terminal = isatty(STDERR_FILENO) == 1
    let counter = ProgressCounter()
    return { line in
        let isSecond = line.first?.isNumber == true
        if terminal {
            let text = isSecond ? "\r\u{1B}[K\(line)" : "\r\u{1B}[K\(line)\n"
            FileHandle.standardError.write(Data(text.utf8))
        } else if !isSecond || counter.next() % 5 == 0 {
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
    }
}

/// Counts progress lines across threads, to thin them out when not on a terminal.
final class ProgressCounter: Sendable {
    private let value = Mutex(0)
    func next() -> Int {
        value.withLock {
            $0 += 1
            return $0
        }
    }
}
