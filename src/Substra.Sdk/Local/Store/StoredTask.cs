using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Local.Store;

/// <summary>A registered task as the journal keeps it: what was registered, with the function by key.</summary>
internal sealed record StoredTask(
    string Key,
    string FunctionKey,
    string Owner,
    IReadOnlyDictionary<string, string> Metadata,
    string Worker,
    int Rank,
    string Tag,
    DateTimeOffset CreationDate,
    InputRef[] Inputs,
    IReadOnlyDictionary<string, ComputeTaskOutput> Outputs,
    BackendType BackendType);
