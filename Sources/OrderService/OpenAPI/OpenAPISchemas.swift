/// The component schemas of the OpenAPI document; request bodies refuse unknown fields, as the decoder does.
enum OpenAPISchemas {
    static var all: [String: Any] {
        [
            "Status": object(["status": string]),
            "Credentials": object(["username": string, "password": string], closed: true),
            "User": object(["id": integer, "username": string, "role": ["type": "string", "enum": ["user", "admin"]]]),
            "Token": object(["token": string, "tokenType": string, "expiresAt": dateTime]),
            "CreateOrder": object(
                ["items": ["type": "array", "minItems": 1, "maxItems": 50, "items": ref("CreateOrderItem")]],
                closed: true
            ),
            "CreateOrderItem": object(
                ["productId": string, "quantity": ["type": "integer", "minimum": 1, "maximum": 1000]],
                closed: true
            ),
            "Order": object([
                "id": string, "userId": integer,
                "status": ["type": "string", "enum": OrderStatus.allCases.map(\.rawValue)],
                "items": ["type": "array", "items": ref("OrderLine")], "totalCents": integer, "currency": string,
                "createdAt": dateTime,
            ]),
            "Catalogue": object(["products": ["type": "array", "items": ref("Product")]]),
            "Product": object(["id": string, "name": string, "priceCents": integer, "stock": integer]),
            "OrderLine": object([
                "productId": string, "quantity": integer, "unitPriceCents": integer, "lineTotalCents": integer,
            ]),
            "OrderPage": object([
                "orders": ["type": "array", "items": ref("Order")], "nextCursor": ["type": ["string", "null"]],
            ]),
            "RoleAssignment": object(["role": ["type": "string", "enum": ["user", "admin"]]], closed: true),
            "NewAPIKey": object(["name": string], closed: true),
            "CreatedAPIKey": object(["id": string, "name": string, "key": string]),
            "Problem": object(["type": string, "title": string, "status": integer, "detail": string, "code": string]),
        ]
    }

    static var pagingParameters: [[String: Any]] {
        [
            [
                "name": "limit", "in": "query", "required": false,
                "schema": ["type": "integer", "minimum": 1, "maximum": 100, "default": 20],
            ],
            ["name": "cursor", "in": "query", "required": false, "schema": string],
        ]
    }

    private static var string: [String: Any] { ["type": "string"] }
    private static var integer: [String: Any] { ["type": "integer"] }
    private static var dateTime: [String: Any] { ["type": "string", "format": "date-time"] }

    private static func ref(_ name: String) -> [String: Any] {
        ["$ref": "#/components/schemas/\(name)"]
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
