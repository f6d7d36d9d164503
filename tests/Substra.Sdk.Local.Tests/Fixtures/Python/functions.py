"""Test functions honouring the substratools contract. Models are JSON {"value": float}."""
import json
import os
import subprocess
import sys
import time

import minitools


def _mean(rows):
    ys = [y for _, y in rows]
    return sum(ys) / len(ys)


@minitools.register
def train(inputs, outputs, task_properties):
    # New model = previous value (0 without one) + mean of the local y's.
    previous = minitools.load_model(inputs["model"])["value"] if "model" in inputs else 0.0
    minitools.save_model({"value": previous + _mean(inputs["datasamples"])}, outputs["model"])


@minitools.register
def aggregate(inputs, outputs, task_properties):
    values = [minitools.load_model(path)["value"] for path in inputs["models"]]
    minitools.save_model({"value": sum(values) / len(values)}, outputs["model"])


@minitools.register
def evaluate(inputs, outputs, task_properties):
    # Two metrics: the absolute error of the model value against the local mean, and the sample count.
    model = minitools.load_model(inputs["model"])["value"]
    rows = inputs["datasamples"]
    minitools.save_performance(abs(model - _mean(rows)), outputs["error"])
    minitools.save_performance(float(len(rows)), outputs["count"])


@minitools.register
def dump_arguments(inputs, outputs, task_properties):
    # Copies arguments.txt (the "@file" argument) byte for byte, plus what the function saw, to the model output.
    args_file = next(a[1:] for a in sys.argv[1:] if a.startswith("@"))
    with open(args_file, "rb") as f:
        content = f.read()
    with open(next(iter(outputs.values())), "wb") as f:
        f.write(content)
    env = sorted(k for k in os.environ if k.startswith("SUBSTRA_"))
    print("ENV " + ",".join(env))
    print("CWD " + os.getcwd())
    print("ARGV0 " + sys.argv[0])


@minitools.register
def slow_train(inputs, outputs, task_properties):
    # train, after telling the test its pid (beside its output file) and taking two seconds.
    pid_file = os.path.join(os.path.dirname(outputs["model"]), "pid")
    with open(pid_file + ".tmp", "w") as f:
        f.write("%d" % os.getpid())
    os.rename(pid_file + ".tmp", pid_file)
    time.sleep(2)
    train(inputs, outputs, task_properties)


@minitools.register
def sleep_one_second(inputs, outputs, task_properties):
    time.sleep(1)
    minitools.save_model({"value": time.time()}, outputs["model"])


@minitools.register
def sleep_forever(inputs, outputs, task_properties):
    # Starts a child that would also sleep forever, and tells the test both pids next to its output file.
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    pid_file = os.path.join(os.path.dirname(outputs["model"]), "pids")
    with open(pid_file + ".tmp", "w") as f:
        f.write("%d %d" % (os.getpid(), child.pid))
    os.rename(pid_file + ".tmp", pid_file)
    print("sleeping", flush=True)
    time.sleep(600)


def _write_pids(outputs, *pids):
    # Tells the test the pids, next to the output file, atomically.
    pid_file = os.path.join(os.path.dirname(next(iter(outputs.values()))), "pids")
    with open(pid_file + ".tmp", "w") as f:
        f.write(" ".join(str(pid) for pid in pids))
    os.rename(pid_file + ".tmp", pid_file)


def _detached(command):
    # Double fork with setsid and closed stdio: the grandchild leaves the task's process group and session and is
    # re-parented to init, out of reach of a process-tree or group kill. Returns its pid.
    read_end, write_end = os.pipe()
    first = os.fork()
    if first == 0:
        os.setsid()
        second = os.fork()
        if second == 0:
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.execvp(command[0], command)
        os.write(write_end, str(second).encode())
        os._exit(0)
    os.close(write_end)
    pid = int(os.read(read_end, 32))
    os.close(read_end)
    os.waitpid(first, 0)
    return pid


