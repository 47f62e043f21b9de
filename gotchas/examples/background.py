"""Background callbacks on the site: bounded jobs, and no visitor sees another's data.

An example with `background=True` uses Dash's DiskcacheManager: each job is a
process forked from the server process, and results travel through a
diskcache directory. Served as it is, such an example would let one visitor
hold the server (a job per request, as long and as many as a script likes),
hand one visitor's result or progress to another (the key is made of the
inputs alone), and leave a `./cache` directory wherever the site runs. Under
this site's gevent workers a fork is worse still: the job process is a copy
of the worker, with its event loop, the listening socket and other visitors'
connections, and it goes on answering their requests until gunicorn's loop
inside it notices its parent changed and shuts it down (measured; see
tests/test_lesson_background_callbacks.py).

What the site changes while it imports such an example (nothing in the file):
- its diskcache, whatever directory the file names (or none): one directory
  per site run under the system temp dir, made before gunicorn forks its
  workers, so every worker reads the same results (a poll may reach any of
  them; the Procfile preloads the app), at most CACHE_BYTES, removed when the
  site stops. Dash keeps its handle-signing secret there, so workers agree;
- its keys: prefixed with the instance, so two visitors (private instances,
  one per browser) never share a result, a progress value or a set_props;
- its jobs: at most JOBS_PER_INSTANCE at once per instance and
  JOBS_PER_PROCESS per server process; a request that would start one more is
  answered 429 or 503. A job runs at most JOB_SECONDS by the clock (its own
  alarm, and a timer in the server two seconds later) and JOB_CPU_SECONDS of
  CPU, at a lower priority, and dies with its server process;
- in the job process, before the job: gevent's patches are undone, the
  sockets it inherited are closed and signals are back to their defaults,
  so it runs the job and nothing of the server it was forked from;
- Dash's terminate_job tolerates a job that has already exited (under gevent
  the worker reaps it at once, and psutil raises NoSuchProcess: an HTTP 500).
Managers are also kept out of Dash's process-wide lists, which would otherwise
keep every private instance ever created, and its functions, alive.
"""

import atexit
import ctypes
import hashlib
import os
import resource
import shutil
import signal
import stat
import sys
import tempfile
import threading
import traceback
from contextlib import contextmanager

from werkzeug.exceptions import HTTPException

from .isolation import ExampleError

JOBS_PER_INSTANCE = 2
JOBS_PER_PROCESS = 4
JOB_SECONDS = 10
JOB_CPU_SECONDS = 5
JOB_NICE = 10
JOB_EXTRA_MEMORY = 512 * 1024 * 1024  # address space a job may add to what it was forked with
CACHE_BYTES = 16 * 1024 * 1024
PR_SET_PDEATHSIG = 1
DEFAULT_SIGNALS = (
    signal.SIGTERM,
    signal.SIGINT,
    signal.SIGHUP,
    signal.SIGQUIT,
    signal.SIGUSR1,
    signal.SIGUSR2,
    signal.SIGWINCH,
    signal.SIGCHLD,
    signal.SIGALRM,
    signal.SIGXCPU,
)


class TooManyJobs(HTTPException):
    code = 429
    name = "This example is already running as many jobs as it may: wait for one to end"


class ServerBusy(HTTPException):
    code = 503
    name = "The server is running as many jobs as it may: try again in a few seconds"


# ---- the cache: one directory per site run ----------------------------------------------

_cache_dir = None
_cache_lock = threading.Lock()
CACHE_PREFIX = "callback-gotchas-jobs-"


