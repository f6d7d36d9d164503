#!/usr/bin/env python3
"""A substratools-compatible function script (stdlib only).

It honours the task contract of docs/compatibility.md (Function contract) with the same functions, schemas and messages as the
.NET fixture app (tests/fixtures/Substra.Tools.Fixture.Functions), so that the runtime tests run the same conformance
cases against both and prove that the contract is language-neutral. The command line is parsed by Python's own
argparse, configured as substratools configures it.
"""
import abc
import argparse
import importlib.machinery
import inspect
import json
import logging
import os
import sys
import traceback
import types

OPENER, DATASAMPLES, CHAINKEYS = "opener", "datasamples", "chainkeys"


class _Opener(abc.ABC):
    """Stand-in for substratools.Opener, so that openers written for substratools import unchanged."""

    @abc.abstractmethod
    def get_data(self, folders):
        raise NotImplementedError

    @abc.abstractmethod
    def fake_data(self, n_samples=None):
        raise NotImplementedError


_substratools = types.ModuleType("substratools")
_substratools.Opener = _Opener
sys.modules["substratools"] = _substratools


class TaskError(Exception):
    """A failure with a one-line reason; exit code 1."""


class InvalidCLIError(Exception):
    """An invalid --inputs/--outputs/--task-properties; exit code 2, like argparse's errors."""


def _type_name(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (int, float)):
        return "number"
    return "null"


def parse_resources(text, argument):
    try:
        values = json.loads(text.replace("\\", "/"))
    except json.JSONDecodeError as error:
        raise InvalidCLIError(f"invalid {argument}: the value is not valid JSON ({error})")
    if not isinstance(values, list):
        raise InvalidCLIError(
            f'invalid {argument}: expected a JSON list of {{"id", "value", "multiple"}} objects, got {_type_name(values)}'
        )
    resources = []
    for index, item in enumerate(values):
        if not isinstance(item, dict):
            raise InvalidCLIError(
                f"invalid {argument}: item {index} must be an object with the keys id, value, multiple, got {_type_name(item)}"
            )
        if set(item) != {"id", "value", "multiple"} or len(item) != 3:
            given = ", ".join(item) if item else "no keys"
            raise InvalidCLIError(
                f"invalid {argument}: item {index} must have exactly the keys id, value, multiple, got {given}"
            )
        for key, expected, name in (("id", str, "a string"), ("value", str, "a string"), ("multiple", bool, "a boolean")):
            if not isinstance(item[key], expected):
                raise InvalidCLIError(f'invalid {argument}: item {index}: "{key}" must be {name}, got {_type_name(item[key])}')
        resources.append((item["id"], item["value"], item["multiple"]))
    groups = {}
    for resource in resources:
        groups.setdefault(resource[0], []).append(resource)
    for identifier, group in groups.items():
        flags = {multiple for _, _, multiple in group}
        if len(flags) > 1:
            raise InvalidCLIError(
                f"invalid {argument}: the id '{identifier}' is given both with multiple true and multiple false"
            )
        if len(group) > 1 and not group[0][2]:
            raise InvalidCLIError(f"invalid {argument}: the id '{identifier}' is given {len(group)} times but is not multiple")
    return resources


def parse_task_properties(text):
    try:
        properties = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidCLIError(f"invalid --task-properties: the value is not valid JSON ({error})")
    if not isinstance(properties, dict):
        raise InvalidCLIError(
            f'invalid --task-properties: expected a JSON object such as {{"rank": 0}}, got {_type_name(properties)}'
        )
    rank = properties.get("rank", 0)
    if isinstance(rank, bool) or not isinstance(rank, int):
        raise InvalidCLIError(f'invalid --task-properties: "rank" must be an integer, got {json.dumps(properties["rank"])}')
    return {**properties, "rank": rank}


# --- the functions: the same names, schemas and behaviour as the .NET fixture app ---------------------------------

def train(inputs, outputs, task_properties):
    data = inputs[DATASAMPLES]
    init = None
    if inputs.get("init") is not None:
        with open(inputs["init"]) as file:
            init = file.read()
    result = {"rank": task_properties["rank"], "samples": len(data["x"]), "sum_x": sum(data["x"]),
              "sum_y": sum(data["y"]), "init": init}
    with open(outputs["shared"], "w") as file:
        json.dump(result, file)


