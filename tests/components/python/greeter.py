"""The greeter world (greeter_wit/greeter.wit) in Python, built by
componentize-py with WASI stubbed out (build.sh): a component whose exports
take and return component-model values of most kinds, called from Python
through wasmlite.component and wasmtime.component side by side."""
import math
import zlib

import wit_world
from wit_world import Mood, Shape_Circle, Shape_Rectangle, Stats, Style
from componentize_py_types import Err


class WitWorld(wit_world.WitWorld):
    def greet(self, name: str) -> str:
        return f"Hello, {name}! ({len(name)} characters)"

    def greet_styled(self, name: str, mood: Mood, style: Style) -> str:
        text = {Mood.CHEERFUL: f"Lovely to see you, {name}",
                Mood.GRUMPY: f"Oh. It's you, {name}",
                Mood.SLEEPY: f"mm... hi {name}"}[mood]
        if Style.POLITE in style:
            text = "Dear guest: " + text
        if Style.SHOUT in style:
            text = text.upper()
        if Style.EXCLAIM in style:
            text += "!"
        return text

    def word_stats(self, text: str) -> Stats:
        words = text.split()
        lengths = [len(w) for w in words]
        return Stats(words=len(words),
                     longest=max(words, key=len) if words else "",
                     lengths=lengths,
                     mean_length=sum(lengths) / len(lengths) if words else math.nan)

    def sort_words(self, words: list[str], descending: bool) -> list[str]:
        return sorted(words, key=str.casefold, reverse=descending)

    def divide(self, a: int, b: int) -> int:
        if b == 0:
            raise Err(f"cannot divide {a} by zero")
        return a // b

    def first_long(self, words: list[str], min_length: int):
        return next((w for w in words if len(w) >= min_length), None)

    def area(self, s) -> float:
        if isinstance(s, Shape_Circle):
            return math.pi * s.value ** 2
        if isinstance(s, Shape_Rectangle):
            return s.value[0] * s.value[1]
        return 0.0

    def checksum(self, data: bytes) -> tuple[int, int]:
        return zlib.crc32(data), sum(data) % 256

    def fail(self, message: str) -> None:
        raise RuntimeError(message)