def _owner_gone(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass
    return False


def _remove_orphans():
    """Directories of site runs that ended without cleaning up (killed, or SIGTERM to
    `python app.py`): each is named after the process that made it."""
    for name in os.listdir(tempfile.gettempdir()):
        owner = name.removeprefix(CACHE_PREFIX).split("-")[0]
        if name.startswith(CACHE_PREFIX) and owner.isdigit() and _owner_gone(int(owner)):
            shutil.rmtree(os.path.join(tempfile.gettempdir(), name), ignore_errors=True)


def cache_directory():
    """The site run's job cache, made once (in gunicorn's master, before the fork)."""
    global _cache_dir
    with _cache_lock:
        if _cache_dir is None:
            _remove_orphans()
            owner = os.getpid()
            _cache_dir = tempfile.mkdtemp(prefix=f"{CACHE_PREFIX}{owner}-")
            # Workers inherit this handler: only the process that made it removes it.
            atexit.register(lambda: os.getpid() == owner and shutil.rmtree(_cache_dir, True))
        return _cache_dir


def _site_cache_class(original):
    class SiteCache(original):
        """diskcache.Cache in the site's directory, whatever directory the example names."""

        def __init__(self, directory=None, timeout=60, disk=None, **settings):
            settings.update(size_limit=CACHE_BYTES)
            if disk is None:
                super().__init__(cache_directory(), timeout, **settings)
            else:
                super().__init__(cache_directory(), timeout, disk, **settings)

    return SiteCache


# ---- jobs of this process --------------------------------------------------------------

_jobs = {}  # pid -> (owner manager, psutil.Process)
_jobs_lock = threading.Lock()


def _alive(process):
    import psutil

    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _reap(pid):
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass  # reaped already (gevent's child watcher does it at once)


def _prune():
    for pid, (_owner, process) in list(_jobs.items()):
        if not _alive(process):
            _reap(pid)
            del _jobs[pid]


def running_jobs(owner=None):
    """Jobs of this process still running (of one manager, if given)."""
    with _jobs_lock:
        _prune()
        return [pid for pid, (who, _) in _jobs.items() if owner is None or who is owner]


def _close_inherited_sockets():
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd <= 2:
            continue
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass  # the directory's own descriptor, gone by now


def _undo_gevent():
    """In a job forked from a gevent worker: blocking calls block this process again."""
    monkey = sys.modules.get("gevent.monkey")
    if monkey is None:
        return
    for module_name, originals in monkey.saved.items():
        module = sys.modules.get(module_name)
        if module is None:
            continue
        for attribute, original in originals.items():
            setattr(module, attribute, original)
    import greenlet

    def leave_if_switched(event, _args):
        # The worker's loop and its other greenlets must never run in a job.
        if event in ("switch", "throw"):
            os.write(2, b"background job: stopped, it tried to run the server's event loop\n")
            os._exit(70)

    greenlet.settrace(leave_if_switched)


def _limit_address_space():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                size = int(line.split()[1]) * 1024 + JOB_EXTRA_MEMORY
                resource.setrlimit(resource.RLIMIT_AS, (size, size))
                return


def _enter_job_process(parent, from_main_thread):
    """First thing in a job process: bound it, and cut it loose from the server."""
    if from_main_thread:
        # Killed with the server process. (The signal follows the forking *thread*:
        # under a threaded server that thread ends with its request, so not there.)
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(0)  # the server process is already gone
    _undo_gevent()  # first: gevent's os.close waits for its loop to close a watched socket
    _close_inherited_sockets()
    for number in DEFAULT_SIGNALS:
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, DEFAULT_SIGNALS)
    signal.alarm(JOB_SECONDS)
    resource.setrlimit(resource.RLIMIT_CPU, (JOB_CPU_SECONDS, JOB_CPU_SECONDS + 1))
    _limit_address_space()
    os.nice(JOB_NICE)


def _bounded(job_fn):
    parent = os.getpid()
    # Greenlets all run on the main thread; its id is the process id (gevent leaves it alone).
    from_main_thread = threading.get_native_id() == parent

    def job(*args):
        code = 1
        try:
            _enter_job_process(parent, from_main_thread)
            job_fn(*args)  # Dash's: writes the result, or the error, to the cache
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            # Straight out: nothing of the server's (atexit, threads) runs in a job.
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError, AttributeError):
                    pass
            os._exit(code)

    return job


def _stop_if_running(manager, pid):
    with _jobs_lock:
        entry = _jobs.get(pid)
    if entry and _alive(entry[1]):
        manager.terminate_job(pid)
    running_jobs()  # reaps and forgets it


def _contain(manager, instance):
    import psutil

    build_cache_key = manager.build_cache_key
    call_job_fn = manager.call_job_fn
    terminate_job = manager.terminate_job

    def instance_cache_key(*args, **kwargs):
        key = build_cache_key(*args, **kwargs)
        return hashlib.sha256(f"{instance}\0{key}".encode()).hexdigest()

    def bounded_call_job_fn(key, job_fn, args, context):
        with _jobs_lock:
            _prune()
            if sum(owner is manager for owner, _ in _jobs.values()) >= JOBS_PER_INSTANCE:
                raise TooManyJobs()
            if len(_jobs) >= JOBS_PER_PROCESS:
                raise ServerBusy()
            pid = call_job_fn(key, _bounded(job_fn), args, context)
            try:
                _jobs[pid] = (manager, psutil.Process(pid))
            except psutil.NoSuchProcess:
                pass  # over already
        timer = threading.Timer(JOB_SECONDS + 2, _stop_if_running, (manager, pid))
        timer.daemon = True
        timer.start()
        return pid

    def tolerant_terminate_job(job):
        try:
            terminate_job(job)
        except psutil.NoSuchProcess:
            pass  # it ended between Dash's checks

    manager.build_cache_key = instance_cache_key
    manager.call_job_fn = bounded_call_job_fn
    manager.terminate_job = tolerant_terminate_job


@contextmanager
def background_jobs(path, instance):
    """Around one example's import: its diskcache and DiskcacheManagers become the site's.

    `instance` names the copy (the example, and a private instance's token).
    """
    try:
        import diskcache
        from dash.background_callback.managers import BaseBackgroundCallbackManager
    except ImportError:  # dash[diskcache] missing: an example that needs it fails to import
        yield
        return
    from dash.background_callback.managers.diskcache_manager import DiskcacheManager

    base = BaseBackgroundCallbackManager
    stashed = base.managers[:], base.functions[:]
    original_cache = diskcache.Cache
    base.managers.clear()
    base.functions.clear()
    diskcache.Cache = _site_cache_class(original_cache)
    try:
        yield
        for manager in base.managers:
            if type(manager) is not DiskcacheManager:
                raise ExampleError(f"{path}: background examples use dash.DiskcacheManager")
            if not isinstance(manager.handle, diskcache.Cache):
                raise ExampleError(f"{path}: give DiskcacheManager a diskcache.Cache")
            _contain(manager, instance)
    finally:
        diskcache.Cache = original_cache
        base.managers[:], base.functions[:] = stashed
