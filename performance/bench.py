#!/usr/bin/env python3
"""The engine behind performance/run: starts PostgreSQL, both services and Keycloak on loopback, drives them with
wrk, and prints every figure of BENCHMARKS.md. Cases that are compared are measured in the same run,
alternating round by round, so that machine noise hits both sides alike. Standard library only, but for the
DPoP case's proofs (python3-cryptography; without it that case is left out)."""

import argparse
import base64
import glob
import hashlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "performance"
CACHE = Path(os.environ.get("BENCH_CACHE", Path.home() / ".cache" / "authgateway-bench"))

KEYCLOAK_VERSION = "26.7.3"
KEYCLOAK_ZIP_URL = ("https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/{v}/"
                    "keycloak-quarkus-dist-{v}.zip").format(v=KEYCLOAK_VERSION)

PG_PORT = 55432
GATEWAY, GATEWAY_MANAGEMENT = 18080, 19080
# each login round's own gateway (FreshGateway)
LOGIN_GATEWAY, LOGIN_GATEWAY_MANAGEMENT = 18082, 19082
RESOURCE, RESOURCE_MANAGEMENT = 18081, 19081
KEYCLOAK, KEYCLOAK_MANAGEMENT = 18180, 19180
# Spring Cloud Gateway alone (probe/MinimalGateway.java), the peer of the gateway's API path
SCG_ALONE = 18091

# What the services' images run with (Dockerfile), in a 512 MB container
SERVICE_JVM = os.environ.get(
    "BENCH_JVM_OPTS", "-XX:MaxRAM=512m -XX:MaxRAMPercentage=60 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError").split()

# The images start from the bean definitions Spring AOT made at build (Dockerfile)
SPRING_AOT = {"gateway": ["-Dspring.aot.enabled=true"], "resource-service": ["-Dspring.aot.enabled=true"]}

# The same password cost on both sides: OWASP's argon2id (19 MiB, 2 passes, 1 lane), as the gateway hashes
KEYCLOAK_ARGON2 = {"KC_SPI_PASSWORD_HASHING__ARGON2__MEMORY": "19456",
                   "KC_SPI_PASSWORD_HASHING__ARGON2__ITERATIONS": "2",
                   "KC_SPI_PASSWORD_HASHING__ARGON2__PARALLELISM": "1"}

processes = []

# one per run: the gateway's restart must open the keys its first start made
KEYS_ENCRYPTION_KEY = base64.b64encode(os.urandom(32)).decode()


STARTED = time.monotonic()


def log(message):
    """A progress line, with the time since the benchmark started, so a long run shows where it is."""
    elapsed = int(time.monotonic() - STARTED)
    print(f"[{elapsed // 60:3d}:{elapsed % 60:02d}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- processes


def stop_all():
    for proc in reversed(processes):
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in reversed(processes):
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def stop(proc):
    """Stops one service (SIGTERM, as an orchestrator would) before the run ends."""
    proc.terminate()
    proc.wait(30)
    processes.remove(proc)


def spawn(name, command, work, env=None, cwd=None):
    output = open(work / (name + ".log"), "w")
    proc = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env, cwd=cwd,
                            start_new_session=True)
    processes.append(proc)
    return proc


def wait_until_ready(url, proc, timeout, name):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"{name} exited with {proc.returncode} before it was ready; see its log")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.05)
    raise SystemExit(f"{name} was not ready after {timeout} s")


