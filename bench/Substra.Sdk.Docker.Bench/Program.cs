// Docker backend figures: first image build time and per-task overhead with a warm image (median over N tasks),
// next to the same function run as a host process; then plans of N tasks on a local platform's docker backend (chain at
// parallelism 1, fan-out at parallelism 1 and 2) next to bare `docker run --rm` of the same image and command line,
// interleaved in segments so that a drift of the machine's speed hits both sides alike.
// Usage: dotnet run -c Release --project bench/Substra.Sdk.Docker.Bench [-- N]
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Substra.Sdk.Docker;
using Substra.Sdk.Docker.Bench;
using Substra.Sdk.Local.Compute;

var taskCount = args.Length > 0 ? int.Parse(args[0]) : 50;
var root = Path.Combine(Path.GetTempPath(), "substra-docker-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(root);
var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "function.py"));

(string Path, string Checksum) MakeArchive(string nonce)
{
    var path = Path.Combine(root, $"function-{nonce}.tar.gz");
    using (var file = File.Create(path))
    using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
    using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
    {
        void Add(string name, string content) => tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
        });
        Add("Dockerfile", "FROM substra-python:3.11\nCOPY . /app\nWORKDIR /app\nENTRYPOINT [\"python3\", \"function.py\", \"--function-name\", \"train\"]\n");
        Add("function.py", script);
        Add("nonce.txt", nonce);
    }

    using var stream = File.OpenRead(path);
    return (path, Convert.ToHexStringLower(SHA256.HashData(stream)));
}

SpawnRequest NewTask(string archivePath, string checksum)
{
    var key = Guid.NewGuid().ToString();
    var directory = Path.Combine(root, "local-worker", key);
    foreach (var folder in new[] { "inputs", "outputs", "cli-args" }) Directory.CreateDirectory(Path.Combine(directory, folder));
    return new SpawnRequest(key, archivePath, checksum, directory,
        ["--task-properties", "{\"rank\": 0}", "--inputs", "[]",
         "--outputs", $"[{{\"id\": \"model\", \"value\": \"{SpawnRequest.OutputsVolume}/{Guid.NewGuid()}\", \"multiple\": false}}]",
         "--log-level", "warning"],
        new Dictionary<string, string>(), TextWriter.Null, null);
}

static double Median(List<double> values)
{
    values.Sort();
    return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
}

