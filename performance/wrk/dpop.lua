-- GET the URL given to wrk with a DPoP-bound token (BENCH_TOKEN) and a proof never sent before on each
-- request, read from BENCH_PROOFS (one per line, made for this run: a proof is good once, for 60 s).
local token = os.getenv("BENCH_TOKEN")
local proofs = {}
local next_proof = 0

function init(args)
  for line in io.lines(os.getenv("BENCH_PROOFS")) do proofs[#proofs + 1] = line end
end

function request()
  next_proof = next_proof + 1
  -- past the last proof the run repeats them, and the refusals show up as errors
  local proof = proofs[(next_proof - 1) % #proofs + 1]
  return wrk.format(nil, nil, { ["Authorization"] = "DPoP " .. token, ["DPoP"] = proof })
end
