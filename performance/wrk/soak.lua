-- The soak's mixed traffic through the gateway, as a client uses it: each wrk thread has one connection
-- and its own session (BENCH_SESSIONS: "access refresh" pairs, comma separated, one per thread). Out of
-- every 100 requests: 1 login (a new session), 9 refreshes (always the newest refresh token), 20 item
-- writes, 70 reads. BENCH_DELAY_MS paces each connection so the load stays below capacity. Each write's
-- title is unique (BENCH_RUN, thread, count); every acknowledged one (201) is printed as "ACK <title>", so
-- the driver can check that each is stored.
local sessions = {}
for pair in string.gmatch(os.getenv("BENCH_SESSIONS") or "", "[^,]+") do sessions[#sessions + 1] = pair end
local pace = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local run = os.getenv("BENCH_RUN") or "0"
local next_index = 0
local threads = {}

function setup(thread)
  next_index = next_index + 1
  local access, refresh = string.match(sessions[next_index], "(%S+) (%S+)")
  thread:set("access", access)
  thread:set("refresh", refresh)
  thread:set("id", next_index)
  threads[next_index] = thread
end

local count = 0
local kind = nil
local title = nil
failures = 0
first_error = nil

function delay()
  return pace
end

function request()
  count = count + 1
  local step = count % 100
  local json = { ["Content-Type"] = "application/json" }
  if step == 0 then
    kind = "login"
    return wrk.format("POST", "/auth/token", json, '{"username":"alice","password":"alice-password-1"}')
  elseif step % 10 == 5 then
    kind = "refresh"
    return wrk.format("POST", "/auth/refresh", json, '{"refresh_token":"' .. refresh .. '"}')
  elseif step % 5 == 2 then
    kind = "write"
    title = "soak " .. run .. "-" .. id .. "-" .. count
    json["Authorization"] = "Bearer " .. access
    return wrk.format("POST", "/api/protected-data", json, '{"title":"' .. title .. '","body":"written by performance/soak"}')
  else
    kind = "read"
    return wrk.format("GET", "/api/protected-data?size=5", { ["Authorization"] = "Bearer " .. access })
  end
end

function response(status, headers, body)
  if kind == "login" or kind == "refresh" then
    local new_access = string.match(body, '"access_token"%s*:%s*"([^"]+)"')
    local new_refresh = string.match(body, '"refresh_token"%s*:%s*"([^"]+)"')
    if status == 200 and new_access and new_refresh then
      access, refresh = new_access, new_refresh
      return
    end
  elseif kind == "write" and status == 201 then
    -- one write per line: the threads share stdout, and separate pieces could interleave
    io.write("ACK " .. title .. "\n")
    return
  elseif kind == "read" and status == 200 then
    return
  end
  failures = failures + 1
  if not first_error then first_error = kind .. " " .. status .. " " .. string.sub(body, 1, 200) end
end

function bench_done()
  for i, thread in ipairs(threads) do
    local e = thread:get("first_error")
    if e then io.stderr:write("connection ", i, ": ", thread:get("failures"), " failure(s), first: ", e, "\n") end
  end
end
