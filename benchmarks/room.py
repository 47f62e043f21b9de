"""How many learners one machine serves: a room working through a lesson at once.

Starts the site as the Procfile does (`gunicorn app:server`, settings from
gunicorn.conf.py: gevent workers, preload) on this machine. Chromium opens the
lesson once and records the requests its page really sends, leaving out the
files a browser keeps in its cache (/assets/, /_dash-component-suites/):
the page (index, _dash-layout, _dash-dependencies, the pages callback that
draws the lesson), the two example frames (index, _dash-layout,
_dash-dependencies, their page-load callbacks), then one click on the first
button of each frame (its _dash-update-component POSTs).

Then N simulated learners replay them. Each arrives within the first
--arrive seconds (the instructor says "open lesson 6"), loads the page's
requests in the browser's order, then clicks at a human pace: one recorded
click every 2 to 6 s (--pace 4: uniform between half and 1.5 times it),
broken and fixed in turn. N goes up step by step until the 95th percentile of
a click's round trip passes --threshold ms. The learners run as threads in
--processes client processes on the same machine: their own CPU counts
against the server, so the figures are a lower bound for a room whose
learners bring their own laptops.

A lesson with private examples (global-state, callbacks-at-startup,
background-callbacks) gives each learner a token of its own, as each browser
has: every learner then has its own copies, in every process it reaches. After
each step the server's log tells how many copies it dropped to stay within its
limit (a learner's state reset while on the page) and how much memory the
workers hold of their own.

--server app.py measures `python3 app.py` (Werkzeug's development server)
instead. --save keeps the run in instructors/room.json, which /instructors shows.

Usage: python benchmarks/room.py [--server gunicorn|app.py] [--workers 3] [--save]
                                 [--lesson callback-signatures] [--threshold 300]
                                 [--steps 5,10,20,30,40,60,80,120,160] [--seconds 30]
                                 [--pace 4] [--arrive 10]
"""

import argparse
import datetime
import http.client
import json
import multiprocessing
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import psutil
from harness import ROOT, launch
from load import get, stop
from localhost import free_port
from playwright.sync_api import sync_playwright

SERVERS = {
    # The Procfile's command: gunicorn reads gunicorn.conf.py from the working directory.
    "gunicorn": [sys.executable, "-m", "gunicorn", "app:server"],
    "app.py": [sys.executable, "app.py"],
}
SAVED = ROOT / "instructors" / "room.json"  # shown on /instructors
CACHED = ("/assets/", "/_dash-component-suites/", "/_favicon.ico")
HEADERS = {"Accept-Encoding": "gzip, deflate"}  # as a browser's: the site gzips its answers
PRIVATE = re.compile(r"/private/[A-Za-z0-9_-]{16,64}/")  # gotchas/examples/instances.py
TOKEN_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
DROPPED = "private instances: this process holds its limit"
KEEPALIVE = 4.5  # seconds; gunicorn.conf.py keeps an idle connection 5 s
ROW = "{:>9} {:>7} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9}"


def record(base, slug):
    """The requests a browser sends for the lesson page, then for one click in each frame."""
    seen = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 800})

        def keep(request):
            path = request.url[len(base) :]
            if request.url.startswith(base) and not path.startswith(CACHED):
                seen.append((request.method, path, request.post_data))

        page.on("request", keep)
        page.goto(f"{base}/lessons/{slug}")
        frames = {}
        for role in ("broken", "fixed"):
            selector = f"#example-{role} iframe.example-frame"
            page.wait_for_selector(f"{selector}[data-loaded]", timeout=90_000)
            frames[role] = page.frame_locator(selector)
            frames[role].locator("#react-entry-point > *").first.wait_for()
        page.wait_for_timeout(1500)  # the frames' page-load callbacks
        examples = [f"/examples/{slug}/{role}/" for role in frames]
        # Only the pair: frames further down load when a learner scrolls there.
        loads = [
            r for r in seen if not r[1].startswith("/examples/") or r[1].startswith(tuple(examples))
        ]
        clicks = []
        for frame in frames.values():
            before = len(seen)
            frame.locator("#_dash-app-content button").first.click()
            page.wait_for_timeout(1500)
            clicks += [r for r in seen[before:] if r[0] == "POST"]
        browser.close()
    if not clicks:
        sys.exit(f"clicking the first button of {slug}'s pair sent no callback")
    return loads, clicks


def send(connection, method, path, body):
    """One request on a kept connection: (status, milliseconds); status 0 if it failed.

    gunicorn closes a connection idle for 5 s (keepalive): like a browser, a
    learner then opens a new one, and its setup counts in the time."""
    headers = dict(HEADERS, **({"Content-Type": "application/json"} if body else {}))
    started = time.perf_counter()
    if started - getattr(connection, "last_used", started) > KEEPALIVE:
        connection.close()
    for _ in range(2):  # a connection closed under us is retried once, as browsers do
        try:
            connection.request(method, path, body.encode() if body else None, headers)
            answer = connection.getresponse()
            answer.read()
            status = answer.status
            break
        except (OSError, http.client.HTTPException):
            connection.close()  # http.client reconnects on the next request
            status = 0
    connection.last_used = time.perf_counter()
    return status, (connection.last_used - started) * 1000


