import Hummingbird

/// Every problem the service answers with, named once so that the codes stay stable.
extension ServiceError {
    static let unauthenticated = ServiceError(
        .unauthorized,
        code: "unauthenticated",
        detail: "A valid bearer token is required."
    )
    static let invalidToken = ServiceError(
        .unauthorized,
        code: "invalid-token",
        detail: "The bearer token is malformed, expired or not signed by this service."
    )
    static let invalidCredentials = ServiceError(
        .unauthorized,
        code: "invalid-credentials",
        detail: "Unknown username or wrong password."
    )
    static let invalidAPIKey = ServiceError(
        .unauthorized,
        code: "invalid-api-key",
        detail: "A valid X-API-Key header is required."
    )
    static let forbidden = ServiceError(.forbidden, code: "forbidden", detail: "This route needs the admin role.")
    static let usernameTaken = ServiceError(.conflict, code: "username-taken", detail: "That username is taken.")
    static let idempotencyKeyReused = ServiceError(
        .unprocessableContent,
        code: "idempotency-key-reused",
        detail: "This Idempotency-Key was already used with a different request body."
    )
    static let bodyTooLarge = ServiceError(
        .contentTooLarge,
        code: "body-too-large",
        detail: "The request body is larger than this service accepts."
    )
    static let internalError = ServiceError(
        .internalServerError,
        code: "internal-error",
        detail: "The service failed to handle this request."
    )
    static let databaseError = ServiceError(
        .internalServerError,
        code: "database-error",
        detail: "The service could not reach its storage."
    )

    static func notFound(_ what: String) -> ServiceError {
        ServiceError(.notFound, code: "not-found", detail: "No such \(what).")
    }

    static func invalidField(_ path: String, _ expectation: String) -> ServiceError {
        ServiceError(.badRequest, code: "invalid-field", detail: "Field '\(path)': \(expectation).")
    }

    static func unknownProduct(_ id: String) -> ServiceError {
        ServiceError(.unprocessableContent, code: "unknown-product", detail: "No product '\(id)' in the catalogue.")
    }
}

/// The problems of the payments step of the order saga.
extension ServiceError {
    static let paymentsCircuitOpen = ServiceError(
        .serviceUnavailable,
        code: "payments-circuit-open",
        detail: "Payments are failing, so the order was not charged and its stock was released; retry later."
    )
    static let paymentUnavailable = ServiceError(
        .serviceUnavailable,
        code: "payment-unavailable",
        detail: "The payment could not be completed, so the order was compensated; retry later."
    )
    static let paymentDeclined = ServiceError(
        HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required"),
        code: "payment-declined",
        detail: "The payment was declined, so the order was compensated."
    )

    /// The problem answered when a saga did not confirm.
    static func saga(_ failure: SagaFailure) -> ServiceError {
        switch failure {
        case .payment(.circuitOpen): .paymentsCircuitOpen
        case .payment(.unavailable): .paymentUnavailable
        case .payment(.declined): .paymentDeclined
        case .injected(let error): .injectedFault(error)
        }
    }
}

/// The problem of a client over its rate limit.
extension ServiceError {
    static func rateLimited(retryAfter seconds: Int) -> ServiceError {
        ServiceError(
            .tooManyRequests,
            code: "rate-limited",
            detail: "Too many requests from this client; retry after \(seconds) s (see Retry-After)."
        )
    }
}

/// The problems of the fault-switch headers.
extension ServiceError {
    static func invalidFaultSwitch(_ header: String, _ expected: String, _ got: String) -> ServiceError {
        ServiceError(
            .badRequest,
            code: "invalid-fault-switch",
            detail: "\(header): expected \(expected), got '\(got)'."
        )
    }

    static func injectedFault(_ error: FaultSwitches.InjectedError) -> ServiceError {
        ServiceError(
            .internalServerError,
            code: "injected-fault",
            detail: "A fault-switch header failed the \(error.step.rawValue) step: \(error.message)"
        )
    }
}
