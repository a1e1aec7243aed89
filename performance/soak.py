#!/usr/bin/env python3
"""The engine behind performance/soak: starts PostgreSQL and both services as performance/run does, finds the capacity of
a mixed load through the gateway (logins, refreshes, item writes and reads), then runs that mix at about 70%
of it for ten minutes, one minute at a time. After each minute it prints the rate, p99, errors and each
service's live heap (after a full collection). At the end it reads back, through the API, every item write
that was acknowledged with a 201. Standard library only; reuses bench.py's pieces."""

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import bench

SESSIONS = 4


def live_heap_mb(jcmd, pid):
    """Heap in use after a full collection: what a leak would make grow minute by minute."""
    subprocess.run([jcmd, str(pid), "GC.run"], capture_output=True, check=True)
    out = subprocess.run([jcmd, str(pid), "GC.heap_info"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        line = line.strip()
        # "garbage-first heap   total reserved 524288K, committed 57344K, used 41234K [...]" and the like
        if " heap " in f" {line} " and "used" in line:
            used = line.split("used", 1)[1].strip().split()[0].rstrip("K,")
            return int(used) / 1024
    raise SystemExit(f"cannot read the heap of {pid}: {out}")


def live_instances(jcmd, pid, class_name):
    """Live objects of one class (after a full collection): what the bounded caches hold."""
    out = subprocess.run([jcmd, str(pid), "GC.class_histogram"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        fields = line.split()
        if len(fields) >= 4 and fields[3] == class_name:
            return int(fields[1])
    return 0


def sessions():
    pairs = []
    for _ in range(SESSIONS):
        tokens = bench.our_tokens()
        pairs.append(f"{tokens['access_token']} {tokens['refresh_token']}")
    return ",".join(pairs)


def stored_titles():
    """Every title of alice's items, read back through the API a page at a time."""
    access = bench.our_tokens()["access_token"]
    titles, page = set(), 0
    while True:
        request = urllib.request.Request(
            f"http://127.0.0.1:{bench.GATEWAY}/api/protected-data?size=100&page={page}&sort=createdAt,asc",
            headers={"Authorization": f"Bearer {access}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.loads(response.read())
        titles.update(item["title"] for item in body["content"])
        page += 1
        if page >= body["page"]["totalPages"]:
            return titles


RUNS = iter(range(1, 1_000_000))


def mixed(seconds, delay_ms, work):
    """One wrk run of the mix; the result has rate, p99 and errors, and the titles of the writes acknowledged."""
    script = work / "wrk-soak.lua"
    if not script.exists():
        script.write_text((bench.BENCH / "wrk" / "soak.lua").read_text() + "\n"
                          + (bench.BENCH / "wrk" / "report.lua").read_text())
    env = dict(bench.os.environ, BENCH_SESSIONS=sessions(), BENCH_DELAY_MS=str(delay_ms), BENCH_RUN=str(next(RUNS)))
    out = subprocess.run(["wrk", "-t", str(SESSIONS), "-c", str(SESSIONS), "-d", f"{seconds}s", "--timeout", "10s",
                          "-s", str(script), f"http://127.0.0.1:{bench.GATEWAY}"],
                         env=env, capture_output=True, text=True, check=True)
    if out.stderr.strip():
        bench.log("    wrk: " + out.stderr.strip().replace("\n", "\n    wrk: "))
    lines = out.stdout.splitlines()
    result = json.loads(next(l for l in lines if l.startswith("BENCH "))[len("BENCH "):])
    result["rate"] = result["requests"] / (result["duration_us"] / 1e6)
    result["acknowledged"] = {l[len("ACK "):] for l in lines if l.startswith("ACK ")}
    result["written"] = len(result["acknowledged"])
    return result


def report(figures, load):
    minutes = figures["minutes"]
    print(f"\nSoak: {len(minutes)} minute(s) of mixed traffic through the gateway at {load:.0%} of a measured "
          f"capacity of {figures['capacity']:.0f} requests/s")
    print(f"machine: {figures['machine']['cpu']}, {figures['machine']['cores']} cores; {figures['machine']['java']}")
    print("| minute | requests/s | of capacity | p50 ms | p99 ms | errors | writes | gateway live heap MB "
          "| resource live heap MB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in minutes:
        print(f"| {row['minute']} | {row['rate']:.1f} | {row['share_of_capacity']:.0%} | {row['p50_ms']:.1f} | "
              f"{row['p99_ms']:.1f} | {row['errors']} | "
              f"{row['written']} | {row['gateway_heap_mb']:.0f} | {row['resource_heap_mb']:.0f} |")
    if minutes:
        half = max(1, len(minutes) // 2)
        for service in ("gateway", "resource"):
            first = sum(r[f"{service}_heap_mb"] for r in minutes[:half]) / half
            last = sum(r[f"{service}_heap_mb"] for r in minutes[-half:]) / half
            print(f"{service} live heap: first half {first:.0f} MB, second half {last:.0f} MB "
                  f"({(last - first) / first:+.0%})")
    print(f"verified access tokens held at the end (caches bounded at 10,000 each): gateway "
          f"{figures.get('gateway_cached_tokens')}, resource service {figures.get('resource_cached_tokens')}")
    print(f"errors: {sum(r['errors'] for r in minutes)} (target 0)")
    print(f"writes acknowledged (201): {figures.get('acknowledged_writes')}, of them missing when read back "
          f"through the API: {figures.get('lost_writes')} (target 0); stored but never acknowledged (in flight "
          f"when a run stopped): {figures.get('unacknowledged_stored')}")
    print(f"resident memory after the soak: gateway {figures.get('gateway_rss_mb', 0):.0f} MB, "
          f"resource service {figures.get('resource_rss_mb', 0):.0f} MB")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=int, default=10, help="length of the soak")
    parser.add_argument("--load", type=float, default=0.7, help="share of the measured capacity to run at")
    parser.add_argument("--json", help="also write the results to this file")
    options = parser.parse_args()
    java = bench.image_java()
    jcmd = str(Path(java).resolve().parent / "jcmd")
    work = Path(tempfile.mkdtemp(prefix="authgateway-soak-"))
    work.chmod(0o755)
    bench.log(f"work folder (logs): {work}")
    figures = {"machine": bench.machine(java), "minutes": []}
    try:
        bench.start_postgres(work)
        resource, _ = bench.start_resource_service(work, java)
        gateway, _ = bench.start_gateway(work, java)

        bench.log("capacity of the mix (30 s unpaced after 30 s of warm-up)")
        warm_up = mixed(30, 0, work)
        capacity = mixed(30, 0, work)
        # each connection waits between requests so that the four together make the target rate
        delay_ms = max(0, round(SESSIONS / (options.load * capacity["rate"]) * 1000 - capacity["p50"] / 1000))
        figures.update(capacity=capacity["rate"], delay_ms=delay_ms)
        bench.log(f"capacity {capacity['rate']:.0f}/s; pacing each of {SESSIONS} connections by {delay_ms} ms")
        # the warm-up and capacity runs write items too: everything acknowledged must be stored
        acknowledged = warm_up["acknowledged"] | capacity["acknowledged"]
        for minute in range(1, options.minutes + 1):
            result = mixed(60, delay_ms, work)
            acknowledged |= result["acknowledged"]
            # keep near the target: correct the pacing by how far this minute's rate was off
            target = options.load * capacity["rate"]
            delay_ms = max(0, round(delay_ms + (SESSIONS / target - SESSIONS / result["rate"]) * 1000))
            row = {"minute": minute, "rate": result["rate"], "share_of_capacity": result["rate"] / capacity["rate"],
                   "p50_ms": result["p50"] / 1000,
                   "p99_ms": result["p99"] / 1000, "errors": result["errors"], "written": result["written"],
                   "gateway_heap_mb": live_heap_mb(jcmd, gateway.pid),
                   "resource_heap_mb": live_heap_mb(jcmd, resource.pid)}
            figures["minutes"].append(row)
            bench.log(f"  minute {minute:2d}  {row['rate']:7.1f}/s ({row['share_of_capacity']:.0%})  "
                      f"p99 {row['p99_ms']:7.1f} ms  errors {row['errors']}  writes {row['written']}  live heap: "
                      f"gateway {row['gateway_heap_mb']:.0f} MB, resource service {row['resource_heap_mb']:.0f} MB")
        # the verified-token caches (bounded at 10,000 each) fill as refreshes mint new access tokens
        jwt = "org.springframework.security.oauth2.jwt.Jwt"
        figures.update(gateway_cached_tokens=live_instances(jcmd, gateway.pid, jwt),
                       resource_cached_tokens=live_instances(jcmd, resource.pid, jwt))
        stored = {title for title in stored_titles() if title.startswith("soak ")}
        # a write in flight when a run ended may be stored without its 201 having been read: never acknowledged
        figures.update(acknowledged_writes=len(acknowledged), lost_writes=len(acknowledged - stored),
                       unacknowledged_stored=len(stored - acknowledged),
                       gateway_rss_mb=bench.resident_mb(gateway.pid), resource_rss_mb=bench.resident_mb(resource.pid))
    finally:
        bench.stop_all()
    report(figures, options.load)
    if options.json:
        Path(options.json).write_text(json.dumps(figures, indent=2))
    if figures.get("lost_writes") != 0 or any(
            row["errors"] for row in figures["minutes"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
