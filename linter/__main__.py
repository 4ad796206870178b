"""The reportlint program: `python -m linter` and the `reportlint` script run `run()`."""

import atexit
import gc
import os
import sys
import threading


def run() -> None:
    """The command line (linter.cli) as a whole process, started and ended for speed.

    Importing the command line builds some 200,000 objects that live as long as
    the process and are never garbage: the cycle collector is off while they are
    made, and they are then frozen out of its later collections (7 % of a one-file
    run went to collections that walked them again and again); the module-level
    patterns of what it imports (click's, platform's, json's, ours) are built from
    the user cache (linter/patterns.py), not compiled again. And the process
    ends without tearing the interpreter down (freeing every object, one last
    collection: 6 % more): once the exit handlers have run (they write the user
    cache) and the output is flushed, nothing else is left to do. With other
    threads running (a Dask client's), under a profiler or tracer (cProfile,
    coverage), or with output that cannot be flushed, it ends the ordinary way."""
    gc.disable()
    try:
        from linter import patterns

        main = patterns.import_through_cache("linter.cli").main
    finally:
        gc.freeze()
        gc.enable()
    try:
        main()
        code = 0
    except SystemExit as exit:
        code = exit.code
    if threading.active_count() > 1 or sys.getprofile() or sys.gettrace():  # a profiler writes its report at exit
        sys.exit(code)
    atexit._run_exitfuncs()  # and they are not run again
    try:
        if code is not None and not isinstance(code, int):
            print(code, file=sys.stderr)  # what sys.exit does with a message
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: Python's own shutdown reports it
        sys.exit(code)
    os._exit(code or 0)


if __name__ == "__main__":
    run()
