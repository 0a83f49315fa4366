-- The readers of a live story, for wrk: `wrk -s bench/live_mix.lua URL -- POPULAR OTHER...`.
--
-- Each request goes to the popular article (70%), the home page (5%) or one of the OTHER
-- articles, chosen evenly (25%): the traffic of a site while one story takes most of it.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  popular = args[1]
  others = {}
  for i = 2, #args do
    others[#others + 1] = args[i]
  end
  math.randomseed(os.time() + id * 7919)
end

function request()
  local draw = math.random()
  local path
  if draw < 0.70 then
    path = popular
  elseif draw < 0.75 then
    path = "/"
  else
    path = others[math.random(#others)]
  end
  return wrk.format("GET", path)
end
