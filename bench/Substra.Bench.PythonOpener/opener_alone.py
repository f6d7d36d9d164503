"""The same opener run by Python alone: imports it as substratools does and calls get_data, nothing else.

Usage: opener_alone.py OPENER FOLDER. substratools is stood in for when the machine has none (only Opener is used).
"""
import abc
import importlib.machinery
import importlib.util
import inspect
import sys
import types

try:
    import substratools
except ImportError:
    substratools = types.ModuleType("substratools")

    class Opener(abc.ABC):
        @abc.abstractmethod
        def get_data(self, folders):
            raise NotImplementedError

        @abc.abstractmethod
        def fake_data(self, n_samples):
            raise NotImplementedError

    substratools.Opener = Opener
    sys.modules["substratools"] = substratools

loader = importlib.machinery.SourceFileLoader("opener", sys.argv[1])
module = importlib.util.module_from_spec(importlib.util.spec_from_loader("opener", loader))
loader.exec_module(module)
opener = [cls for _, cls in inspect.getmembers(module, inspect.isclass) if issubclass(cls, substratools.Opener) and cls is not substratools.Opener][0]()
data = opener.get_data([sys.argv[2]])
print("%dx%d" % data.shape)