await using var spawner = new DockerSpawner();
var archive = MakeArchive(Guid.NewGuid().ToString("N"));
try
{
    var build = Stopwatch.StartNew();
    await spawner.EnsureImageAsync(archive.Path, archive.Checksum, CancellationToken.None);
    Console.WriteLine($"first image build (python function, FROM substra-python:3.11): {build.Elapsed.TotalMilliseconds:F0} ms");

    await spawner.SpawnAsync(NewTask(archive.Path, archive.Checksum), CancellationToken.None); // warm-up
    var docker = new List<double>();
    for (var i = 0; i < taskCount; i++)
    {
        var task = NewTask(archive.Path, archive.Checksum);
        var watch = Stopwatch.StartNew();
        await spawner.SpawnAsync(task, CancellationToken.None);
        docker.Add(watch.Elapsed.TotalMilliseconds);
    }

    // The same function as a host process: what is left is the container's cost.
    var host = new List<double>();
    var scriptPath = Path.Combine(root, "function.py");
    File.WriteAllText(scriptPath, script);
    for (var i = 0; i < taskCount; i++)
    {
        var outputs = Path.Combine(root, "host-out");
        Directory.CreateDirectory(outputs);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3",
            [scriptPath, "--function-name", "train", "--outputs", $"[{{\"id\": \"model\", \"value\": \"{outputs}/{i}\", \"multiple\": false}}]"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        host.Add(watch.Elapsed.TotalMilliseconds);
    }

    var dockerMedian = Median(docker);
    var hostMedian = Median(host);
    Console.WriteLine($"docker task, warm image: median {dockerMedian:F0} ms over {taskCount} tasks (min {docker.Min():F0}, max {docker.Max():F0})");
    Console.WriteLine($"same function as a host process: median {hostMedian:F0} ms over {taskCount} runs");
    Console.WriteLine($"per-task container overhead (median difference): {dockerMedian - hostMedian:F0} ms");
    Console.WriteLine($"builds run by the spawner: {spawner.BuildCount}");

    await PlansAsync(Path.Combine(root, "plans"), taskCount);
}
finally
{
    await DockerCleanup.RemoveLeftoversAsync(includeImages: false);
    using var rmi = Process.Start(new ProcessStartInfo("docker", ["rmi", "-f", DockerSpawner.ImageTag(archive.Checksum)]) { RedirectStandardOutput = true });
    await rmi!.StandardOutput.ReadToEndAsync();
    await rmi.WaitForExitAsync();
    Directory.Delete(root, recursive: true);
}

// Goals: a chain task at parallelism 1 costs at most a bare `docker run --rm --network none` + 30 ms; a fan-out task at
// parallelism 2 at most 0.8x one at parallelism 1.
static async Task PlansAsync(string root, int taskCount)
{
    var (archive, image) = PlanBench.MakeArchive(Path.Combine(root, "function"));
    var captured = Path.Combine(root, "captured-task");
    try
    {
        await using var one = await PlanBench.OpenAsync(Path.Combine(root, "parallelism-1"), archive, 1, captured);
        await using var two = await PlanBench.OpenAsync(Path.Combine(root, "parallelism-2"), archive, 2, capture: null);
        await using var onDemand = await PlanBench.OpenAsync(Path.Combine(root, "on-demand"), archive, 1, capture: null, prepareAhead: false);
        var bare = new BareDockerRun(image, captured);
        var segments = taskCount >= 40 ? 4 : 1;
        var perSegment = taskCount / segments;
        var bareRuns = Math.Max(3, perSegment / 3);
        double chain = 0, chainOnDemand = 0, fanOut1 = 0, fanOut2 = 0, bareNone = 0, bareDefault = 0;
        for (var segment = 0; segment < segments; segment++)
        {
            bareNone += await bare.MillisecondsPerRunAsync(bareRuns, networkNone: true) / (segments + 1);
            chain += await one.MillisecondsPerTaskAsync("chain", perSegment) / segments;
            bareDefault += await bare.MillisecondsPerRunAsync(bareRuns, networkNone: false) / (segments + 1);
            chainOnDemand += await onDemand.MillisecondsPerTaskAsync("chain", perSegment) / segments;
            fanOut1 += await one.MillisecondsPerTaskAsync("fan-out", perSegment) / segments;
            fanOut2 += await two.MillisecondsPerTaskAsync("fan-out", perSegment) / segments;
        }

        bareNone += await bare.MillisecondsPerRunAsync(bareRuns, networkNone: true) / (segments + 1);
        bareDefault += await bare.MillisecondsPerRunAsync(bareRuns, networkNone: false) / (segments + 1);
        var bareTotal = (segments + 1) * bareRuns;
        Console.WriteLine($"docker plans: {segments * perSegment} tasks per plan shape in {segments} segment(s), interleaved with {bareTotal} bare runs of each kind " +
            $"(python copy function, image {image[..21]}…)");
        Console.WriteLine($"docker plan, chain, parallelism 1: {chain:F1} ms per task");
        Console.WriteLine($"docker plan, chain, parallelism 1, every container created when its task starts: {chainOnDemand:F1} ms per task");
        Console.WriteLine($"docker plan, fan-out, parallelism 1: {fanOut1:F1} ms per task");
        Console.WriteLine($"docker plan, fan-out, parallelism 2: {fanOut2:F1} ms per task");
        Console.WriteLine($"bare docker run --rm --network none, same image and command line: {bareNone:F1} ms per run");
        Console.WriteLine($"bare docker run --rm on the default network (as the reference's docker mode runs): {bareDefault:F1} ms per run");
        var difference = chain - bareNone;
        Console.WriteLine($"goal chain parallelism 1 <= bare --network none + 30 ms: {chain:F1} - {bareNone:F1} = {difference:+0.0;-0.0} ms, {(difference <= 30 ? "met" : "missed")}");
        var ratio = fanOut2 / fanOut1;
        Console.WriteLine($"goal fan-out parallelism 2 <= 0.8x parallelism 1: {fanOut2:F1} / {fanOut1:F1} = {ratio:F2}, {(ratio <= 0.8 ? "met" : "missed")}");
    }
    finally
    {
        using var rmi = Process.Start(new ProcessStartInfo("docker", ["rmi", "-f", image]) { RedirectStandardOutput = true });
        await rmi!.StandardOutput.ReadToEndAsync();
        await rmi.WaitForExitAsync();
    }
}
