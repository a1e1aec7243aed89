-- GET the URL given to wrk, with a bearer token when BENCH_TOKEN is set.
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
