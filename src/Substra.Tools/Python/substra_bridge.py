"""The Python side of the Substra.Tools opener bridge (docs/python-openers.md).

Loads a substratools opener as substratools does (the module at the opener path, named `opener`; the one subclass of
`substratools.Opener` in it), calls `get_data(folders)` or `fake_data(n_samples)`, and writes what it returned in a
form the .NET runtime reads without Python objects: one `.npy` file per column or array (strings: a `.json` list) and
`manifest.json`, which describes the value's shape. A failure writes `error.json` instead; tracebacks go to stderr,
which the runtime copies into the task log. Exit code 0: manifest.json written; 1: error.json written.

Usage: substra_bridge.py --opener PATH --output DIR (--folders-file FILE | --fake-data N) [--parent-pid PID]
"""
import abc
import importlib.machinery
import importlib.util
import inspect
import json
import math
import numbers
import os
import sys
import threading
import time
import traceback
import types

FORMAT = "substra-python-bridge"
VERSION = 1
MAX_DEPTH = 8
SUPPORTED = (
    "a pandas DataFrame or Series, a numpy array, a list of file paths (str), "
    "or a tuple, list or dict (str keys) of these"
)


class BridgeError(Exception):
    """A failure the .NET side reports as it is: `kind` says whose fault it is."""

    def __init__(self, kind, message, **details):
        super().__init__(message)
        self.kind = kind
        self.details = details


class Unsupported(BridgeError):
    def __init__(self, message, python_type=None):
        super().__init__("unsupported-result", message, python_type=python_type)


def type_name(value):
    cls = type(value)
    module = cls.__module__
    return cls.__qualname__ if module == "builtins" else module + "." + cls.__qualname__


def parse_arguments(argv):
    options = {}
    i = 0
    while i < len(argv):
        name = argv[i]
        if name not in ("--opener", "--output", "--folders-file", "--fake-data", "--parent-pid") or i + 1 >= len(argv):
            raise BridgeError("bad-arguments", "unexpected bridge argument %r; usage: %s" % (name, __doc__.strip().splitlines()[-1]))
        options[name] = argv[i + 1]
        i += 2
    if "--opener" not in options or "--output" not in options:
        raise BridgeError("bad-arguments", "the bridge needs --opener and --output")
    if ("--folders-file" in options) == ("--fake-data" in options):
        raise BridgeError("bad-arguments", "the bridge needs exactly one of --folders-file and --fake-data")
    return options


def watch_parent(parent_pid):
    """Exits when the .NET process that started the bridge is gone, so that no Python process outlives its task."""

    def watch():
        while True:
            if os.getppid() != parent_pid:
                os._exit(137)
            time.sleep(0.2)

    if os.getppid() != parent_pid:
        os._exit(137)
    threading.Thread(target=watch, name="substra-bridge-parent-watch", daemon=True).start()


def minimal_substratools():
    """A stand-in `substratools` module with the Opener contract, for images that do not have substratools."""
    module = types.ModuleType("substratools")
    module.__doc__ = "Minimal substratools of the Substra.Tools bridge: only Opener is provided."

    class Opener(abc.ABC):
        @abc.abstractmethod
        def get_data(self, folders):
            raise NotImplementedError

        @abc.abstractmethod
        def fake_data(self, n_samples):
            raise NotImplementedError

    Opener.__module__ = "substratools"
    module.Opener = Opener

    def missing(name):
        raise AttributeError(
            "substratools.%s is not available: this image has no substratools, and the Substra.Tools bridge provides "
            "only substratools.Opener to openers" % name
        )

    module.__getattr__ = missing
    sys.modules["substratools"] = module
    return module


def opener_base():
    try:
        import substratools
    except ImportError:
        return minimal_substratools().Opener
    return substratools.Opener


