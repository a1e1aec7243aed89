-- Refresh chains: each wrk thread has one connection and one refresh token (BENCH_TOKENS, comma
-- separated, one per thread) and always presents the newest one, as a client must when tokens rotate.
local tokens = {}
for t in string.gmatch(os.getenv("BENCH_TOKENS") or "", "[^,]+") do tokens[#tokens + 1] = t end
local next_index = 0
local threads = {}

function setup(thread)
  next_index = next_index + 1
  thread:set("token", tokens[next_index])
  threads[next_index] = thread
end

-- a broken chain fails every later request: say why it broke
function bench_done()
  for i, thread in ipairs(threads) do
    local first_error = thread:get("first_error")
    if first_error then io.stderr:write("chain ", i, " broke: ", first_error, "\n") end
  end
end

wrk.method = "POST"
local keycloak = os.getenv("BENCH_PEER") == "keycloak"
if keycloak then
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
else
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local body
  if keycloak then
    body = "grant_type=refresh_token&client_id=web&refresh_token=" .. token
  else
    body = '{"refresh_token":"' .. token .. '"}'
  end
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  local next_token = string.match(body, '"refresh_token"%s*:%s*"([^"]+)"')
  if status == 200 and next_token then
    token = next_token
  elseif not first_error then
    first_error = status .. " " .. string.sub(body, 1, 300)
  end
end