def copy(inputs, outputs, task_properties):
    logging.getLogger("contract_function").info("copy: hello from a Python function")
    with open(inputs["model"], "rb") as source, open(outputs["model"], "wb") as target:
        target.write(source.read())


def aggregate(inputs, outputs, task_properties):
    with open(outputs["model"], "wb") as target:
        for path in inputs["models"]:
            with open(path, "rb") as source:
                target.write(source.read())


def score(inputs, outputs, task_properties):
    with open(inputs["model"]) as file:
        value = float(file.read().strip())
    with open(outputs["performance"], "w") as file:
        json.dump({"all": value}, file)


def forget(inputs, outputs, task_properties):
    logging.getLogger("contract_function").warning("forget: not writing %s", outputs["model"])


def fail(inputs, outputs, task_properties):
    raise RuntimeError("boom")


def _model(identifier, multiple=False, optional=False):
    return {"identifier": identifier, "kind": "ASSET_MODEL", "multiple": multiple, "optional": optional}


_DATA = [{"identifier": OPENER, "kind": "ASSET_DATA_MANAGER", "multiple": False, "optional": False},
         {"identifier": DATASAMPLES, "kind": "ASSET_DATA_SAMPLE", "multiple": True, "optional": False}]

FUNCTIONS = {
    "aggregate": (aggregate, [_model("models", multiple=True)], ["model"]),
    "copy": (copy, [_model("model")], ["model"]),
    "fail": (fail, [], []),
    "forget": (forget, [_model("model")], ["model"]),
    "score": (score, [_model("model")], ["performance"]),
    "train": (train, _DATA + [_model("init", optional=True)], ["shared"]),
}


# --- the runtime -------------------------------------------------------------------------------------------------

def bind(name, declared_inputs, declared_outputs, inputs, outputs, fake_data):
    declared = {item["identifier"]: item for item in declared_inputs}
    given = {}
    for identifier, value, multiple in inputs:
        given.setdefault(identifier, []).append((value, multiple))
    for identifier, values in given.items():
        if identifier == CHAINKEYS:
            continue
        if identifier not in declared:
            names = ", ".join(declared) or "none"
            raise TaskError(f"The input '{identifier}' is not declared by the function '{name}' (declared inputs: {names}).")
        if declared[identifier]["multiple"] != values[0][1]:
            if declared[identifier]["multiple"]:
                raise TaskError(f"The input '{identifier}' of the function '{name}' is multiple, but is given with \"multiple\": false.")
            raise TaskError(f"The input '{identifier}' of the function '{name}' is not multiple, but is given with \"multiple\": true.")
    for identifier, item in declared.items():
        exempt = item["optional"] or (identifier == DATASAMPLES and fake_data)
        if not exempt and identifier not in given:
            raise TaskError(f"The input '{identifier}' of the function '{name}' is missing from --inputs; it is not optional.")
    bound_outputs = {}
    for identifier, value, multiple in outputs:
        if identifier not in declared_outputs:
            names = ", ".join(declared_outputs) or "none"
            raise TaskError(f"The output '{identifier}' is not declared by the function '{name}' (declared outputs: {names}).")
        if multiple:
            raise TaskError(f"The output '{identifier}' is given with \"multiple\": true; multiple outputs are not supported.")
        bound_outputs[identifier] = value
    for identifier in declared_outputs:
        if identifier not in bound_outputs:
            raise TaskError(f"The output '{identifier}' of the function '{name}' is missing from --outputs.")
    return given, bound_outputs