def load_opener(path):
    base = opener_base()
    loader = importlib.machinery.SourceFileLoader("opener", path)
    spec = importlib.util.spec_from_loader("opener", loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["opener"] = module
    loader.exec_module(module)

    if not inspect.getmembers(module, lambda member: inspect.isclass(member) or inspect.isfunction(member)):
        raise BridgeError(
            "invalid-opener",
            "The opener module %s defines no class and no function (substratools' EmptyInterfaceError): "
            "it must define one subclass of substratools.Opener." % path,
        )
    found = [cls for _, cls in inspect.getmembers(module, inspect.isclass) if issubclass(cls, base) and cls is not base]
    if len(found) != 1:
        raise BridgeError(
            "invalid-opener",
            "The opener module %s must have exactly one subclass of substratools.Opener (substratools' "
            "InvalidInterfaceError), found %d%s." % (path, len(found), (": " + ", ".join(c.__name__ for c in found)) if found else ""),
        )
    return found[0]()


class Writer:
    """Writes the value's files into the output folder and returns its manifest node."""

    def __init__(self, folder, np, pd):
        self.folder = folder
        self.np = np
        self.pd = pd
        self.count = 0

    def file(self, extension):
        name = "%d%s" % (self.count, extension)
        self.count += 1
        return name, os.path.join(self.folder, name)

    def encode(self, value, where, depth=0):
        np, pd = self.np, self.pd
        if depth > MAX_DEPTH:
            raise Unsupported("%s is nested more than %d levels deep" % (where, MAX_DEPTH), type_name(value))
        if pd is not None and isinstance(value, pd.DataFrame):
            return self.frame(value, where)
        if pd is not None and isinstance(value, pd.Series):
            node = self.values(self.series_values(value, where), list(value.shape), where)
            node.update(kind="array", type=type_name(value), name=None if value.name is None else str(value.name))
            return node
        if isinstance(value, np.ndarray):
            node = self.values(self.array_values(value, where), list(value.shape), where)
            node.update(kind="array", type=type_name(value), name=None)
            return node
        if isinstance(value, (list, tuple)):
            if value and all(isinstance(item, (str, os.PathLike)) for item in value):
                return {"kind": "paths", "type": type_name(value), "items": [os.fspath(item) for item in value]}
            items = [self.encode(item, "%s[%d]" % (where, i), depth + 1) for i, item in enumerate(value)]
            return {"kind": "sequence", "type": type_name(value), "items": items}
        if isinstance(value, dict):
            entries = []
            for key, item in value.items():
                if not isinstance(key, str):
                    raise Unsupported("%s has the key %r (%s): dict keys must be str" % (where, key, type_name(key)), type_name(value))
                entries.append({"key": key, "value": self.encode(item, "%s[%r]" % (where, key), depth + 1)})
            return {"kind": "mapping", "type": type_name(value), "items": entries}
        raise Unsupported("%s is a %s; supported: %s" % (where, type_name(value), SUPPORTED), type_name(value))

    def frame(self, frame, where):
        pd = self.pd
        index = "dropped"
        if not isinstance(frame.index, pd.RangeIndex):
            frame = frame.reset_index()
            index = "kept"
        if isinstance(frame.columns, pd.MultiIndex):
            raise Unsupported("%s has MultiIndex columns: flatten them to one level of names" % where, type_name(frame))
        names = [str(name) for name in frame.columns]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise Unsupported("%s has several columns named %s: column names must be unique" % (where, ", ".join(repr(d) for d in duplicates)), type_name(frame))
        columns = []
        for position, name in enumerate(names):
            column_where = "%s column %r" % (where, name)
            node = self.values(self.series_values(frame.iloc[:, position], column_where), [len(frame)], column_where)
            node["name"] = name
            columns.append(node)
        return {"kind": "dataframe", "type": type_name(frame), "rows": len(frame), "index": index, "columns": columns}

    def values(self, encoded, shape, where):
        np = self.np
        dtype, source, data, missing, timezone = encoded
        node = {"dtype": dtype, "source_dtype": source, "shape": shape, "timezone": timezone}
        if dtype == "string":
            name, path = self.file(".json")
            with open(path, "w", encoding="utf-8") as file:
                json.dump(data, file, ensure_ascii=False)
        else:
            name, path = self.file(".npy")
            little = {"float64": "<f8", "float32": "<f4", "int64": "<i8", "bool": "|b1", "datetime": "<i8"}[dtype]
            np.save(path, np.ascontiguousarray(data, dtype=little), allow_pickle=False)
        node["data"] = name
        node["missing"] = None
        if missing is not None:
            name, path = self.file(".npy")
            np.save(path, np.ascontiguousarray(missing, dtype="|b1"), allow_pickle=False)
            node["missing"] = name
        return node

    def series_values(self, series, where):
        """(dtype, source dtype, values, missing mask or None, timezone) of a pandas Series."""
        np, pd = self.np, self.pd
        dtype = series.dtype
        source = str(dtype)
        missing = series.isna().to_numpy(dtype=bool)
        has_missing = bool(missing.any())
        if isinstance(dtype, pd.CategoricalDtype):
            series = series.astype(object)
            dtype = series.dtype
        if pd.api.types.is_bool_dtype(dtype):
            return "bool", source, series.to_numpy(dtype=np.bool_, na_value=False), missing if has_missing else None, None
        if pd.api.types.is_integer_dtype(dtype):
            if str(dtype).lower() == "uint64" and len(series) and series.max() > np.iinfo(np.int64).max:
                raise Unsupported("%s (uint64) has values above the int64 range" % where, source)
            return "int64", source, series.to_numpy(dtype=np.int64, na_value=0), missing if has_missing else None, None
        if pd.api.types.is_float_dtype(dtype):
            numpy_dtype = np.dtype(getattr(dtype, "numpy_dtype", dtype))
            target = np.float32 if numpy_dtype.itemsize <= 4 else np.float64
            return ("float32" if target is np.float32 else "float64"), source, series.to_numpy(dtype=target, na_value=np.nan), None, None
        if pd.api.types.is_datetime64_any_dtype(dtype):
            timezone = None
            if getattr(dtype, "tz", None) is not None:
                series = series.dt.tz_convert("UTC").dt.tz_localize(None)
                timezone = "UTC"
            values = series.to_numpy(dtype="datetime64[ns]").view(np.int64)
            return "datetime", source, values, missing if has_missing else None, timezone
        if dtype == object or pd.api.types.is_string_dtype(dtype):
            return self.object_values(series.to_numpy(dtype=object), missing, source, where)
        raise Unsupported(
            "%s has the dtype %s; supported: numbers, booleans, strings, datetimes, categories, and their nullable versions" % (where, source),
            source,
        )

    def array_values(self, array, where):
        np = self.np
        kind = array.dtype.kind
        source = str(array.dtype)
        if kind == "b":
            return "bool", source, array, None, None
        if kind in "iu":
            if kind == "u" and array.dtype.itemsize == 8 and array.size and array.max() > np.iinfo(np.int64).max:
                raise Unsupported("%s (uint64) has values above the int64 range" % where, source)
            return "int64", source, array, None, None
        if kind == "f":
            return ("float32", source, array, None, None) if array.dtype.itemsize <= 4 else ("float64", source, array, None, None)
        if kind == "M":
            missing = np.isnat(array)
            values = array.astype("datetime64[ns]").view(np.int64)
            return "datetime", source, values, missing if missing.any() else None, None
        if kind == "U":
            return "string", source, [str(item) for item in array.reshape(-1).tolist()], None, None
        if kind == "O":
            flat = array.reshape(-1)
            missing = np.array([is_missing(item) for item in flat], dtype=bool)
            return self.object_values(flat, missing, source, where)
        raise Unsupported(
            "%s has the dtype %s; supported: bool, integers, floats, datetime64, str and object arrays of str or numbers" % (where, source),
            source,
        )

    def object_values(self, flat, missing, source, where):
        np = self.np
        present = [item for item, gone in zip(flat, missing) if not gone]
        if all(isinstance(item, str) for item in present):
            return "string", source, [None if gone else item for item, gone in zip(flat, missing)], None, None
        if all(isinstance(item, (bool, np.bool_)) for item in present):
            values = np.array([False if gone else bool(item) for item, gone in zip(flat, missing)], dtype=np.bool_)
            return "bool", source, values, missing if missing.any() else None, None
        if all(isinstance(item, numbers.Integral) and not isinstance(item, (bool, np.bool_)) for item in present):
            values = np.array([0 if gone else int(item) for item, gone in zip(flat, missing)], dtype=np.int64)
            return "int64", source, values, missing if missing.any() else None, None
        if all(isinstance(item, numbers.Real) and not isinstance(item, (bool, np.bool_)) for item in present):
            values = np.array([math.nan if gone else float(item) for item, gone in zip(flat, missing)], dtype=np.float64)
            return "float64", source, values, None, None
        found = sorted({type_name(item) for item in present})
        raise Unsupported(
            "%s holds values of the types %s; an object column or array must hold only str, only bool, or only numbers (and missing values)"
            % (where, ", ".join(found[:6])),
            source,
        )


def is_missing(item):
    if item is None:
        return True
    if isinstance(item, float) and math.isnan(item):
        return True
    # pandas.NA and NaT are missing too, without importing pandas here.
    return type(item).__name__ in ("NAType", "NaTType")


def write_json(folder, name, content):
    temporary = os.path.join(folder, name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as file:
        json.dump(content, file, ensure_ascii=False)
    os.replace(temporary, os.path.join(folder, name))


def missing_module(error):
    """The module an ImportError says is missing when it is one the bridge needs (numpy, pandas), else None."""
    name = getattr(error, "name", None) or ""
    root = name.split(".")[0]
    return root if root in ("numpy", "pandas") else None


def run(argv):
    options = parse_arguments(argv)
    output = options["--output"]
    if "--parent-pid" in options:
        watch_parent(int(options["--parent-pid"]))
    try:
        import numpy as np
    except ImportError as error:
        raise BridgeError("missing-module", "numpy cannot be imported: %s" % error, module="numpy")
    try:
        import pandas as pd
    except ImportError:
        pd = None

    phase = "load"
    try:
        opener = load_opener(options["--opener"])
        if "--fake-data" in options:
            phase = "fake_data"
            data = opener.fake_data(int(options["--fake-data"]))
        else:
            phase = "get_data"
            with open(options["--folders-file"], encoding="utf-8") as file:
                folders = json.load(file)
            data = opener.get_data(folders)
    except BridgeError:
        raise
    except BaseException as error:  # noqa: B036 - whatever the opener raises is reported, SystemExit included
        traceback.print_exc()
        if isinstance(error, ImportError) and missing_module(error):
            raise BridgeError("missing-module", "%s cannot be imported: %s" % (missing_module(error), error), module=missing_module(error))
        where = "loading the opener module" if phase == "load" else phase
        raise BridgeError(
            "opener-raised",
            "%s: %s" % (type_name(error), error),
            python_type=type_name(error),
            phase=where,
            module_not_found=getattr(error, "name", None) if isinstance(error, ImportError) else None,
        )

    node = Writer(output, np, pd).encode(data, "the result")
    write_json(output, "manifest.json", {"format": FORMAT, "version": VERSION, "value": node})


def main(argv):
    output = None
    if "--output" in argv:
        position = argv.index("--output")
        output = argv[position + 1] if position + 1 < len(argv) else None
    try:
        run(argv)
        return 0
    except BridgeError as error:
        content = {"kind": error.kind, "message": str(error)}
        content.update(error.details)
        if output and os.path.isdir(output):
            write_json(output, "error.json", content)
        print("substra-bridge: %s: %s" % (error.kind, error), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
