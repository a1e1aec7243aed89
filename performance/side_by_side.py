"""Gateway variants side by side: one PostgreSQL, one resource service, and a gateway per variant (its own jar
and JVM flags, laid out and AOT-trained as the image does), measured in alternating rounds so that machine
noise hits every variant. Prints each round's rates, their means, each gateway's processor time per request
(steadier than the rates: it does not depend on what else the machine runs) and its resident memory.

    performance/side-by-side --variant as-is --variant moved=/tmp/after.jar --variant coh=:-XX:+UseCompactObjectHeaders

A variant is NAME, NAME=JAR, NAME=:FLAGS or NAME=JAR:FLAGS (flags separated by spaces); without a jar it runs
the gateway jar this checkout built. BENCHMARKS.md's comparisons of gateway builds and JVM flags are measured
this way (or with one-off scripts on bench.py that do the same)."""
import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

import bench

CASES = ("api", "login", "refresh")


def parse_variant(text):
    name, _, rest = text.partition("=")
    jar, _, flags = rest.partition(":")
    return {"name": name, "jar": jar or bench.service_jar("gateway"), "flags": flags.split()}


def loads(port, token):
    gateway = f"http://127.0.0.1:{port}"

    def refresh_tokens():
        # one refresh chain per connection, each from a login at this gateway
        login = json.dumps({"username": "alice", "password": "alice-password-1"})
        return ",".join(bench.post(gateway + "/auth/token", login, "application/json")["refresh_token"]
                        for _ in range(4))

    return {"api": bench.Load(gateway + "/api/protected-data", "get", 16, env={"BENCH_TOKEN": token}),
            "login": bench.Load(gateway + "/auth/token", "login", 4, 4),
            "refresh": bench.Load(gateway + "/auth/refresh", "refresh", 4, 4, env={"BENCH_TOKENS": refresh_tokens})}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variant", action="append", required=True, type=parse_variant)
    parser.add_argument("--cases", default="api,login,refresh")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=30)
    options = parser.parse_args()
    cases = [case for case in options.cases.split(",") if case in CASES]
    java = bench.image_java()
    work = Path(tempfile.mkdtemp(prefix="authgateway-side-by-side-"))
    work.chmod(0o755)
    bench.log(f"work folder (logs): {work}")
    try:
        bench.start_postgres(work)
        bench.start_resource_service(work, java)
        # the benchmark's own gateway: makes the schema and keys, and is the issuer the others name
        bench.start_gateway(work, java)
        token = bench.our_tokens()["access_token"]
        gateways, measured = {}, {}
        for index, variant in enumerate(options.variant):
            port = 28080 + 10 * index
            gateways[variant["name"]], _ = bench.start_gateway(work, java, "gateway-" + variant["name"],
                                                               (port, port + 1), variant["jar"], variant["flags"])
            measured[variant["name"]] = loads(port, token)
        names = list(gateways)
        for name in names:
            for case in cases:
                measured[name][case].run(options.warmup, work)
        rates = {name: {case: [] for case in cases} for name in names}
        cpu = {name: {case: [] for case in cases} for name in names}
        for round_index in range(options.rounds):
            order = names if round_index % 2 == 0 else list(reversed(names))
            for case in cases:
                for name in order:
                    before = bench.cpu_seconds(gateways[name].pid)
                    result = measured[name][case].run(options.seconds, work)
                    cpu[name][case].append((bench.cpu_seconds(gateways[name].pid) - before) * 1e6
                                           / max(result["requests"], 1))
                    if result.get("errors"):
                        bench.log(f"  {name} {case}: {result['errors']} errors")
                    rates[name][case].append(result["rate"])
            bench.log(f"round {round_index + 1}: " + "; ".join(
                f"{name} " + " ".join(f"{case} {rates[name][case][-1]:.1f}/s" for case in cases) for name in names))
        print("| variant | " + " | ".join(f"{case} per second | {case} µs of gateway CPU per request"
                                          for case in cases) + " | resident MB |")
        print("| --- |" + " ---: | ---: |" * len(cases) + " ---: |")
        for name in names:
            print(f"| {name} | " + " | ".join(f"{statistics.mean(rates[name][case]):.1f} | "
                                              f"{statistics.mean(cpu[name][case]):.0f}" for case in cases)
                  + f" | {bench.resident_mb(gateways[name].pid):.0f} |")
    finally:
        bench.stop_all()


if __name__ == "__main__":
    sys.exit(main())
