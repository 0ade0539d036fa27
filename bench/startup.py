#!/usr/bin/env python3
"""Start-up of tideline as ratios to a bare JVM start, measured in the same run with interleaved repetitions.

Each round runs every command once, in a rotating order, so that load from the other users of the machine falls on
all of them alike; the figure reported per command is its median wall time and its ratio to the bare JVM's median
(`java -Xshare:auto -XX:TieredStopAtLevel=1 -version`, the floor no JVM program starts below), for wall time and for
CPU time (user + system, steadier on a shared machine). The load average is
printed before and after. Usage: bench/startup.py [ROUNDS] [LABEL=COMMAND ...] (default 30 rounds; the default commands
are the bare JVM, `tideline --version` and `tideline lint one.sql`, run through ./tideline with its start-up cache).
"""
import os, shlex, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rounds = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 30
extra = [a for a in sys.argv[1:] if "=" in a]
tideline = os.path.join(root, "tideline")
one = os.path.join(tempfile.mkdtemp(), "one.sql")
with open(os.path.join(root, "samples/flyway-shop/V4__index_orders_by_customer.sql")) as src, open(one, "w") as dst:
    dst.write(src.read())

commands = [("bare JVM", ["java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-version"]),
            ("tideline --version", [tideline, "--version"]),
            ("tideline lint one.sql", [tideline, "lint", one])]
commands += [(label, shlex.split(cmd)) for label, cmd in (a.split("=", 1) for a in extra)]

def run(argv):
    """Wall and CPU (user + system, the process and its children) seconds of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime

def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])

for _, argv in commands:  # builds the jar if needed, prepares the start-up cache, warms the page cache
    run(argv); run(argv)
print(f"load average before: {load()}  cores: {os.cpu_count()}  rounds: {rounds}")
wall = {label: [] for label, _ in commands}
cpu = {label: [] for label, _ in commands}
for r in range(rounds):
    for i in range(len(commands)):
        label, argv = commands[(r + i) % len(commands)]
        w, c = run(argv)
        wall[label].append(w)
        cpu[label].append(c)
base_wall = statistics.median(wall["bare JVM"])
base_cpu = statistics.median(cpu["bare JVM"])
for label, _ in commands:
    w, c = statistics.median(wall[label]), statistics.median(cpu[label])
    print(f"{label:<34} wall median {w * 1000:5.0f} ms (min {min(wall[label]) * 1000:4.0f})  cpu median {c * 1000:5.0f} ms"
          f"  ratio to bare JVM: wall {w / base_wall:4.2f}  cpu {c / base_cpu:4.2f}")
print(f"load average after: {load()}")
