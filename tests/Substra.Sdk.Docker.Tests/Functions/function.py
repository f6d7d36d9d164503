# A substratools-compatible test function (docs/compatibility.md, Function contract) without the substratools package.
import json
import os
import socket
import sys
import time


def read_arguments(argv):
    expanded = []
    for argument in argv:
        if argument.startswith("@"):
            with open(argument[1:]) as handle:
                expanded.extend(handle.read().splitlines())
        else:
            expanded.append(argument)
    options, index = {}, 0
    while index < len(expanded):
        key = expanded[index]
        if key == "--fake-data":
            options[key] = True
            index += 1
        else:
            if key in options:
                sys.exit(f"argument {key} given twice")
            options[key] = expanded[index + 1]
            index += 2
    return options


options = read_arguments(sys.argv[1:])
name = options["--function-name"]
inputs = json.loads(options.get("--inputs", "[]"))
outputs = json.loads(options.get("--outputs", "[]"))
rank = json.loads(options.get("--task-properties", "{}")).get("rank")


def values(resources, identifier):
    return [r["value"] for r in resources if r["id"] == identifier]


print(f"function {name} started", flush=True)

if name == "train":
    previous = "".join(open(p).read() for p in values(inputs, "model"))
    samples = []
    for folder in values(inputs, "datasamples"):
        for file in sorted(os.listdir(folder)):
            samples.append(open(os.path.join(folder, file)).read().strip())
    print("training on " + ",".join(samples), flush=True)
    print("a line on stderr", file=sys.stderr, flush=True)
    with open(values(outputs, "model")[0], "w") as out:
        out.write(f"{previous}[{'+'.join(samples)}|rank={rank}|uid={os.getuid()}]")
elif name == "write_input":
    with open(values(inputs, "model")[0], "a") as model:
        model.write("tampered")
elif name == "write_sample":
    folder = values(inputs, "datasamples")[0]
    with open(os.path.join(folder, "new-file"), "w") as new_file:
        new_file.write("tampered")
elif name == "connect":
    port = int(open(os.path.join(os.path.dirname(__file__), "port.txt")).read())
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except OSError as error:
        print(f"connection failed: {error!r}", flush=True)
        sys.exit(7)
    with open(values(outputs, "model")[0], "w") as out:
        out.write("connected")
elif name == "whoami":
    # The container's host name is its id's first 12 digits: which container ran the task.
    samples = []
    for folder in values(inputs, "datasamples"):
        for file in sorted(os.listdir(folder)):
            samples.append(open(os.path.join(folder, file)).read().strip())
    previous = "".join(open(p).read() for p in values(inputs, "model"))
    print("whoami on " + ",".join(samples), flush=True)
    with open(values(outputs, "model")[0], "w") as out:
        out.write(f"{socket.gethostname()}|{previous}|{'+'.join(samples)}")
elif name == "network":
    interfaces = sorted(os.listdir("/sys/class/net"))
    try:
        socket.create_connection(("10.0.0.1", 80), timeout=5).close()
        print("10.0.0.1: connected", flush=True)
    except OSError as error:
        print(f"10.0.0.1: {error.strerror or error!r}", flush=True)
    with open(values(outputs, "model")[0], "w") as out:
        out.write("interfaces=" + ",".join(interfaces))
elif name == "sleep":
    print("sleeping", flush=True)
    time.sleep(600)
elif name == "fail":
    print("about to fail", file=sys.stderr, flush=True)
    sys.exit(3)
else:
    sys.exit(f"unknown function {name}")
