-- Password logins. BENCH_PEER=keycloak sends Keycloak's password grant, otherwise the gateway's JSON.
local users = { {"alice", "alice-password-1"}, {"bob", "bob-password-1"} }
local n = 0
local keycloak = os.getenv("BENCH_PEER") == "keycloak"
wrk.method = "POST"
if keycloak then
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
else
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  n = n + 1
  local user = users[(n % #users) + 1]
  local body
  if keycloak then
    body = "grant_type=password&client_id=web&username=" .. user[1] .. "&password=" .. user[2]
  else
    body = '{"username":"' .. user[1] .. '","password":"' .. user[2] .. '"}'
  end
  return wrk.format(nil, nil, nil, body)
end
