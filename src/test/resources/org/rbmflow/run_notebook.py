"""Executes one notebook the way Jupyter does and writes the executed copy (used by NotebooksRunIT).

Usage: python3 -c "$(cat run_notebook.py)" NOTEBOOK EXECUTED CELL_TIMEOUT_SECONDS
The kernel is the python3 kernelspec and starts in the notebook's directory, as under `jupyter lab`. Exit 0 when
every cell ran; 1 after a failing cell, with its error on stderr. The executed copy is written in both cases.
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

source, executed, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3])
nb = nbformat.read(source, as_version=4)
client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                        resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}})
status = 0
try:
    client.execute()
except CellExecutionError as e:
    print(e, file=sys.stderr)
    status = 1
nbformat.write(nb, executed)
sys.exit(status)
