-- wrk script: each request takes the next address from the file named by WRK_PATHS, so a page
-- is measured across many objects (and past any kept copy) rather than one.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local index = 0

-- Threads start at different places in the list, so no two ask for the same page at once.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 397)
end

function init(args)
  index = (offset or 0) % #paths
end

-- "{n}" in an address becomes a mark no request used before (this run's start, the thread, a
-- count), so no kept copy can answer it, not even one the warming pass left.
local run, sent = os.time(), 0
function request()
  index = index % #paths + 1
  sent = sent + 1
  local mark = run .. "." .. (offset or 0) .. "." .. sent
  return wrk.format("GET", (paths[index]:gsub("{n}", mark)))
end
