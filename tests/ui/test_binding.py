"""The Qt binding keeps Python's reference counts right (PySide6 6.12.0 on Python 3.11 does not).

Runs in a subprocess: a broken binding aborts the interpreter ("Fatal Python error: none_dealloc"), which
would otherwise take the whole test run down with it.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()): return 3
    def columnCount(self, parent=QModelIndex()): return 2
    def data(self, index, role=0): return None
class Emitter(QObject):
    fired = Signal()
class Painted(QWidget):
    def paintEvent(self, event): return None
model, emitter, widget = Model(), Emitter(), Painted()
emitter.fired.connect(lambda: None)
widget.show()
before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(200):
    model.index(0, 0).data(0)   # C++ calls a Python override returning None
    emitter.fired.emit()        # Python calls C++ returning a bool
    widget.repaint()            # C++ calls a void Python override
after = sys.getrefcount(None), sys.getrefcount(True)
print(after[0] - before[0], after[1] - before[1])
"""


def test_binding_keeps_reference_counts_of_none_and_bools() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60)
    import PySide6

    advice = (f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} loses references to "
              "None/True/False; the GUI aborts after a few thousand repaints. Install PySide6 < 6.12 "
              "(pyproject pins it for Python < 3.12).")
    assert out.returncode == 0, advice + "\n" + out.stderr[-500:]
    none_delta, true_delta = (int(v) for v in out.stdout.split())
    assert abs(none_delta) < 50 and abs(true_delta) < 50, advice
