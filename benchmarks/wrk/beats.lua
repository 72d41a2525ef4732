-- wrk script for benchmarks/peer_bench.py: one request per learner in turn, from a plan file.
--   WRK_PLAN  path of a Lua file returning {kind = "bare"|"lms"|"kolibri", requests = {...}}
--   WRK_RATE  total requests/s to pace at (unset or 0: closed loop, as wrk normally runs)
-- Pacing: wrk asks delay() before every request; each thread hands out send times on a fixed
-- schedule (its share of WRK_RATE), so requests leave on time while a connection is free.
-- done() prints one JSON line (prefix "WRK_JSON ") that the Python side reads.
local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]])
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_index", thread_count)
  table.insert(threads, thread)
end

local plan, interval, next_due
late, sent = 0, 0 -- globals, so done() can read them per thread

function init(args)
  plan = dofile(os.getenv("WRK_PLAN"))
  local rate = tonumber(os.getenv("WRK_RATE") or "0")
  local count = tonumber(os.getenv("WRK_THREADS") or "1")
  if rate > 0 then
    interval = 1000 * count / rate
    next_due = now_ms() + 50 + interval * ((thread_index or 1) - 1) / count
  end
  cursor = (thread_index or 1) - 1
  seconds = {}
end

function delay()
  if not interval then
    return 0
  end
  local due = next_due
  next_due = next_due + interval
  local wait = due - now_ms()
  if wait < -1 then
    late = late + 1
  end
  return wait > 0 and math.floor(wait) or 0
end

function request()
  cursor = cursor % #plan.requests + 1
  sent = sent + 1
  local r = plan.requests[cursor]
  if plan.kind == "lms" then
    -- 15 s of watching per beat, like a player beating every 15 s
    local s = seconds[cursor] or 0
    seconds[cursor] = (s + 15) % 3000
    local body = string.format('{"intervals": [[%d, %d]], "position": %d}', s, s + 15, s + 15)
    return wrk.format("POST", r.path, r.headers, body)
  elseif plan.kind == "kolibri" then
    return wrk.format("PUT", r.path, r.headers, plan.body)
  end
  return wrk.format("GET", r.path, r.headers)
end

function done(summary, latency, requests)
  local late_total, sent_total = 0, 0
  for _, t in ipairs(threads) do
    late_total = late_total + (t:get("late") or 0)
    sent_total = sent_total + (t:get("sent") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"non_2xx": %d, "socket_errors": %d, "late": %d, "sent": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.status, e.connect + e.read + e.write + e.timeout, late_total, sent_total))
end
