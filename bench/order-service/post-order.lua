-- wrk script: POST /api/v1/orders with a bearer token and a fresh Idempotency-Key per request.
-- The token comes from the environment (ORDER_TOKEN), set by run.sh after logging in.
local token = os.getenv("ORDER_TOKEN")
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id
end

function request()
  counter = counter + 1
  local product = (counter % 100) + 1
  return wrk.format("POST", "/api/v1/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = string.format("bench-%d-%d-%d", os.time(), thread_id, counter),
  }, string.format('{"items":[{"productId":"p-%d","quantity":2}]}', product))
end