@minitools.register
def detach_grandchild(inputs, outputs, task_properties):
    _write_pids(outputs, os.getpid(), _detached(["sleep", "300"]))
    minitools.save_model({"value": 1.0}, outputs["model"])


@minitools.register
def detach_and_sleep(inputs, outputs, task_properties):
    _write_pids(outputs, os.getpid(), _detached(["sleep", "300"]))
    print("sleeping", flush=True)
    time.sleep(600)


@minitools.register
def hold_pipes(inputs, outputs, task_properties):
    # A child in its own session that keeps the task's stdout and stderr open; the function exits at once.
    child = subprocess.Popen(["sleep", "300"], start_new_session=True)
    _write_pids(outputs, os.getpid(), child.pid)
    print("leaving", flush=True)
    minitools.save_model({"value": time.time()}, outputs["model"])


@minitools.register
def sleep_with_pipe_holder(inputs, outputs, task_properties):
    child = subprocess.Popen(["sleep", "300"], start_new_session=True)
    _write_pids(outputs, os.getpid(), child.pid)
    print("sleeping", flush=True)
    time.sleep(600)


@minitools.register
def hold_pipes_without_markers(inputs, outputs, task_properties):
    # A pipe holder that cleared its environment and left the group: nothing can tell it belongs to the task.
    child = subprocess.Popen(["/bin/sleep", "300"], start_new_session=True, env={})
    _write_pids(outputs, os.getpid(), child.pid)
    minitools.save_model({"value": time.time()}, outputs["model"])


@minitools.register
def wait_for_release(inputs, outputs, task_properties):
    # Runs until the test creates "release" next to the output file.
    _write_pids(outputs, os.getpid())
    release = os.path.join(os.path.dirname(outputs["model"]), "release")
    while not os.path.exists(release):
        time.sleep(0.02)
    minitools.save_model({"value": 1.0}, outputs["model"])


@minitools.register
def report_confinement(inputs, outputs, task_properties):
    # What the spawner did to this process: death signal, own process group and session, environment markers.
    import ctypes
    signal = ctypes.c_int(0)
    ctypes.CDLL(None, use_errno=True).prctl(2, ctypes.byref(signal), 0, 0, 0)  # PR_GET_PDEATHSIG
    print("PDEATHSIG %d" % signal.value)
    print("GROUP_LEADER %s" % (os.getpgid(0) == os.getpid()))
    print("SESSION_LEADER %s" % (os.getsid(0) == os.getpid()))
    print("PLATFORM %s" % os.environ.get("SUBSTRA_LOCAL_PLATFORM"))
    print("RUN %s" % os.environ.get("SUBSTRA_TASK_RUN"))
    minitools.save_model({"value": 1.0}, outputs["model"])


@minitools.register
def fail(inputs, outputs, task_properties):
    print("about to fail", flush=True)
    print("boom: this function always fails", file=sys.stderr, flush=True)
    sys.exit(3)


@minitools.register
def forget_output(inputs, outputs, task_properties):
    pass


def _raw_inputs():
    # The resources as given on the command line (minitools has replaced the opener and the samples by the data).
    args_file = next(a[1:] for a in sys.argv[1:] if a.startswith("@"))
    with open(args_file) as f:
        lines = f.read().split("\n")
    return json.loads(lines[lines.index("--inputs") + 1])


def _files(item):
    # (path, path relative to the resource) of every file of a resource: itself, or the files of its folder.
    root = item["value"]
    if not os.path.isdir(root):
        return [(root, "")]
    found = [os.path.join(folder, name) for folder, _, names in os.walk(root) for name in names]
    return sorted((path, os.path.relpath(path, root)) for path in found)


