"""``python -m wasmlite`` runs the command-line interface."""
import os
import sys

try:
    from .cli import console_main
except KeyboardInterrupt:                 # Ctrl-C while Python still imports wasmlite
    print("wasmlite: interrupted", file=sys.stderr, flush=True)
    os._exit(130)

console_main()
