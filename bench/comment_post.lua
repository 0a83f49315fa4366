-- Comment POSTs for wrk: `wrk -s bench/comment_post.lua URL -- PATH ORIGIN FORM RUN [COOKIE]`.
--
-- PATH is the form's action, ORIGIN the site's origin (sent as Origin, which the CSRF check
-- compares with the host), FORM the fixed, URL-encoded fields copied from the article page
-- (name, the signed "rendered" time, the CSRF token when the page has one), RUN a word unique
-- to this measurement and COOKIE the Cookie header matching the token, when there is one.
-- Each request gets its own email and text, so duplicate detection never refuses one: the
-- server does the whole work of a first-time commenter's post.
--
-- A stored comment answers 302 or 303; a re-rendered form (200) is a refusal too, so statuses
-- are counted here and printed by done() as one "comment-post-statuses" line.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  path, origin, form, run, cookie = args[1], args[2], args[3], args[4], args[5]
  counter = 0
  stored = 0
  refused = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Origin"] = origin
  if cookie and cookie ~= "" then
    wrk.headers["Cookie"] = cookie
  end
end

function request()
  counter = counter + 1
  local mark = run .. "-" .. id .. "-" .. counter
  local body = form
    .. "&author_email=bench-" .. mark .. "%40example.org"
    .. "&body=Benchmark+comment+" .. mark .. "%3A+the+figures+in+the+second+section+"
    .. "deserve+a+closer+look."
  return wrk.format(nil, path, nil, body)
end

function response(status, headers, body)
  if status == 302 or status == 303 then
    stored = stored + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local total_stored, total_refused = 0, 0
  for _, thread in ipairs(threads) do
    total_stored = total_stored + thread:get("stored")
    total_refused = total_refused + thread:get("refused")
  end
  io.write(string.format(
    "comment-post-statuses stored=%d refused=%d\n", total_stored, total_refused
  ))
end
