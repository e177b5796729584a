"""TAP lines for the graph test scripts: one `ok - NAME` or `not ok - NAME:
DETAIL` per check, and the count of failures for the exit status."""

_failures = 0


def tap(ok, name, detail=""):
    global _failures
    print(("ok - " if ok else "not ok - ") + name + (": " + detail if detail and not ok else ""))
    if not ok:
        _failures += 1


def failed():
    """The number of checks that failed so far."""
    return _failures
