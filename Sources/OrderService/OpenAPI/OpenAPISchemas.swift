/// The component schemas of the OpenAPI document. Request bodies refuse unknown fields, as the decoder does, and
/// their bounds come from `InputRules`, the values the validators check.
enum OpenAPISchemas {
    static var all: [String: Any] {
        [
            "Status": object(["status": string]),
            "Credentials": object(
                [
                    "username": constrained(InputRules.usernameCharacters, InputRules.usernameLength),
                    "password": constrained(InputRules.passwordCharacters, InputRules.passwordLength),
                ],
                closed: true
            ),
            "Login": object(["username": string, "password": string], closed: true),
            "User": object(["id": integer, "username": string, "role": ["type": "string", "enum": roles]]),
            "Token": object([
                "token": string, "tokenType": ["type": "string", "enum": ["Bearer"]], "expiresAt": dateTime,
            ]),
            "CreateOrder": object(
                [
                    "items": [
                        "type": "array", "minItems": InputRules.orderItems.lowerBound,
                        "maxItems": InputRules.orderItems.upperBound, "items": ref("CreateOrderItem"),
                    ]
                ],
                closed: true
            ),
            "CreateOrderItem": object(
                [
                    // Any other id of 1 to 64 characters passes validation and is then refused (422 unknown-product).
                    "productId": ["type": "string", "enum": catalogueIDs],
                    "quantity": [
                        "type": "integer", "minimum": InputRules.quantity.lowerBound,
                        "maximum": InputRules.quantity.upperBound,
                    ],
                ],
                closed: true
            ),
            "Order": object([
                "id": string, "userId": integer,
                "status": ["type": "string", "enum": OrderStatus.allCases.map(\.rawValue)],
                "items": ["type": "array", "items": ref("OrderLine")], "totalCents": integer, "currency": string,
                "createdAt": dateTime,
            ]),
            "Catalogue": object(["products": ["type": "array", "items": ref("Product")]]),
            "Integrity": object([
                "consistent": ["type": "boolean"], "orders": integer, "ledgerChecked": ["type": "boolean"],
                "problems": ["type": "array", "items": string],
            ]),
            "Product": object(["id": string, "name": string, "priceCents": integer, "stock": integer]),
            "OrderLine": object([
                "productId": string, "quantity": integer, "unitPriceCents": integer, "lineTotalCents": integer,
            ]),
            "OrderPage": object([
                "orders": ["type": "array", "items": ref("Order")], "nextCursor": ["type": ["string", "null"]],
            ]),
            "RoleAssignment": object(["role": ["type": "string", "enum": roles]], closed: true),
            "NewAPIKey": object(
                [
                    "name": [
                        "type": "string", "minLength": InputRules.apiKeyNameLength.lowerBound,
                        "maxLength": InputRules.apiKeyNameLength.upperBound,
                    ]
                ],
                closed: true
            ),
            "CreatedAPIKey": object(["id": string, "name": string, "key": string]),
            "Problem": object(["type": string, "title": string, "status": integer, "detail": string, "code": string]),
        ]
    }

    /// An example of each request body, used by the document and checked against the validators by a test.
    static let requestExamples: [String: String] = [
        "Credentials": #"{"username":"alice","password":"correct horse"}"#,
        "Login": #"{"username":"alice","password":"correct horse"}"#,
        "CreateOrder": #"{"items":[{"productId":"p-1","quantity":2},{"productId":"p-7","quantity":1}]}"#,
        "RoleAssignment": #"{"role":"admin"}"#,
        "NewAPIKey": #"{"name":"warehouse"}"#,
    ]

    static var pagingParameters: [[String: Any]] {
        [
            [
                "name": "limit", "in": "query", "required": false,
                "schema": [
                    "type": "integer", "minimum": InputRules.pageLimit.lowerBound,
                    "maximum": InputRules.pageLimit.upperBound, "default": InputRules.defaultPageLimit,
                ],
            ],
            [
                "name": "cursor", "in": "query", "required": false,
                "description": "The nextCursor of the previous page, as it was returned (opaque).",
                "schema": ["type": "string", "pattern": "^[A-Za-z0-9_-]+$"],
            ],
        ]
    }

    static var idempotencyKey: [String: Any] {
        [
            "name": "Idempotency-Key", "in": "header", "required": false,
            "description": "Repeating a request with the same key and body returns the first order.",
            "schema": constrained(InputRules.idempotencyKeyCharacters, InputRules.idempotencyKeyLength),
        ]
    }

    /// The ids of the seeded catalogue, the only ones an order can name.
    static var catalogueIDs: [String] {
        (1...ProductCatalogue.productCount).map { "p-\($0)" }
    }

    private static var roles: [String] { Role.allCases.map(\.rawValue) }
    private static var string: [String: Any] { ["type": "string"] }
    private static var integer: [String: Any] { ["type": "integer"] }
    private static var dateTime: [String: Any] { ["type": "string", "format": "date-time"] }

    private static func ref(_ name: String) -> [String: Any] {
        ["$ref": "#/components/schemas/\(name)"]
    }

    /// A string of `length` characters, each in `characters`.
    private static func constrained(_ characters: InputRules.CharacterClass, _ length: ClosedRange<Int>) -> [String:
        Any]
    {
        [
            "type": "string", "minLength": length.lowerBound, "maxLength": length.upperBound,
            "pattern": characters.pattern(length: length),
        ]
    }

    /// An object schema whose every property is required; `closed` refuses other properties.
    private static func object(_ properties: [String: Any], closed: Bool = false) -> [String: Any] {
        var schema: [String: Any] = [
            "type": "object", "properties": properties, "required": properties.keys.sorted(),
        ]
        if closed { schema["additionalProperties"] = false }
        return schema
    }
}
