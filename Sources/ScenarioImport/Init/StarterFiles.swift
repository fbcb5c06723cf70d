/// The commented starter scenario and target file that `ordeal init` writes.
public enum StarterFiles {
    /// The files, by name, with their text.
    public static let files: [(name: String, text: String)] = [("scenario.yaml", scenario), ("target.yaml", target)]

    /// The two commands to run next, for the folder the files went to.
    public static func nextCommands(folder: String) -> [String] {
        let prefix = folder == "." ? "" : folder.hasSuffix("/") ? folder : folder + "/"
        return ["ordeal validate \(prefix)scenario.yaml", "ordeal run \(prefix)scenario.yaml"]
    }

    static let scenario = """
        # A starter scenario: edit it, check it with `ordeal validate scenario.yaml`, run it with `ordeal run`.
        # Every key is documented in the README ("Scenario files"). Or start from what you have:
        #   ordeal import har session.har --out scenario.yaml      # a recorded browser session
        #   ordeal import openapi openapi.json --out scenario.yaml # the service's OpenAPI document
        name: starter
        target: target.yaml              # how to reach (and optionally start) the service; or  url: http://host:port
        defaults:
          timeout: 5s                    # per request
          headers: { Accept: application/json }
        load:                            # phases, one after another
          - { name: warm-up, arrival-rate: 5/s, duration: 10s }          # open model: iterations per second
          - { name: steady, arrival-rate: 20/s, duration: 30s, max-in-flight: 100 }
          # - { name: users, vus: 10, duration: 30s }                   # closed model: 10 users in a loop
        flow:                            # one iteration
          - name: health
            get: /health
            check: { status: 200 }
          # - name: login
          #   post: /api/v1/auth/login
          #   json: { username: alice, password: "correct horse" }
          #   capture: { token: $.token }                               # later steps use ${token}
          #   check: { status: 200 }
          - think: 100ms..300ms
        slo:                             # the run fails (exit 1) when one does not hold
          - error-rate < 1%
          - p99 < 500ms

        """

    static let target = """
        # How to reach the system under test. `url` is where requests go; `processes` (optional) are started
        # before the load and stopped after it; `proxies` (optional) put fault proxies in front of them.
        name: my-service
        url: http://127.0.0.1:8080
        # processes:
        #   - name: my-service
        #     command: ./my-service          # looked up in PATH when it has no slash
        #     arguments: [--port, "8080"]
        #     ready: { http: "http://127.0.0.1:8080/health", deadline: 30s }
        # proxies:
        #   - { name: api, listen: "127.0.0.1:18081", upstream: "127.0.0.1:8080" }   # then url: http://127.0.0.1:18081

        """
}
