"""Imported first by every bench script. Run as ``python bench/x.py``, the bench folder is ``sys.path[0]``, and
bench/calendar.py would then stand in for the standard library's ``calendar`` (which Babel and others import):
take the folder off the path and put the project root on it instead."""

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
if str(_HERE.parent) not in sys.path:
    sys.path.insert(0, str(_HERE.parent))
