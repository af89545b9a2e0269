"""The module as data; see types.py, module.py and instructions.py."""
from .types import *  # noqa: F401,F403
from .module import *  # noqa: F401,F403
