-- POSTs the add-todo server action the way a browser runtime does (JS on):
-- the action header and React encodeReply's multipart body, where a
-- FormData argument becomes "$K1" and its fields are prefixed "_1_".
-- ACTION_HEADER (Gorsc-Action or Next-Action), ACTION_ID, ORIGIN,
-- optional ACCEPT_ENCODING and EXTRA_HEADER ("Name: value") come from the
-- environment.
local boundary = "----gorscbenchboundary7MA4YWxkTrZu0gW"

local function part(name, value)
  return "--" .. boundary .. "\r\n" ..
    'Content-Disposition: form-data; name="' .. name .. '"\r\n\r\n' ..
    value .. "\r\n"
end

wrk.method = "POST"
wrk.body = part("_1_title", "bench todo") .. part("0", '["$K1"]') .. "--" .. boundary .. "--\r\n"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.headers["Accept"] = "text/x-component"
wrk.headers[os.getenv("ACTION_HEADER")] = os.getenv("ACTION_ID")
wrk.headers["Origin"] = os.getenv("ORIGIN")
local encoding = os.getenv("ACCEPT_ENCODING")
if encoding and encoding ~= "" then
  wrk.headers["Accept-Encoding"] = encoding
end
local extra = os.getenv("EXTRA_HEADER")
if extra and extra ~= "" then
  local name, value = extra:match("^([^:]+):%s*(.*)$")
  wrk.headers[name] = value
end

-- The RESULT line is printed by the shared report script.
dofile(os.getenv("BENCH_DIR") .. "/wrk-report.lua")
