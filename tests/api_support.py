"""Shared helpers of the public-API tests: a cheap engine and a store."""
import wasmlite


def cheap_engine() -> wasmlite.Engine:
    config = wasmlite.Config()
    config.cranelift_opt_level = "none"
    return wasmlite.Engine(config)


def instance(store, wat: str, imports=()):
    module = wasmlite.Module(store.engine, wat)
    return wasmlite.Instance(store, module, list(imports)).exports(store)