def stat_fields(pid):
    """The fields of /proc/PID/stat after the command name (which may hold spaces and parentheses): the process
    state first, then its parent, and so on, as proc(5) numbers them from 3."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pid):
    """Processor time the process and its threads have used so far (user and system), in seconds."""
    fields = stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# ---------------------------------------------------------------- PostgreSQL


def postgres_bin():
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda path: int(path.split("/")[4]))
    if not candidates:
        found = shutil.which("initdb")
        if not found:
            raise SystemExit("needs a PostgreSQL server (Debian: apt-get install postgresql)")
        return Path(found).parent
    return Path(candidates[-1]).parent


def start_postgres(work):
    bindir = postgres_bin()
    data = work / "pg"
    data.mkdir()
    as_owner = []
    if os.geteuid() == 0:
        # initdb refuses to run as root
        shutil.chown(data, "postgres", "postgres")
        as_owner = ["runuser", "-u", "postgres", "--"]
    subprocess.run(as_owner + [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                               "-E", "UTF8", "--no-sync"], check=True, stdout=subprocess.DEVNULL)
    proc = spawn("postgres", as_owner + [str(bindir / "postgres"), "-D", str(data), "-p", str(PG_PORT),
                                         "-k", str(data), "-c", "listen_addresses=127.0.0.1",
                                         "-c", "max_connections=200", "-c", "shared_buffers=256MB"], work)
    for _ in range(200):
        if subprocess.run([str(bindir / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(PG_PORT)]).returncode == 0:
            break
        time.sleep(0.1)
    for name in ("gateway", "resource", "keycloak"):
        subprocess.run([str(bindir / "psql"), "-q", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres",
                        "-c", f"create role {name} login", "-c", f"create database {name} owner {name}"],
                       check=True, stdout=subprocess.DEVNULL)
    return proc


def new_database(name):
    subprocess.run([str(postgres_bin() / "psql"), "-q", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres",
                    "-c", f"drop database {name}", "-c", f"create database {name} owner {name}"],
                   check=True, stdout=subprocess.DEVNULL)


def first_starts(start, database, count, work, java):
    """`count` first starts of a service, each on a new database (so each makes the schema and, for the gateway,
    its signing key), one after the other; one start alone varies by a second or more on this machine. The
    service of the last start keeps running. Returns it and the start-to-ready times."""
    times = []
    for i in range(count):
        if i:
            stop(proc)
            new_database(database)
        proc, seconds = start(work, java)
        times.append(seconds)
    return proc, times


# ---------------------------------------------------------------- the services


def service_jar(module):
    jars = glob.glob(str(ROOT / module / "target" / f"{module}-*-exec.jar"))
    if not jars:
        raise SystemExit(f"no {module} jar: performance/run builds it first")
    return jars[0]


def java_feature(java):
    first = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    version = first.split('"')[1]
    return int(version.split(".")[0])


def image_java():
    """The JDK the images run (eclipse-temurin:25): the newest one here from 25 on, else java on the PATH."""
    configured = os.environ.get("BENCH_JAVA")
    if configured:
        return configured
    for home in sorted(glob.glob("/usr/lib/jvm/*"), reverse=True):
        java = Path(home) / "bin" / "java"
        if java.exists() and java_feature(str(java)) >= 25:
            return str(java)
    return shutil.which("java")


def prepared_service(module, java, jar=None, flags=()):
    """The service laid out as its image runs it (Dockerfile): the jar extracted and, from Java 25 on, a JDK
    AOT cache from a training start under the JVM flags it will run with (a cache trained under other flags
    may be refused). Kept in the cache folder, keyed by the jar's digest, the JVM and those flags."""
    jar = Path(jar or service_jar(module))
    digest = hashlib.sha256(jar.read_bytes() + " ".join([java, *flags]).encode()).hexdigest()[:16]
    folder = CACHE / f"{module}-{digest}"
    aot = java_feature(java) >= 25
    if not (folder / "ready").exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([java, "-Djarmode=tools", "-jar", str(jar), "extract", "--destination", str(folder),
                        "--application-filename", "app.jar"], check=True, stdout=subprocess.DEVNULL)
        if aot:
            log(f"training the AOT cache of {' '.join([module, *flags])} (once per build)")
            subprocess.run([java, *flags, "-XX:AOTCacheOutput=app.aot"] + SPRING_AOT.get(module, []) + [
                            "-Dspring.context.exit=onRefresh", "-jar", "app.jar",
                            "--spring.flyway.enabled=false", "--database.host=training.invalid",
                            "--tokens.issuer=http://training.invalid"], cwd=folder, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        (folder / "ready").touch()
    return folder, (["-XX:AOTCache=app.aot"] if aot else [])


def start_service(name, module, args, ready_port, work, java, jar=None, flags=()):
    folder, aot = prepared_service(module, java, jar, flags)
    command = [java] + SERVICE_JVM + list(flags) + aot + SPRING_AOT.get(module, []) + ["-jar", "app.jar"] + [
        "--database.host=127.0.0.1", f"--database.port={PG_PORT}", "--logging.level.root=WARN"] + args
    started = time.monotonic()
    proc = spawn(name, command, work, cwd=folder)
    wait_until_ready(f"http://127.0.0.1:{ready_port}/actuator/health/readiness", proc, 120, name)
    return proc, time.monotonic() - started


def start_resource_service(work, java):
    return start_service("resource-service", "resource-service", [
        f"--server.port={RESOURCE}", f"--management.server.port={RESOURCE_MANAGEMENT}",
        f"--tokens.issuer=http://127.0.0.1:{GATEWAY}",
        f"--tokens.jwk-set-uri=http://127.0.0.1:{GATEWAY}/.well-known/jwks.json",
        "--demo.enabled=true"], RESOURCE_MANAGEMENT, work, java)


def start_gateway(work, java, name="gateway", ports=(GATEWAY, GATEWAY_MANAGEMENT), jar=None, flags=()):
    """The gateway on `ports` (API, management). Every gateway names the first as its issuer, so tokens from
    any of them are good at the others and at the resource service."""
    port, management_port = ports
    return start_service(name, "gateway", [
        f"--server.port={port}", f"--management.server.port={management_port}",
        f"--tokens.issuer=http://127.0.0.1:{GATEWAY}",
        f"--routes.resource-service-uri=http://127.0.0.1:{RESOURCE}",
        "--routes.frontend-uri=http://127.0.0.1:9",
        # tokens outlive the run; the benchmark's own throttling: off, so logins cost what hashing costs
        "--tokens.access-token-lifetime=30m", "--throttling.enabled=false",
        "--keys.encryption-key=" + KEYS_ENCRYPTION_KEY,
        "--demo.enabled=true"], management_port, work, java, jar, flags)


def start_minimal_gateway(work, java):
    """Spring Cloud Gateway with nothing of this project around it (probe/MinimalGateway.java): the gateway's own
    jars less those of the parts it leaves out, the services' JVM flags, the same route to the resource service."""
    folder, _ = prepared_service("gateway", java)
    leaves_out = re.compile((BENCH / "probe" / "minimal-gateway-leaves-out").read_text().strip())
    jars = [jar for jar in sorted(glob.glob(str(folder / "lib" / "*.jar"))) if not leaves_out.search(jar)]
    proc = spawn("minimal-gateway", [java] + SERVICE_JVM + [
        "-cp", ":".join(jars), str(BENCH / "probe" / "MinimalGateway.java"),
        f"--server.port={SCG_ALONE}", "--logging.level.root=WARN",
        "--spring.cloud.gateway.server.webflux.routes[0].id=api",
        f"--spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:{RESOURCE}",
        "--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/api/**"], work)
    wait_until_ready(f"http://127.0.0.1:{SCG_ALONE}/api/public-data", proc, 120, "Spring Cloud Gateway alone")
    return proc


# ---------------------------------------------------------------- Keycloak


def keycloak_java_home():
    configured = os.environ.get("BENCH_KEYCLOAK_JAVA_HOME")
    if configured:
        return configured
    for home in sorted(glob.glob("/usr/lib/jvm/*"), reverse=True):
        release = Path(home) / "release"
        if release.exists():
            text = release.read_text()
            for line in text.splitlines():
                if line.startswith("JAVA_VERSION="):
                    major = int(line.split('"')[1].split(".")[0])
                    if major >= 21:
                        return home
    raise SystemExit("Keycloak needs Java 21 or later: set BENCH_KEYCLOAK_JAVA_HOME (or --skip-keycloak)")


def keycloak_home():
    home = CACHE / f"keycloak-{KEYCLOAK_VERSION}"
    if (home / "bin" / "kc.sh").exists():
        return home
    CACHE.mkdir(parents=True, exist_ok=True)
    archive = CACHE / f"keycloak-{KEYCLOAK_VERSION}.zip"
    if not archive.exists():
        log(f"downloading Keycloak {KEYCLOAK_VERSION} from Maven Central (about 170 MB, once)")
        partial = archive.with_suffix(".part")
        urllib.request.urlretrieve(KEYCLOAK_ZIP_URL, partial)
        partial.rename(archive)
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(CACHE)
    for script in (home / "bin").glob("*.sh"):
        script.chmod(0o755)
    return home


def start_keycloak(work):
    home = keycloak_home()
    env = dict(os.environ, JAVA_HOME=keycloak_java_home(), **KEYCLOAK_ARGON2)
    env.pop("JAVA_TOOL_OPTIONS", None)
    if not (home / "lib" / "quarkus" / "bench-built").exists():
        subprocess.run([str(home / "bin" / "kc.sh"), "build", "--db=postgres", "--health-enabled=true"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        (home / "lib" / "quarkus" / "bench-built").touch()
    imports = home / "data" / "import"
    imports.mkdir(parents=True, exist_ok=True)
    shutil.copy(BENCH / "keycloak" / "bench-realm.json", imports / "bench-realm.json")
    started = time.monotonic()
    proc = spawn("keycloak", [str(home / "bin" / "kc.sh"), "start", "--optimized", "--import-realm",
                              "--http-enabled=true", "--http-host=127.0.0.1", f"--http-port={KEYCLOAK}",
                              f"--http-management-port={KEYCLOAK_MANAGEMENT}", "--hostname-strict=false",
                              f"--db-url=jdbc:postgresql://127.0.0.1:{PG_PORT}/keycloak",
                              "--db-username=keycloak", "--db-password=unused-trust-auth",
                              "--log-level=WARN"], work, env=env)
    wait_until_ready(f"http://127.0.0.1:{KEYCLOAK_MANAGEMENT}/health/ready", proc, 300, "keycloak")
    return proc, time.monotonic() - started


# ---------------------------------------------------------------- tokens


def post(url, body, content_type):
    request = urllib.request.Request(url, data=body.encode(), headers={"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def our_tokens(dpop_key=None):
    url = f"http://127.0.0.1:{GATEWAY}/auth/token"
    request = urllib.request.Request(url, data=json.dumps({"username": "alice", "password": "alice-password-1"})
                                     .encode(), headers={"Content-Type": "application/json"})
    if dpop_key:
        request.add_header("DPoP", dpop_key.proof("POST", url))
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def keycloak_tokens():
    return post(f"http://127.0.0.1:{KEYCLOAK}/realms/bench/protocol/openid-connect/token",
                "grant_type=password&client_id=web&username=alice&password=alice-password-1",
                "application/x-www-form-urlencoded")


# ---------------------------------------------------------------- DPoP


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class DPoPKey:
    """An RS256 key as the app's (RFC 9449 proofs signed with RSASSA-PKCS1-v1_5, 2048 bits), signed with OpenSSL
    through python3-cryptography: about 0.4 ms a proof here, against the JDK's 1.8 ms."""

    def __init__(self):
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding, rsa
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        numbers = self.key.public_key().public_numbers()
        jwk = {"kty": "RSA", "n": b64url(numbers.n.to_bytes(256, "big")), "e": b64url(numbers.e.to_bytes(3, "big"))}
        self.header = b64url(json.dumps({"typ": "dpop+jwt", "alg": "RS256", "jwk": jwk}).encode())
        self.sign = lambda data: self.key.sign(data, padding.PKCS1v15(), hashes.SHA256())

    def proof(self, method, url, token=None):
        claims = {"jti": str(uuid.uuid4()), "htm": method, "htu": url, "iat": int(time.time())}
        if token:
            claims["ath"] = b64url(hashlib.sha256(token.encode()).digest())
        signing_input = self.header + "." + b64url(json.dumps(claims).encode())
        return signing_input + "." + b64url(self.sign(signing_input.encode()))


def dpop_available():
    try:
        import cryptography  # noqa: F401
        return True
    except ImportError:
        return False


class DPoPLoad:
    """GETs with a DPoP-bound token and a new proof per request (wrk/dpop.lua). A proof is good once and for 60 s,
    so each run of at most 10 s gets proofs made just before it, more than it can send (`per_second`); longer
    runs (warm-ups) are made of such runs."""

    def __init__(self, url, public_url, connections, key, token, per_second=4000):
        self.url, self.public_url, self.connections = url, public_url, connections
        self.key, self.token, self.per_second = key, token, per_second

    def run(self, seconds, work):
        result = None
        while seconds > 0:
            chunk = min(seconds, 10)
            proofs = work / "dpop-proofs.txt"
            proofs.write_text("\n".join(self.key.proof("GET", self.public_url, self.token())
                                        for _ in range(chunk * self.per_second)) + "\n")
            result = Load(self.url, "dpop", self.connections, env={"BENCH_TOKEN": self.token,
                                                                   "BENCH_PROOFS": str(proofs)}).run(chunk, work)
            seconds -= chunk
        return result


# ---------------------------------------------------------------- measuring


class Load:
    """One wrk run: a URL, a scenario script, connections; env passes tokens to the script."""

    def __init__(self, url, script, connections, threads=1, env=None):
        self.url, self.script, self.connections, self.threads = url, script, connections, threads
        self.env = env or {}

    def run(self, seconds, work):
        script = work / f"wrk-{self.script}.lua"
        if not script.exists():
            script.write_text((BENCH / "wrk" / f"{self.script}.lua").read_text() + "\n"
                              + (BENCH / "wrk" / "report.lua").read_text())
        env = dict(os.environ, **{k: (v() if callable(v) else v) for k, v in self.env.items()})
        out = subprocess.run(["wrk", "-t", str(self.threads), "-c", str(self.connections), "-d", f"{seconds}s",
                              "--timeout", "10s", "-s", str(script), self.url],
                             env=env, capture_output=True, text=True, check=True)
        if out.stderr.strip():
            log("    wrk: " + out.stderr.strip().replace("\n", "\n    wrk: "))
        out = out.stdout
        line = next(l for l in out.splitlines() if l.startswith("BENCH "))
        result = json.loads(line[len("BENCH "):])
        result["rate"] = result["requests"] / (result["duration_us"] / 1e6)
        return result


class RawHashes:
    """Password checks per second on the gateway's hashing threads' count, in a JVM of its own."""

    def __init__(self, java, threads):
        self.java, self.threads = java, threads

    def run(self, seconds, work):
        jar = ROOT / "performance" / "jmh" / "target" / "benchmarks.jar"
        out = subprocess.run([self.java] + SERVICE_JVM + ["-cp", str(jar), "dev.authgateway.gateway.user.RawHashRate",
                              str(self.threads), str(seconds)], capture_output=True, text=True, check=True).stdout
        return {"rate": float(out.strip().splitlines()[-1]), "errors": 0, "p50": 0, "p99": 0}


class FreshGateway:
    """Logins on a gateway JVM of their own, new for each round (same database; its own ports), warmed with the
    same load before it is measured, then stopped: the raw checks it is compared with run in a new JVM each round
    too. About one gateway JVM in thirteen (3 of 41 counted) hashes about 40% slower for its whole life, while its
    hashing thread is busier than in the others (0.91-0.94 of a core against 0.81-0.88; BENCHMARKS.md, "What
    holds each figure"): a figure from one JVM for all rounds then misses by that much, one from a new JVM per
    round by a third of it at most. A new gateway's login rate rises for about 40 s of logins (about 11.7/s in
    8 s windows up to 32 s, then 13 to 16/s), hence the default of 45 s."""

    def __init__(self, java, warmup):
        self.java, self.warmup, self.rounds = java, warmup, 0

    def run(self, seconds, work):
        self.rounds += 1
        proc, _ = start_gateway(work, self.java, f"gateway-logins-{self.rounds}",
                                (LOGIN_GATEWAY, LOGIN_GATEWAY_MANAGEMENT))
        try:
            load = Load(f"http://127.0.0.1:{LOGIN_GATEWAY}/auth/token", "login", 4, 4)
            load.run(self.warmup, work)
            return load.run(seconds, work)
        finally:
            stop(proc)


class Together:
    """Two loads at once; the result is the first one's, measured while the second one runs."""

    def __init__(self, measured, background):
        self.measured, self.background = measured, background

    def run(self, seconds, work):
        background_result = {}
        runner = threading.Thread(target=lambda: background_result.update(self.background.run(seconds + 2, work)))
        runner.start()
        time.sleep(1)
        result = self.measured.run(seconds, work)
        runner.join()
        result["background_rate"] = background_result.get("rate", 0)
        result["background_errors"] = background_result.get("errors", 0)
        return result


def alternate(cases, rounds, seconds, work):
    """Runs each case once per round, the order rotating each round; returns all results per case."""
    results = {name: [] for name in cases}
    names = list(cases)
    for round_number in range(rounds):
        order = names[round_number % len(names):] + names[:round_number % len(names)]
        if round_number % 2:
            order.reverse()
        for name in order:
            log(f"  round {round_number + 1} of {rounds}: measuring {name} ({seconds} s)")
            result = cases[name].run(seconds, work)
            results[name].append(result)
            log(f"  round {round_number + 1} {name:<28} {result['rate']:9.1f}/s  p99 {result['p99'] / 1000:7.1f} ms"
                f"  errors {result['errors']}")
    return results


def summary(results):
    return {"rate": statistics.mean(r["rate"] for r in results),
            "rate_spread": (max(r["rate"] for r in results) - min(r["rate"] for r in results))
            / max(statistics.mean(r["rate"] for r in results), 1e-9),
            "p50_ms": statistics.median(r["p50"] for r in results) / 1000,
            "p99_ms": statistics.median(r["p99"] for r in results) / 1000,
            "errors": sum(r["errors"] for r in results)}


# ---------------------------------------------------------------- JMH


def token_costs(java):
    jar = ROOT / "performance" / "jmh" / "target" / "benchmarks.jar"
    with tempfile.NamedTemporaryFile(suffix=".json") as results:
        subprocess.run([java, "-jar", str(jar), "TokenVerificationBenchmark", "-f", "1", "-wi", "2", "-w", "2s",
                        "-i", "3", "-r", "2s", "-rf", "json", "-rff", results.name],
                       capture_output=True, text=True, check=True)
        return {entry["benchmark"].rsplit(".", 1)[1]: entry["primaryMetric"]["score"]
                for entry in json.loads(Path(results.name).read_text())}


# ---------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10, help="length of one measurement")
    parser.add_argument("--rounds", type=int, default=3, help="measurements per case, alternating")
    parser.add_argument("--starts", type=int, default=3,
                        help="first starts of each service, each on a new database; the figure is their median")
    parser.add_argument("--warmup", type=int, default=20, help="seconds of load per other case before measuring")
    parser.add_argument("--gateway-warmup", type=int, default=100,
                        help="seconds of load through the gateway before measuring it (its JIT takes longest)")
    parser.add_argument("--refresh-warmup", type=int, default=100,
                        help="seconds of refreshes on each side (ours, Keycloak's) before measuring them")
    parser.add_argument("--login-warmup", type=int, default=45,
                        help="seconds of logins on each login round's new gateway before measuring it")
    parser.add_argument("--skip-keycloak", action="store_true", help="leave out the Keycloak comparisons")
    parser.add_argument("--api-only", action="store_true",
                        help="only the API throughput cases: no Keycloak, logins, refreshes, latency or JMH")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--hold", action="store_true", help="start everything, print the addresses, wait for Ctrl-C")
    options = parser.parse_args()
    if options.api_only:
        options.skip_keycloak = True
    java = image_java()
    # as the gateway decides (PasswordHashingProperties)
    hashing_threads = max(1, os.cpu_count() - 1)

    cases = 11 if options.skip_keycloak else 13
    planned = (2 * options.gateway_warmup + 5 * options.warmup + 2 * options.refresh_warmup
               + cases * options.rounds * (options.seconds + 5) + options.rounds * (options.login_warmup + 20)
               + 2 * options.starts * 15 + (0 if options.skip_keycloak else 60))
    if options.api_only:
        planned = (2 * options.gateway_warmup + 3 * options.warmup + 5 * options.rounds * (options.seconds + 10)
                   + 2 * options.starts * 15)
    log(f"planned: about {planned // 60 + 1} minutes of starts, warm-ups and measurements")
    work = Path(tempfile.mkdtemp(prefix="authgateway-bench-"))
    work.chmod(0o755)
    log(f"work folder (logs): {work}")
    figures = {"machine": machine(java), "settings": {"seconds": options.seconds, "rounds": options.rounds,
                                                     "warmup": options.warmup,
                                                     "login_warmup": options.login_warmup,
                                                     "refresh_warmup": options.refresh_warmup,
                                                     "gateway_warmup": options.gateway_warmup,
                                                     "service_jvm": " ".join(SERVICE_JVM)}}
    try:
        start_postgres(work)
        resource, figures["resource_starts_s"] = first_starts(start_resource_service, "resource", options.starts,
                                                              work, java)
        gateway, figures["gateway_starts_s"] = first_starts(start_gateway, "gateway", options.starts, work, java)
        for service in ("resource", "gateway"):
            figures[f"{service}_start_s"] = statistics.median(figures[f"{service}_starts_s"])
        log(f"ready: resource service {figures['resource_start_s']:.1f} s, gateway {figures['gateway_start_s']:.1f} s "
            f"(medians of {options.starts} first starts)")
        keycloak = None
        if not options.skip_keycloak:
            keycloak, figures["keycloak_start_s"] = start_keycloak(work)
            log(f"ready: keycloak {figures['keycloak_start_s']:.1f} s")

        if options.hold:
            log(f"gateway http://127.0.0.1:{GATEWAY}, resource service http://127.0.0.1:{RESOURCE}, "
                f"PostgreSQL 127.0.0.1:{PG_PORT}; Ctrl-C stops")
            signal.pause()
        start_minimal_gateway(work, java)
        token = our_tokens()["access_token"]
        rs, gw = f"http://127.0.0.1:{RESOURCE}", f"http://127.0.0.1:{GATEWAY}"
        api_cases = {
            "public, direct": Load(rs + "/api/public-data", "get", 16),
            "protected, direct": Load(rs + "/api/protected-data", "get", 16, env={"BENCH_TOKEN": token}),
            "protected, through gateway": Load(gw + "/api/protected-data", "get", 16, env={"BENCH_TOKEN": token}),
            "protected, through Spring Cloud Gateway alone": Load(f"http://127.0.0.1:{SCG_ALONE}/api/protected-data",
                                                                 "get", 16, env={"BENCH_TOKEN": token}),
        }
        if dpop_available():
            # the token is bound to the key; the proofs name the public URL (the issuer's origin), as behind the
            # gateway, while wrk calls the resource service directly
            dpop_key = DPoPKey()
            bound_token = our_tokens(dpop_key)["access_token"]
            api_cases["protected with DPoP, direct"] = DPoPLoad(rs + "/api/protected-data", gw + "/api/protected-data",
                                                                16, dpop_key, lambda: bound_token)
        else:
            log("python3-cryptography is missing: no DPoP case")
        login_cases = {
            "logins": FreshGateway(java, options.login_warmup),
            "raw password checks": RawHashes(java, hashing_threads),
        }
        refresh_cases = {
            "refreshes": Load(gw + "/auth/refresh", "refresh", 4, 4,
                              env={"BENCH_TOKENS": lambda: ",".join(our_tokens()["refresh_token"] for _ in range(4))}),
        }
        if keycloak:
            kc_token_url = f"http://127.0.0.1:{KEYCLOAK}/realms/bench/protocol/openid-connect/token"
            login_cases["keycloak logins"] = Load(kc_token_url, "login", 4, 4, env={"BENCH_PEER": "keycloak"})
            refresh_cases["keycloak refreshes"] = Load(kc_token_url, "refresh", 4, 4, env={
                "BENCH_PEER": "keycloak",
                "BENCH_TOKENS": lambda: ",".join(keycloak_tokens()["refresh_token"] for _ in range(4))})
        public_through_gateway = Load(gw + "/api/public-data", "get", 2)
        latency_cases = {
            "public, idle": public_through_gateway,
            "public, during login flood": Together(public_through_gateway, Load(gw + "/auth/token", "login", 8, 2)),
        }

        # the JIT needs tens of seconds on two small cores: a short warm-up leaves round 1 at a third of round 3.
        # The gateway's path (server, Spring Cloud Gateway, client) takes longest: measured in 10 s steps after
        # 20 s, its rate rose from 405 to about 930/s and levelled off only after some 100 s of load, while the
        # direct cases were level from the first step. It goes first: it warms the resource service's path too.
        log(f"warming up ({options.gateway_warmup} s through the gateway, {options.refresh_warmup} s of refreshes "
            f"on each side, {options.warmup} s per other case)")
        # Spring Cloud Gateway alone is the same kind of path: it gets the same warm-up
        proxied = ("protected, through gateway", "protected, through Spring Cloud Gateway alone")
        for name in proxied:
            log(f"  warming up: {name} ({options.gateway_warmup} s)")
            api_cases[name].run(options.gateway_warmup, work)
        if options.api_only:
            login_cases, refresh_cases, latency_cases = {}, {}, {}
        for name, case in [*api_cases.items(), *login_cases.items()]:
            if isinstance(case, (Load, DPoPLoad)) and name not in proxied:
                log(f"  warming up: {name} ({options.warmup} s)")
                case.run(options.warmup, work)
        # the refresh path levels off late too, on both sides: in 15 s windows from a fresh start, ours
        # rose from 126 to about 440/s and Keycloak's from 174 to about 500/s, both level only after some 100 s
        for name, case in refresh_cases.items():
            log(f"  warming up: {name} ({options.refresh_warmup} s)")
            case.run(options.refresh_warmup, work)
        # the login rounds have gateways of their own; this one still hashes (here and in the login flood
        # below), so its memory figure holds what argon2 costs it
        if not options.api_only:
            Load(gw + "/auth/token", "login", 4, 4).run(options.warmup, work)

        measured = {}
        for title, cases in (("API throughput", api_cases), ("logins", login_cases),
                             ("refreshes", refresh_cases), ("latency under a login flood", latency_cases)):
            if not cases:
                continue
            log(title)
            for name, results in alternate(cases, options.rounds, options.seconds, work).items():
                measured[name] = summary(results)
                measured[name]["runs"] = results
        figures["cases"] = measured
        figures["resource_rss_mb"] = resident_mb(resource.pid)
        figures["gateway_rss_mb"] = resident_mb(gateway.pid)
        if keycloak:
            # kc.sh may run Java as its child
            figures["keycloak_rss_mb"] = sum(resident_mb(pid) for pid in [keycloak.pid] + children(keycloak.pid))
        if not options.api_only:
            log("token costs (JMH)")
            figures["jmh_us"] = token_costs(java)
            # the first start above made the schema and the signing keys; a restart, the usual start, reads them
            log("restarting the gateway")
            stop(gateway)
            gateway, figures["gateway_restart_s"] = start_gateway(work, java)
    finally:
        stop_all()
    report(figures, hashing_threads)
    if options.json:
        Path(options.json).write_text(json.dumps(figures, indent=2))


def children(parent):
    found = []
    for path in glob.glob("/proc/[0-9]*/stat"):
        pid = int(path.split("/")[2])
        try:
            if int(stat_fields(pid)[1]) == parent:
                found.append(pid)
        except (OSError, IndexError, ValueError):
            pass
    return found


def machine(java):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    memory = next((int(l.split()[1]) // 1024 // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    java_version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": memory, "kernel": os.uname().release,
            "java": java_version, "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0]}


def report(figures, hashing_threads):
    cases = figures["cases"]

    def ratio(a, b):
        return cases[a]["rate"] / cases[b]["rate"] if a in cases and b in cases else None

    def against_keycloak(figure):
        peer = "keycloak_" + figure.split("_", 1)[1]
        return figures[figure] / figures[peer] if peer in figures else None

    rows = [
        ("API path: gateway / Spring Cloud Gateway alone", ratio("protected, through gateway",
                                                                 "protected, through Spring Cloud Gateway alone"),
         ">=", 0.95),
        ("refreshes (rotating) / Keycloak's", ratio("refreshes", "keycloak refreshes"), ">=", 1.0),
        ("gateway resident memory after the run / Keycloak's", against_keycloak("gateway_rss_mb"), "<=", 0.60),
        ("resource service resident memory after the run / Keycloak's", against_keycloak("resource_rss_mb"),
         "<=", 0.60),
        ("gateway start to ready / Keycloak's", against_keycloak("gateway_start_s"), "<=", 0.20),
        ("resource service start to ready / Keycloak's", against_keycloak("resource_start_s"), "<=", 0.20),
        ("DPoP-protected / bearer-protected, resource service", ratio("protected with DPoP, direct",
                                                                      "protected, direct"), ">=", 0.80),
        ("protected / public, resource service", ratio("protected, direct", "public, direct"), ">=", 0.90),
        (f"logins / raw password checks ({hashing_threads} hashing thread(s))",
         ratio("logins", "raw password checks"), ">=", 0.90),
        ("logins / Keycloak's", ratio("logins", "keycloak logins"), ">=", 1.0),
        ("p99 public during login flood / idle",
         cases["public, during login flood"]["p99_ms"] / cases["public, idle"]["p99_ms"]
         if "public, idle" in cases else None, "<=", 3.0),
    ]
    print()
    print(f"Machine: {figures['machine']['cpu']}, {figures['machine']['cores']} cores, "
          f"{figures['machine']['memory_gib']} GiB, kernel {figures['machine']['kernel']}; "
          f"{figures['machine']['java']}; {figures['machine']['wrk']}")
    print(f"Each case {figures['settings']['rounds']} x {figures['settings']['seconds']} s, alternating; "
          f"services run with {figures['settings']['service_jvm']}")
    print()
    print("| figure | measured | target | |")
    print("| --- | ---: | ---: | --- |")
    for name, value, op, target in rows:
        if value is None:
            print(f"| {name} | not measured | {op} {target} | |")
            continue
        met = value >= target if op == ">=" else value <= target
        print(f"| {name} | {value:.2f} | {op} {target} | {'met' if met else 'MISSED'} |")
    print()
    print("| case | per second | spread | p50 ms | p99 ms | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, case in cases.items():
        print(f"| {name} | {case['rate']:.1f} | {case['rate_spread'] * 100:.0f}% | {case['p50_ms']:.2f} | "
              f"{case['p99_ms']:.2f} | {case['errors']} |")
    print()
    through = ratio("protected, through gateway", "protected, direct")
    if through is not None:
        print(f"Through the gateway / direct: {through:.2f}; Spring Cloud Gateway alone / direct: "
              f"{ratio('protected, through Spring Cloud Gateway alone', 'protected, direct'):.2f}")
    print(f"Resident memory after the run, MB: gateway {figures['gateway_rss_mb']:.0f}, "
          f"resource service {figures['resource_rss_mb']:.0f}")
    if "keycloak_start_s" in figures:
        print(f"Keycloak: start to ready {figures['keycloak_start_s']:.1f} s, "
              f"resident memory {figures['keycloak_rss_mb']:.0f} MB")
    for service, title in (("gateway", "Gateway"), ("resource", "Resource service")):
        if f"{service}_starts_s" in figures:
            print(f"{title} first starts, each on a new database: "
                  + ", ".join(f"{seconds:.2f}" for seconds in figures[f"{service}_starts_s"]) + " s")
    if "gateway_restart_s" in figures:
        print(f"Gateway restart to ready (schema and signing keys in place): {figures['gateway_restart_s']:.1f} s; "
              f"the first start above made them")
    jmh = figures.get("jmh_us", {})
    print("Token costs per operation (JMH, one thread, microseconds): "
          + ", ".join(f"{name} {value:.1f}" for name, value in sorted(jmh.items())))
    direct, public = cases["protected, direct"], cases["public, direct"]
    print(f"Verification cost seen end to end (resource service): "
          f"{(1 / direct['rate'] - 1 / public['rate']) * 1e6:.0f} us of machine time per request")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        main()
    except KeyboardInterrupt:
        stop_all()
        sys.exit(130)