def learners(port, loads, clicks, expected, count, seconds, pace, arrive, seed):
    """In one client process: `count` learners, each a thread with its own connection."""
    pages, times, wrong = [], [], []  # list.append is atomic: the threads share them
    until = time.monotonic() + seconds

    def learner(rng):
        # Private examples: this learner's browser has a token of its own.
        own = "/private/" + "".join(rng.choice(TOKEN_CHARACTERS) for _ in range(24)) + "/"
        time.sleep(rng.uniform(0, arrive))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        started = time.perf_counter()
        for method, path, body in loads:
            path = PRIVATE.sub(own, path)
            status, _ = send(connection, method, path, body)
            if status != 200:
                wrong.append(f"{status} {method} {path}")
        pages.append((time.perf_counter() - started) * 1000)
        turn = rng.randrange(len(clicks))
        while True:
            time.sleep(rng.uniform(0.5, 1.5) * pace)
            if time.monotonic() >= until:
                break
            method, path, body = clicks[turn % len(clicks)]
            path = PRIVATE.sub(own, path)
            status, ms = send(connection, method, path, body)
            if status == expected[turn % len(clicks)]:
                times.append(ms)
            else:
                wrong.append(f"{status} {method} {path}")
            turn += 1
        connection.close()

    threads = [
        threading.Thread(target=learner, args=(random.Random(seed * 1000 + i),))
        for i in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return pages, times, wrong


def room(port, recorded, learners_count, args):
    loads, clicks, expected = recorded
    counts = [
        learners_count // args.processes + (i < learners_count % args.processes)
        for i in range(args.processes)
    ]
    jobs = [
        (port, loads, clicks, expected, n, args.seconds, args.pace, args.arrive, i)
        for i, n in enumerate(counts)
        if n
    ]
    with multiprocessing.Pool(len(jobs)) as pool:
        parts = pool.starmap(learners, jobs)
    return [sum((part[i] for part in parts), []) for i in range(3)]


def percentile(values, p):
    return statistics.quantiles(values, n=100)[p - 1] if len(values) > 1 else float("nan")


def start(server, workers, log):
    """The site as `server` runs it on a free loopback port; (process, port) once it is ready.

    Its error log (warnings included) goes to the file `log`."""
    port = free_port()
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    process = subprocess.Popen(
        SERVERS[server],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,  # stop() ends the server and its workers
    )
    try:
        for _ in range(1200):  # it imports every example first: a minute on a busy machine
            try:
                get(port, "/healthz")
                return process, port
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"{server} did not answer /healthz")
    except BaseException:
        stop(process)
        raise


def server_cpu(process):
    """CPU seconds the server has used so far: its process and its workers."""
    root = psutil.Process(process.pid)
    total = 0.0
    for item in [root, *root.children(recursive=True)]:
        try:
            times = item.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def own_memory_mb(process):
    """Memory the server's processes hold of their own (USS): what forked workers don't share."""
    root = psutil.Process(process.pid)
    total = 0
    for item in [root, *root.children(recursive=True)]:
        try:
            total += item.memory_full_info().uss
        except psutil.NoSuchProcess:
            pass
    return total / 1e6


def dropped_copies(log):
    log.seek(0)
    return sum(DROPPED in line for line in log.read().decode("utf-8", "replace").splitlines())


