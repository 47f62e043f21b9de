"""A lesson callback under load: the site as hosted vs a bare Flask JSON endpoint.

Starts two gunicorns in this run, both as the Procfile does (settings from
gunicorn.conf.py: gevent workers, preload, access log) with the same number of
workers: the real site, answering a lesson's callback POST, and
benchmarks/bare_flask.py, answering the same POST with a JSON body like Dash's.
Each client, a thread, holds one keep-alive connection and sends requests back
to back; the threads are spread over a few processes so that the client's GIL
does not cap the bare endpoint. Rounds alternate between the two servers so that
machine noise hits both.

Usage: python benchmarks/load.py [--seconds 10] [--clients 100] [--workers 2]
                                 [--processes 4] [--rounds 4]
"""

import argparse
import http.client
import json
import multiprocessing
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

from harness import ROOT
from localhost import free_port

EXAMPLE = "/examples/callback-signatures/fixed/"
PATH = EXAMPLE + "_dash-update-component"
OUTPUT = "message.children"  # say_hello: one Input (n_clicks), one Output, a string back
HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}  # as a browser's
SITE = ["app:server"]  # the Procfile's `gunicorn app:server`
BARE = ["-c", "gunicorn.conf.py", "--pythonpath", "benchmarks", "bare_flask:server"]
ROW = "{:16} {:>9} {:>7} {:>8} {:>8} {:>8} {:>8}"


def start(arguments, workers):
    """`gunicorn ARGUMENTS` on a free loopback port; (process, port) once /healthz is 200."""
    port = free_port()
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *arguments],
        cwd=ROOT,  # where gunicorn finds gunicorn.conf.py, as under the Procfile
        env=env,
        stdout=subprocess.DEVNULL,  # the access log: written by both, read by nobody
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # a process group of its own: stop() ends master and workers
    )
    try:
        for _ in range(1200):  # the site imports every example first: a minute on a busy machine
            try:
                get(port, "/healthz")
                return process, port
            except OSError:
                time.sleep(0.1)  # not listening, or not ready yet
        raise TimeoutError(f"{arguments[-1]} did not answer /healthz")
    except BaseException:  # Ctrl-C too: never leave a server behind
        stop(process)
        raise


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as answer:
        return answer.read()  # any status but 200 raises HTTPError, an OSError


def callback_body(port):
    """What the page sends after one click, built from the example's _dash-dependencies."""
    deps = json.loads(get(port, EXAMPLE + "_dash-dependencies"))
    spec = next(dep for dep in deps if dep["output"] == OUTPUT)
    inputs = [{**dep, "value": 1} for dep in spec["inputs"]]
    component, prop = OUTPUT.split(".")
    body = {"output": OUTPUT, "outputs": {"id": component, "property": prop}, "inputs": inputs}
    body["changedPropIds"] = [f"{dep['id']}.{dep['property']}" for dep in inputs]
    return json.dumps({**body, "state": []}).encode()


def post(connection, body):
    """One request on a kept connection: True if answered 200."""
    try:
        connection.request("POST", PATH, body, HEADERS)
        answer = connection.getresponse()
        answer.read()  # read whole, or the connection cannot be reused
        return answer.status == 200
    except (OSError, http.client.HTTPException):
        connection.close()  # http.client reconnects on the next request
        return False


def run_clients(port, body, seconds, count):
    """In one client process: `count` threads, each on its own keep-alive connection."""
    times, errors = [], []  # list.append is atomic: the threads share both

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        # Untimed: a hundred connections opened at once wait up to seconds for a busy
        # worker to accept them. Timed is the steady state: callbacks on open connections.
        post(connection, body)
        READY.wait()
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            started = time.perf_counter()
            ok = post(connection, body)
            (times if ok else errors).append((time.perf_counter() - started) * 1000)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, len(errors)


def share_barrier(ready):  # a pool's initializer: how a barrier reaches its processes
    global READY
    READY = ready


def load(port, body, seconds, clients, processes):
    """Latencies (ms) of requests answered 200, and the number of others, of all clients."""
    # Threads in several processes: in one, its GIL held the bare endpoint to half the
    # requests it answers with four, and so hid much of the difference being measured.
    counts = [clients // processes + (i < clients % processes) for i in range(processes)]
    ready = multiprocessing.Barrier(clients)  # every connection open before the clock starts
    with multiprocessing.Pool(processes, share_barrier, (ready,)) as pool:
        parts = pool.starmap(run_clients, [(port, body, seconds, count) for count in counts])
    return [t for times, _ in parts for t in times], sum(errors for _, errors in parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="per server, all rounds")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2, help="WEB_CONCURRENCY of both")
    parser.add_argument("--processes", type=int, default=4, help="client processes")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    clients = (args.clients, min(args.processes, args.clients))
    servers, results = {}, {}
    try:
        servers["bare Flask JSON"] = start(BARE, args.workers)
        servers["site callback"] = start(SITE, args.workers)
        body = callback_body(servers["site callback"][1])
        for label, (_, port) in servers.items():
            if not post(http.client.HTTPConnection("127.0.0.1", port, timeout=30), body):
                sys.exit(f"{label} did not answer the callback request with 200")
            load(port, body, 2, *clients)  # warm up: connections, caches, code paths
            results[label] = ([], 0)
        for _ in range(args.rounds):
            for label, (_, port) in servers.items():
                times, errors = load(port, body, args.seconds / args.rounds, *clients)
                results[label] = (results[label][0] + times, results[label][1] + errors)
    finally:
        for process, _ in servers.values():
            stop(process)
    print(f"POST {PATH}, {args.workers} gevent workers per server")
    print(
        f"{args.clients} keep-alive clients in {clients[1]} processes, "
        f"{args.seconds:g} s per server in {args.rounds} alternating rounds"
    )
    print(ROW.format("", "requests", "errors", "req/s", "p50 ms", "p90 ms", "p99 ms"))
    figures = []
    for label, (times, errors) in results.items():
        cuts = statistics.quantiles(times, n=100)
        rate = (len(times) + errors) / args.seconds
        figures.append((rate, cuts[98]))
        cells = [f"{rate:.0f}", *(f"{cuts[i]:.1f}" for i in (49, 89, 98))]
        print(ROW.format(label, len(times) + errors, errors, *cells))
    (bare_rate, bare_p99), (site_rate, site_p99) = figures
    ratio = site_p99 / bare_p99
    print(
        f"site / bare: p99 {ratio:.2f} (goal <= 2: {'met' if ratio <= 2 else 'NOT met'}), "
        f"throughput {site_rate / bare_rate:.2f}"
    )


if __name__ == "__main__":
    main()
