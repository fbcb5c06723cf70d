import Basics
import NIOCore
import Scenarios

extension DynamicRequest {
    /// What reading a response found: whether every check held and whether every capture found its value.
    struct Outcome: Equatable {
        var checksPassed = true
        var capturesFound = true
    }

    /// Applies the checks and stores the captures of `response` into `values`; the body is parsed as JSON at most
    /// once, and only when a JSON check or capture asks for it.
    func evaluate(_ response: HTTPResponse, into values: inout TemplateValues) -> Outcome {
        var outcome = Outcome()
        var json = LazyJSON(body: response.body)
        for check in checks where !Self.holds(check.condition, in: response, json: &json, values: values) {
            outcome.checksPassed = false
            break
        }
        for capture in captures {
            switch capture.source {
            case .json(let path):
                guard let value = json.value.flatMap({ path.evaluate(in: $0) }) else {
                    outcome.capturesFound = false
                    continue
                }
                values.set(capture.slot, to: value.captureText)
            case .header(let name):
                guard let value = response.header(name) else {
                    outcome.capturesFound = false
                    continue
                }
                values.set(capture.slot, to: value)
            }
        }
        return outcome
    }

    static func holds(
        _ condition: Check.Condition,
        in response: HTTPResponse,
        json: inout LazyJSON,
        values: TemplateValues
    ) -> Bool {
        switch condition {
        case .status(let set):
            return set.contains(response.status)
        case .header(let name, let expected):
            let value = response.header(name)
            switch expected {
            case .exists: return value != nil
            case .absent: return value == nil
            case .equals(let text): return value == text.checkText(values)
            case .contains(let text): return value?.contains(text.checkText(values)) ?? false
            }
        case .bodyContains(let text):
            return response.body.readableBytesView.firstRange(of: Array(text.checkText(values).utf8)) != nil
        case .json(let path, let expected):
            let value = json.value.flatMap { path.evaluate(in: $0) }
            switch expected {
            case .exists: return value != nil
            case .absent: return value == nil
            case .equals(let wanted): return value == wanted
            // As a capture would store it: a string's text, a number's digits, so `${userId}` matches 7 too.
            case .equalsText(let text): return value?.captureText == text.checkText(values)
            }
        }
    }
}

/// A response body parsed as JSON on first use; nil when the body is not JSON.
struct LazyJSON {
    let body: ByteBuffer
    private var parsed: JSONValue??

    init(body: ByteBuffer) {
        self.body = body
    }

    var value: JSONValue? {
        mutating get {
            if let parsed { return parsed }
            let value = try? JSONParser.parse(body.readableBytesView)
            parsed = .some(value)
            return value
        }
    }
}

extension Template {
    /// The text a check compares with: the source of a constant template as is, else rendered with the
    /// iteration's values (a check has no use for random functions, but they render like anywhere else).
    func checkText(_ values: TemplateValues) -> String {
        if let bytes = constantBytes { return String(decoding: bytes, as: UTF8.self) }
        var random = SystemRandomNumberGenerator()
        return renderedString(values: values, random: &random)
    }
}