def cpu_cost(process, port, requests_, repeat):
    """The server's CPU seconds for one pass over the requests, one after another.

    CPU time, unlike a round trip, hardly depends on what else the machine
    runs: it says what a room costs the server wherever it runs."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    before = server_cpu(process)
    for _ in range(repeat):
        for request in requests_:
            send(connection, *request)
    return (server_cpu(process) - before) / repeat


def describe(args):
    if args.server == "gunicorn":
        return f"gunicorn app:server, WEB_CONCURRENCY={args.workers} (gevent workers)"
    return "python3 app.py (Werkzeug, a thread per request)"


def save(args, rows, served, costs):
    """Keep this run in instructors/room.json, in place of the last run of the same server."""
    runs = json.loads(SAVED.read_text(encoding="utf-8")) if SAVED.is_file() else []
    command = "python3 benchmarks/room.py" + (
        " --server app.py" if args.server != "gunicorn" else ""
    )
    run = {
        "server": describe(args),
        "command": command,
        "date": datetime.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}",
        "conditions": (
            f"/lessons/{args.lesson}; learners arrive within {args.arrive:g} s and click every "
            f"{args.pace / 2:g} to {args.pace * 1.5:g} s, {args.seconds:g} s per step"
        ),
        "threshold_ms": args.threshold,
        "served": served,
        "rows": rows,
        "cpu_per_page_load_s": round(costs["page"], 3),
        "cpu_per_click_s": round(costs["click"], 4),
        "arrive_s": args.arrive,
        "pace_s": args.pace,
        "page_loads_in_arrival": costs["page_loads_in_arrival"],
        "learners_clicking": costs["learners_clicking"],
    }
    runs = [r for r in runs if r["command"] != command] + [run]
    runs.sort(key=lambda r: r["command"].endswith("app.py"))  # gunicorn first
    SAVED.write_text(json.dumps(runs, indent=1) + "\n", encoding="utf-8")
    print(f"saved to {SAVED.relative_to(ROOT)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", choices=sorted(SERVERS), default="gunicorn")
    parser.add_argument("--lesson", default="callback-signatures")
    parser.add_argument("--threshold", type=float, default=300, help="p95 of a click, ms")
    parser.add_argument("--steps", default="5,10,20,30,40,60,80,120,160")
    parser.add_argument("--seconds", type=float, default=30, help="per step")
    parser.add_argument("--workers", type=int, default=3, help="WEB_CONCURRENCY (gunicorn)")
    parser.add_argument("--pace", type=float, default=4, help="mean seconds between clicks")
    parser.add_argument("--arrive", type=float, default=10, help="learners arrive within")
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument("--save", action="store_true", help=f"write {SAVED.relative_to(ROOT)}")
    args = parser.parse_args()
    log = tempfile.TemporaryFile()
    process, port = start(args.server, args.workers, log)
    try:
        loads, clicks = record(f"http://127.0.0.1:{port}", args.lesson)
        # What a click answers in the browser (the broken one may be Dash's 500).
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        expected = [send(probe, *click)[0] for click in clicks]
        alone = [send(probe, *request)[1] for request in loads]
        slowest = max(range(len(loads)), key=alone.__getitem__)
        cores = os.cpu_count()
        page = cpu_cost(process, port, loads, 10)
        click = cpu_cost(process, port, clicks, 25) / len(clicks)
        costs = {
            "page": page,
            "click": click,
            # All cores busy, nothing else on the machine, no client on it either.
            "page_loads_in_arrival": int(cores * args.arrive / page),
            "learners_clicking": int(cores * args.pace / click),
        }
        print(f"{cores} cores; {describe(args)}")
        print(
            f"server CPU: {page * 1000:.0f} ms per page load, {click * 1000:.1f} ms per click; "
            f"{cores} cores would serve {costs['page_loads_in_arrival']} page loads in "
            f"{args.arrive:g} s, or clicks every {args.pace:g} s from "
            f"{costs['learners_clicking']} learners"
        )
        print(
            f"/lessons/{args.lesson}: a page load is {len(loads)} requests, "
            f"{sum(alone):.0f} ms for one learner alone (slowest: "
            f"{loads[slowest][0]} {loads[slowest][1].split('?')[0]}, {alone[slowest]:.0f} ms); "
            f"a click is one of {len(clicks)} recorded callback POSTs (answers {expected})"
        )
        print(
            f"learners arrive within {args.arrive:g} s, click every "
            f"{args.pace / 2:g}-{args.pace * 1.5:g} s, {args.seconds:g} s per step; "
            f"threshold: click p95 <= {args.threshold:g} ms"
        )
        # Other programs on the machine take CPU from the server: their load is printed beside.
        print(ROW.format(*"learners clicks wrong p50 p95 load-p95 clicks/s load-avg".split()))
        rows, served = [], 0
        dropped = dropped_copies(log)
        for count in (int(n) for n in args.steps.split(",")):
            pages, times, wrong = room(port, (loads, clicks, expected), count, args)
            dropped, before = dropped_copies(log), dropped
            row = {
                "learners": count,
                "clicks": len(times),
                "wrong": len(wrong),
                "click_p50_ms": round(percentile(times, 50), 1),
                "click_p95_ms": round(percentile(times, 95), 1),
                "load_p95_ms": round(percentile(pages, 95), 1),
                "load_average": round(os.getloadavg()[0], 2),
                "private_copies_dropped": dropped - before,
                "server_own_memory_mb": round(own_memory_mb(process)),
            }
            rows.append(row)
            cells = [f"{row[k]:.0f} ms" for k in ("click_p50_ms", "click_p95_ms", "load_p95_ms")]
            rate = f"{len(times) / args.seconds:.1f}"
            print(ROW.format(count, len(times), len(wrong), *cells, rate, row["load_average"]))
            if wrong:
                print("   e.g.", wrong[0])
            print(
                f"   private copies dropped at the limit: {row['private_copies_dropped']}; "
                f"the server's own memory: {row['server_own_memory_mb']} MB"
            )
            if row["click_p95_ms"] > args.threshold or wrong or row["private_copies_dropped"]:
                break
            served = count
        print(
            f"served: {served} learners with click p95 <= {args.threshold:g} ms, no errors "
            "and no private copy dropped"
        )
    finally:
        stop(process)
    if args.save:
        save(args, rows, served, costs)


if __name__ == "__main__":
    main()