@minitools.register
def tamper_inputs(inputs, outputs, task_properties):
    # A hostile function: overwrites every input file in place (the same inode, so through a hard link or a symbolic
    # link the original would change) and reports, per input and file, what it read and "written" or the error.
    report = []
    for item in _raw_inputs():
        for path, relative in _files(item):
            with open(path, "rb") as f:
                read = f.read(64).decode(errors="replace")
            try:
                with open(path, "r+b") as f:
                    f.write(b"tampered")
                result = "written"
            except OSError as e:
                result = e.strerror
            report.append({"id": item["id"], "file": relative, "read": read, "result": result})
    minitools.save_model({"value": 0.0, "report": report}, outputs["model"])


@minitools.register
def overwrite_data_samples(inputs, outputs, task_properties):
    # Does not catch anything: the task fails when a sample file cannot be written.
    for item in _raw_inputs():
        if item["id"] == "datasamples":
            for path, _ in _files(item):
                with open(path, "w") as f:
                    f.write("tampered")
    minitools.save_model({"value": 0.0}, outputs["model"])


@minitools.register
def report_run_folder(inputs, outputs, task_properties):
    # Reports its run folder, what its inputs/ and outputs/ held when it started and the mode of outputs/, then leaves
    # litter in both (and outputs/ open to everyone) for whoever gets the folder next.
    output = next(iter(outputs.values()))
    run = os.path.dirname(os.path.dirname(output))
    seen = {
        "folder": run,
        "inputs": sorted(os.listdir(os.path.join(run, "inputs"))),
        "outputs": sorted(os.listdir(os.path.join(run, "outputs"))),
        "outputs_mode": oct(os.stat(os.path.join(run, "outputs")).st_mode & 0o777),
    }
    # As the docker spawner does for a container's user: whoever gets the folder next must not inherit it.
    os.chmod(os.path.join(run, "outputs"), 0o777)
    with open(os.path.join(run, "outputs", "litter"), "w") as f:
        f.write("left behind")
    os.makedirs(os.path.join(run, "inputs", "litter-folder"))
    with open(os.path.join(run, "inputs", "litter-folder", "file"), "w") as f:
        f.write("left behind")
    minitools.save_model({"value": 0.0, "seen": seen}, output)


@minitools.register
def booby_trap_run_folder(inputs, outputs, task_properties):
    # A hostile function: links a folder outside the workspace (the test's "outside", beside it) from inside its inputs/
    # and in place of its cli-args/ (read already), so that emptying or deleting the run folder would delete the files
    # there if it followed links; a folder whose volumes are not what the platform made must not be handed on.
    output = next(iter(outputs.values()))
    run = os.path.dirname(os.path.dirname(output))
    outside = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(run))), "outside")
    os.symlink(outside, os.path.join(run, "inputs", "escape"))
    cli_args = os.path.join(run, "cli-args")
    for name in os.listdir(cli_args):
        os.remove(os.path.join(cli_args, name))
    os.rmdir(cli_args)
    os.symlink(outside, cli_args)
    minitools.save_model({"value": 0.0, "folder": run}, output)

@minitools.register
def flood_without_newline(inputs, outputs, task_properties):
    # 2.5 MiB on one line, then a two-byte character and the line's end: the log must not buffer it whole.
    sys.stdout.flush()
    sys.stdout.buffer.write(b"x" * (5 * 512 * 1024) + "\u00e9\n".encode("utf-8"))
    sys.stdout.buffer.flush()
    minitools.save_model({"value": 0.0}, next(iter(outputs.values())))


@minitools.register
def chatter(inputs, outputs, task_properties):
    # 300 numbered lines naming this task's output, on stdout and stderr by turns, unflushed and flushed by turns.
    output = next(iter(outputs.values()))
    for i in range(300):
        stream = sys.stdout if i % 2 == 0 else sys.stderr
        print("line %d of %s" % (i, output), file=stream, flush=(i % 3 == 0))
    minitools.save_model({"value": 0.0}, output)


@minitools.register
def die_by_signal(inputs, outputs, task_properties):
    import signal
    print("about to be killed", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    minitools.execute()
