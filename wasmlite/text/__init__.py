"""The WebAssembly text format: ``parse_module`` (WAT → syntax.Module) and
``parse_script`` (.wast → commands)."""
from .parse import parse_module
from .script import parse_script

__all__ = ["parse_module", "parse_script"]
