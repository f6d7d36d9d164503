"""A stdlib-only stand-in for substratools 1.0: the command line, resources and opener contract of docs/compatibility.md (Function contract)."""
import argparse
import importlib.util
import json
import os
import sys

_FUNCTIONS = {}
STATIC_IDS = ("opener", "datasamples", "chainkeys")


def register(fn):
    _FUNCTIONS[fn.__name__] = fn
    return fn


def _resources(text):
    items = json.loads(text.replace("\\", "/"))
    if not isinstance(items, list):
        raise SystemExit("invalid resources: not a list")
    grouped = {}
    for item in items:
        if set(item) != {"id", "value", "multiple"}:
            raise SystemExit("invalid resource keys: %r" % (item,))
        grouped.setdefault(item["id"], []).append(item)
    values = {}
    for identifier, group in grouped.items():
        multiple = group[0]["multiple"]
        if not multiple and len(group) > 1:
            raise SystemExit("resource %s is not multiple but has %d values" % (identifier, len(group)))
        values[identifier] = [g["value"] for g in group] if multiple else group[0]["value"]
    return values


def _load_opener(path):
    spec = importlib.util.spec_from_file_location("opener", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    classes = [c for c in vars(module).values() if isinstance(c, type) and hasattr(c, "get_data") and hasattr(c, "fake_data")]
    if len(classes) != 1:
        raise SystemExit("the opener must define exactly one opener class")
    return classes[0]()


def execute():
    parser = argparse.ArgumentParser(fromfile_prefix_chars="@")
    parser.add_argument("--function-name", required=True)
    parser.add_argument("-r", "--task-properties", default="{}")
    parser.add_argument("-d", "--fake-data", action="store_true")
    parser.add_argument("--n-fake-samples", type=int)
    parser.add_argument("--log-path")
    parser.add_argument("--log-level", default="info")
    parser.add_argument("--inputs", default="[]")
    parser.add_argument("--outputs", default="[]")
    args = parser.parse_args()
    if args.function_name not in _FUNCTIONS:
        raise SystemExit("unknown function %s" % args.function_name)
    inputs = _resources(args.inputs)
    outputs = _resources(args.outputs)
    opener_path = inputs.pop("opener", None)
    folders = inputs.pop("datasamples", None)
    inputs.pop("chainkeys", None)
    if opener_path is not None:
        opener = _load_opener(opener_path)
        inputs["datasamples"] = opener.fake_data(args.n_fake_samples) if args.fake_data else opener.get_data(folders)
    _FUNCTIONS[args.function_name](inputs, outputs, json.loads(args.task_properties))
    for identifier, path in outputs.items():
        for p in path if isinstance(path, list) else [path]:
            if not os.path.isfile(p):
                print("Output file %s does not exists." % p, file=sys.stderr)
                sys.exit(1)


def save_performance(value, path):
    with open(path, "w") as f:
        json.dump({"all": value}, f)


def load_model(path):
    with open(path) as f:
        return json.load(f)


def save_model(model, path):
    with open(path, "w") as f:
        json.dump(model, f)
