using System.Text;
using System.Text.Json;
using Substra.Sdk.Backends;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Local.Tests.Platform;

/// <summary>The journal's encoding of registered tasks: what is written is read back whole, in batches, and older batches still read.</summary>
public sealed class TaskBatchFormatTests
{
    private static readonly Permission Everyone = new() { Public = true, AuthorizedIds = [] };

    private static readonly Function TrainFunction = new()
    {
        Key = "f1", Name = "train", Owner = "MyOrg1MSP", Permissions = new AssetPermissions { Process = Everyone },
        CreationDate = DateTimeOffset.UnixEpoch, Status = FunctionStatus.Ready,
        Description = new AssetFile { Checksum = "c", StorageAddress = "d" }, Archive = new AssetFile { Checksum = "c", StorageAddress = "a" },
    };

    [Fact]
    public void A_plan_written_in_several_batches_reads_back_every_task_with_parents_inside_and_outside_its_batch()
    {
        var plan = new PlanEntry(new ComputePlan { Key = "p", Name = "p", Owner = "MyOrg1MSP", Status = ComputePlanStatus.Created, CreationDate = DateTimeOffset.UnixEpoch });
        var outputs = new Dictionary<string, ComputeTaskOutput> { ["model"] = new() { Permissions = new AssetPermissions { Process = Everyone } } };
        var earlier = Guid.NewGuid().ToString();
        var tasks = new List<TaskEntry>();
        var count = (2 * TaskBatchFormat.MaxTasksPerBatch) + 7;
        var created = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.FromHours(2));
        for (var i = 0; i < count; i++)
        {
            var inputs = new List<InputRef> { InputRef.FromAsset("opener", "dataset-" + (i % 3)) };
            // The previous task (in the same batch but at a batch's first task), one a batch back, and a task registered earlier.
            inputs.Add(InputRef.FromParentTask("models", i == 0 ? earlier : tasks[i - 1].Key, "model"));
            if (i >= TaskBatchFormat.MaxTasksPerBatch)
            {
                inputs.Add(InputRef.FromParentTask("models", tasks[i - TaskBatchFormat.MaxTasksPerBatch].Key, "model"));
            }

            tasks.Add(new TaskEntry
            {
                Key = Guid.NewGuid().ToString(), Function = TrainFunction, Owner = "MyOrg1MSP", Plan = plan,
                Metadata = new Dictionary<string, string> { ["round"] = (i / 10).ToString(System.Globalization.CultureInfo.InvariantCulture) },
                Status = ComputeTaskStatus.WaitingForParentTasks, Worker = "MyOrg" + (1 + (i % 2)) + "MSP", Rank = i, Tag = i % 5 == 0 ? "five" : "",
                CreationDate = created, Inputs = [.. inputs], Outputs = outputs,
                BackendType = i % 2 == 0 ? BackendType.LocalSubprocess : BackendType.LocalDocker,
            });
        }

        var read = new List<StoredTask>();
        using var buffer = new PooledBufferWriter(16);
        using var writer = new Utf8JsonWriter(buffer);
        for (var start = 0; start < count; start += TaskBatchFormat.MaxTasksPerBatch)
        {
            buffer.Clear();
            TaskBatchFormat.Write(tasks, start, Math.Min(TaskBatchFormat.MaxTasksPerBatch, count - start), writer, buffer);
            read.AddRange(TaskBatchFormat.Read(buffer.WrittenSpan));
        }

        Assert.Equal(count, read.Count);
        for (var i = 0; i < count; i++)
        {
            var (expected, actual) = (tasks[i], read[i]);
            Assert.Equal(expected.Key, actual.Key);
            Assert.Equal(expected.Function.Key, actual.FunctionKey);
            Assert.Equal(expected.Worker, actual.Worker);
            Assert.Equal(expected.Rank, actual.Rank);
            Assert.Equal(expected.Tag, actual.Tag);
            Assert.Equal(expected.CreationDate, actual.CreationDate);
            Assert.Equal(expected.CreationDate.Offset, actual.CreationDate.Offset);
            Assert.Equal(expected.Metadata, actual.Metadata);
            Assert.Equal(tasks[i].BackendType, actual.BackendType);
            Assert.Equal(["model"], actual.Outputs.Keys);
            Assert.Equal(expected.Inputs, actual.Inputs);
        }
    }

    [Fact]
    public void A_batch_written_by_an_earlier_version_still_reads()
    {
        // Inputs as the first journal format wrote them: identifier, then asset key and null, or parent key and output.
        const string batch = """
            {"tasks":[["11111111-1111-1111-1111-111111111111",0,1,1,0,2,638000000000000000,60,0,0,0,"opener","dataset-1",null],
                      ["22222222-2222-2222-2222-222222222222",0,1,1,1,2,638000000000000000,60,0,0,0,"opener","dataset-1",null,"models","11111111-1111-1111-1111-111111111111","model"]],
             "outputs":[{}],"metadata":[{"round":"0"}],"strings":["f1","MyOrg1MSP",""]}
            """;

        var read = TaskBatchFormat.Read(Encoding.UTF8.GetBytes(batch));

        Assert.Equal(2, read.Count);
        Assert.Equal([InputRef.FromAsset("opener", "dataset-1")], read[0].Inputs);
        Assert.Equal([InputRef.FromAsset("opener", "dataset-1"), InputRef.FromParentTask("models", "11111111-1111-1111-1111-111111111111", "model")], read[1].Inputs);
        Assert.Equal("f1", read[1].FunctionKey);
        Assert.Equal(1, read[1].Rank);
        Assert.Equal("0", read[1].Metadata["round"]);
    }

    [Fact]
    public void A_damaged_batch_is_refused_with_a_clear_error()
    {
        const string batch = """{"tasks":[["11111111-1111-1111-1111-111111111111",0,0,0,0,0,638000000000000000,0,0,0,0,0,0,9]],"outputs":[{}],"metadata":[{}],"strings":["x"]}""";

        var error = Assert.Throws<InvalidDataException>(() => TaskBatchFormat.Read(Encoding.UTF8.GetBytes(batch)));
        Assert.Contains("the database is damaged", error.Message, StringComparison.Ordinal);
    }
}
