"""What a worker process may use: memory, CPU time, files, processes (set inside the child)."""

from __future__ import annotations

import math
import os
import sys

MEMORY_LIMIT = 3 * 2**29  # 1.5 GiB of address space: a 300-page PDF reads in 100 MB (a
# hostile one stops well within 2 GB)
CPU_SLACK = 5  # seconds of CPU beyond the wall deadline before the system stops the child


def memory_limit() -> int:
    """The child's address-space limit: 1.5 GiB, or three quarters of a smaller machine's memory."""
    try:
        physical = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return MEMORY_LIMIT
    return min(MEMORY_LIMIT, physical * 3 // 4) if physical > 0 else MEMORY_LIMIT


def confine() -> None:
    """Limit this (child) process for good: memory, no core dumps, no process started,
    nothing printed (a parser's chatter would reach the clerk's terminal)."""
    _silence()
    if sys.platform == "win32":
        _windows_job()  # no setrlimit there: a job object limits memory and processes
        return
    import resource

    limits = {
        resource.RLIMIT_AS: memory_limit(),
        resource.RLIMIT_CORE: 0,  # an abort must not write a 2 GB core file
        resource.RLIMIT_NPROC: 0,  # a parser never starts a process (not enforced for root)
    }
    # No file-size limit: SQLite writes while reading a .goals (it sorts in temporary files
    # and rolls back a journal a killed writer left), and a limit of 0 made such a file, even
    # one goaleditor had just written, unreadable.
    for limit, value in limits.items():
        try:
            _, hard = resource.getrlimit(limit)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(limit, (value, value))
        except (ValueError, OSError):  # not lowerable here (a container's own policy)
            continue


def allow_cpu(seconds: float) -> None:
    """Let this process use seconds more CPU time (plus CPU_SLACK), then be stopped by the
    system (SIGXCPU): a loop is ended even if the parent is gone."""
    if sys.platform == "win32":
        return
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    soft = math.ceil(used + seconds + CPU_SLACK)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        return


def _silence() -> None:
    """stdin, stdout and stderr to the null device (the parent prints what is to be said);
    no fault handler's dump of an expected crash either."""
    import faulthandler

    faulthandler.disable()
    null = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1, 2):
        try:
            os.dup2(null, descriptor)
        except OSError:  # no console (a windowed build): nothing to silence
            continue
    os.close(null)


_job_handle = None  # the Windows job object, open for the child's life


def _windows_job() -> None:
    """Windows: put this process in a job object that caps its memory (MEMORY_LIMIT) and lets
    it start no process; a crash ends it without Windows' error dialog. Best effort: where
    the system refuses, the parent's wall deadline still bounds the reading."""
    global _job_handle
    import ctypes
    from ctypes import wintypes

    class BasicLimits(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        ]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [
            ("BasicLimitInformation", BasicLimits),
            ("IoInfo", ctypes.c_uint64 * 6),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    process_memory, active_process, die_on_exception = 0x100, 0x8, 0x400
    extended_limit_information = 9
    no_error_boxes = (
        0x0001 | 0x0002 | 0x8000
    )  # SEM_FAILCRITICALERRORS | NOGPFAULTERRORBOX | NOOPENFILEERRORBOX
    try:
        kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 (absent off Windows)
        kernel32.SetErrorMode(no_error_boxes)
        job = kernel32.CreateJobObjectW(None, None)
        if not job:
            return
        limits = ExtendedLimits()
        limits.BasicLimitInformation.LimitFlags = process_memory | active_process | die_on_exception
        limits.BasicLimitInformation.ActiveProcessLimit = 1
        limits.ProcessMemoryLimit = memory_limit()
        set_ok = kernel32.SetInformationJobObject(
            job, extended_limit_information, ctypes.byref(limits), ctypes.sizeof(limits)
        )
        if set_ok and kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess()):
            _job_handle = job
    except (OSError, AttributeError, ValueError):
        return
