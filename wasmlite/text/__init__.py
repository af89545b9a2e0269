"""The WebAssembly text format: ``parse_module`` (WAT → syntax.Module),
``parse_script`` (.wast → commands) and ``parse_component`` (component WAT
→ component binary)."""
from .component_parse import parse_component
from .parse import parse_module
from .script import parse_script

__all__ = ["parse_component", "parse_module", "parse_script"]