def load_opener(path):
    """Imports the file as module `opener`; exactly one class may subclass substratools.Opener (section 6)."""
    if not os.path.isfile(path):
        raise TaskError(f"The opener file '{path}' does not exist.")
    try:
        module = importlib.machinery.SourceFileLoader("opener", path).load_module()
    except Exception as error:  # a .NET artifact is a zip: not Python source
        raise TaskError(f"The opener '{path}' cannot be imported as a Python module: {type(error).__name__}: {error}")
    members = [member for _, member in inspect.getmembers(module) if inspect.isclass(member) or inspect.isfunction(member)]
    if not members:
        raise TaskError(f"The opener '{path}' defines no class or function (EmptyInterfaceError).")
    classes = [member for member in members if inspect.isclass(member) and issubclass(member, _Opener) and member is not _Opener]
    if len(classes) != 1:
        raise TaskError(
            f"The opener '{path}' must define exactly one substratools.Opener subclass, found {len(classes)} (InvalidInterfaceError)."
        )
    return classes[0]()


def check_outputs(outputs):
    for identifier, path in outputs.items():
        if os.path.isdir(path):
            raise TaskError(f"Expected output file at {path}, found dir for output `{identifier}`")
        if not os.path.isfile(path):
            raise TaskError(f"Output file {path} used to save argument `{identifier}` does not exists.")


def build_parser():
    parser = argparse.ArgumentParser(fromfile_prefix_chars="@")
    parser.add_argument("--function-name", type=str)
    parser.add_argument("-r", "--task-properties", type=str, default="{}")
    parser.add_argument("-d", "--fake-data", action="store_true", default=False)
    parser.add_argument("--n-fake-samples", default=None, type=int)
    parser.add_argument("--log-path", default=None)
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error", "critical"])
    parser.add_argument("--inputs", type=str, default="[]")
    parser.add_argument("--outputs", type=str, default="[]")
    return parser


def run(args):
    known = ", ".join(sorted(FUNCTIONS))
    if args.function_name is None:
        raise TaskError(f"No --function-name given. Known functions: {known}.")
    if args.function_name not in FUNCTIONS:
        raise TaskError(f"Function '{args.function_name}' not found. Known functions: {known}.")
    function, declared_inputs, declared_outputs = FUNCTIONS[args.function_name]
    given, outputs = bind(args.function_name, declared_inputs, declared_outputs, args.inputs, args.outputs, args.fake_data)
    inputs = {identifier: [value for value, _ in values] if values[0][1] else values[0][0]
              for identifier, values in given.items() if identifier not in (OPENER, DATASAMPLES, CHAINKEYS)}
    if OPENER in given:
        opener = load_opener(given[OPENER][0][0])
        if args.fake_data:
            if args.n_fake_samples is None:
                raise TaskError("--fake-data needs --n-fake-samples: the opener makes that many fake samples.")
            inputs[DATASAMPLES] = opener.fake_data(n_samples=args.n_fake_samples)
        else:
            inputs[DATASAMPLES] = opener.get_data([value for value, _ in given.get(DATASAMPLES, [])])
    function(inputs, outputs, args.task_properties)
    check_outputs(outputs)


def main():
    args = build_parser().parse_args(sys.argv[1:])  # argparse errors exit 2 by themselves
    levels = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR,
              "critical": logging.CRITICAL}
    formatter = logging.Formatter("%(asctime)s - %(name)s - %(levelname)s - %(message)s")
    root = logging.getLogger()
    root.setLevel(levels[args.log_level])
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(formatter)
    root.addHandler(stderr)
    log_file = None
    if args.log_path:
        os.makedirs(os.path.dirname(os.path.abspath(args.log_path)), exist_ok=True)
        log_file = open(args.log_path, "a")

    def fail_with(reason, code):
        reason = " ".join(str(reason).split("\n")).strip()
        print("error: " + reason, file=sys.stderr)
        if log_file:
            log_file.write(f"substratools - CRITICAL - {reason}\n{traceback.format_exc()}")
            log_file.close()
        return code

    if log_file:
        file_handler = logging.StreamHandler(log_file)
        file_handler.setFormatter(formatter)
        root.addHandler(file_handler)
    try:
        args.task_properties = parse_task_properties(args.task_properties)
        args.inputs = parse_resources(args.inputs, "--inputs")
        args.outputs = parse_resources(args.outputs, "--outputs")
    except InvalidCLIError as error:
        return fail_with(error, 2)
    try:
        run(args)
    except TaskError as error:
        return fail_with(error, 1)
    except Exception as error:
        return fail_with(f"{type(error).__name__}: {error}", 1)
    if log_file:
        log_file.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
