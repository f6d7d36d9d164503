using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;
using Substra.Sdk.Json;
using Substra.Sdk.Models;

namespace Substra.Sdk.Local.Store;

/// <summary>
/// Where the store's state is made durable: <c>platform.db</c> (SQLite, WAL) in the workspace, or nowhere for an
/// in-memory platform. Every call runs under the store's lock, so one connection serves them in order; each change is
/// committed before the call that made it returns. WAL with <c>synchronous=NORMAL</c> survives a killed process
/// (what a local platform meets), not a power cut.
/// </summary>
internal sealed class StoreJournal : IDisposable
{
    // 2: task batches with compact inputs (TaskBatchFormat), which version 1 cannot read; version 1 batches still read.
    private const int SchemaVersion = 2;

    private const string ReadableOlderVersion = "1";

    private const long WalBytesBeforeCheckpoint = 64L * 1024 * 1024;

    private readonly SqliteConnection? _connection;
    private SqliteTransaction? _transaction;
    private int _depth;

    private StoreJournal(SqliteConnection? connection) => _connection = connection;

    /// <summary>A journal that keeps nothing (in-memory platforms).</summary>
    public static StoreJournal None() => new(null);

    public bool IsDurable => _connection is not null;

    /// <summary>Opens (or creates) the database; an unknown schema is refused rather than misread.</summary>
    public static StoreJournal Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            // Small pages: every task's transitions commit a few rows, and a commit writes whole pages to the WAL (with
            // 64 KB pages a task wrote about 1 MB of WAL and the WAL filled in a few hundred tasks). A plan's tasks go in
            // batches of a few MB, which small pages write as fast. Databases made with larger pages keep them.
            Execute(connection, """
                PRAGMA page_size=4096;
                PRAGMA journal_mode=WAL;
                PRAGMA synchronous=NORMAL;
                PRAGMA busy_timeout=5000;
                CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS organizations(seq INTEGER PRIMARY KEY, client_name TEXT UNIQUE, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS assets(kind INTEGER NOT NULL, key TEXT NOT NULL, json BLOB NOT NULL, PRIMARY KEY(kind, key));
                CREATE TABLE IF NOT EXISTS plans(seq INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, json BLOB NOT NULL,
                    start_date INTEGER, end_date INTEGER, failed_task_key TEXT, canceled INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE IF NOT EXISTS task_batches(seq INTEGER PRIMARY KEY, plan_key TEXT NOT NULL, body BLOB NOT NULL);
                CREATE TABLE IF NOT EXISTS task_states(key TEXT PRIMARY KEY, status INTEGER NOT NULL, start_date INTEGER, end_date INTEGER,
                    error_type INTEGER, log_path TEXT);
                CREATE TABLE IF NOT EXISTS task_assets(task_key TEXT PRIMARY KEY, inputs BLOB, outputs BLOB);
                """);
            // Checkpoints (which sync the database file) when the WAL reaches about 64 MB, whatever the page size: rarely
            // in the middle of a registration; the rest happen when the platform closes.
            long pageSize;
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA page_size";
                pageSize = Convert.ToInt64(pragma.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            Execute(connection, $"PRAGMA wal_autocheckpoint={Math.Max(1, WalBytesBeforeCheckpoint / pageSize)}");
            var version = Scalar(connection, "SELECT value FROM meta WHERE name = 'schema_version'");
            if (version is null)
            {
                Execute(connection, $"INSERT INTO meta(name, value) VALUES ('schema_version', '{SchemaVersion}')");
            }
            else if (version == ReadableOlderVersion)
            {
                // Batches written from now on are version 2: an older Substra.Sdk must refuse the workspace, not misread it.
                Execute(connection, $"UPDATE meta SET value = '{SchemaVersion}' WHERE name = 'schema_version'");
            }
            else if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException(
                    $"The workspace database '{databasePath}' has schema version {version}; this version of Substra.Sdk reads versions {ReadableOlderVersion} and {SchemaVersion}. " +
                    "Open it with the version that made it, or use another workspace folder.");
            }

            return new StoreJournal(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The platform's persistent id (kept in the database), made on first open.</summary>
    public string PlatformId(Func<string> create)
    {
        if (_connection is null)
        {
            return create();
        }

        if (Scalar(_connection, "SELECT value FROM meta WHERE name = 'platform_id'") is { } existing)
        {
            return existing;
        }

        var id = create();
        Run("INSERT INTO meta(name, value) VALUES ('platform_id', $v)", ("$v", id));
        return id;
    }

    /// <summary>Groups the writes until the scope is disposed into one transaction (scopes nest).</summary>
    public Scope Write()
    {
        if (_connection is not null && _depth++ == 0)
        {
            _transaction = _connection.BeginTransaction(deferred: false);
        }

        return new Scope(this);
    }

    public void SaveOrganization(string? clientName, Organization organization) =>
        Run("INSERT INTO organizations(client_name, id, json) VALUES ($name, $id, $json)",
            ("$name", clientName), ("$id", organization.Id), ("$json", JsonSerializer.Serialize(organization, SubstraJsonContext.Default.Organization)));

    public void SaveAsset<T>(AssetTable table, string key, T asset, JsonTypeInfo<T> type) =>
        Run("INSERT OR REPLACE INTO assets(kind, key, json) VALUES ($kind, $key, $json)",
            ("$kind", (int)table), ("$key", key), ("$json", JsonSerializer.SerializeToUtf8Bytes(asset, type)));

    public void DeleteAsset(AssetTable table, string key) =>
        Run("DELETE FROM assets WHERE kind = $kind AND key = $key", ("$kind", (int)table), ("$key", key));

    public void SavePlan(PlanEntry plan) =>
        Run("""
            INSERT INTO plans(key, json, start_date, end_date, failed_task_key, canceled) VALUES ($key, $json, $start, $end, $failed, $canceled)
            ON CONFLICT(key) DO UPDATE SET json = $json, start_date = $start, end_date = $end, failed_task_key = $failed, canceled = $canceled
            """,
            ("$key", plan.Key), ("$json", JsonSerializer.SerializeToUtf8Bytes(plan.Registered, SubstraJsonContext.Default.ComputePlan)),
            ("$start", Date(plan.StartDate)), ("$end", Date(plan.EndDate)), ("$failed", plan.FailedTaskKey), ("$canceled", plan.Canceled ? 1 : 0));

    /// <summary>
    /// Journals a plan's new tasks as consecutive batches of at most <see cref="TaskBatchFormat.MaxTasksPerBatch"/>, each
    /// written from one pooled buffer straight into its row (no array of the batch's size is made).
    /// </summary>
    public void SaveTaskBatch(string planKey, IReadOnlyList<TaskEntry> tasks)
    {
        if (_connection is null || tasks.Count == 0)
        {
            return;
        }

        using var buffer = new PooledBufferWriter(64 * 1024);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        using var insert = Command("INSERT INTO task_batches(plan_key, body) VALUES ($plan, zeroblob($length)) RETURNING seq");
        insert.Parameters.AddWithValue("$plan", planKey);
        var length = insert.Parameters.Add("$length", SqliteType.Integer);
        for (var start = 0; start < tasks.Count; start += TaskBatchFormat.MaxTasksPerBatch)
        {
            buffer.Clear();
            TaskBatchFormat.Write(tasks, start, Math.Min(TaskBatchFormat.MaxTasksPerBatch, tasks.Count - start), writer, buffer);
            length.Value = buffer.WrittenCount;
            var row = (long)insert.ExecuteScalar()!;
            using var blob = new SqliteBlob(_connection, "task_batches", "body", row);
            blob.Write(buffer.WrittenSpan);
        }
    }

    public void SaveTaskStates(IEnumerable<TaskEntry> tasks)
    {
        if (_connection is null)
        {
            return;
        }

        using var command = Command("""
            INSERT OR REPLACE INTO task_states(key, status, start_date, end_date, error_type, log_path)
            VALUES ($key, $status, $start, $end, $error, $log)
            """);
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var status = command.Parameters.Add("$status", SqliteType.Integer);
        var start = command.Parameters.Add("$start", SqliteType.Integer);
        var end = command.Parameters.Add("$end", SqliteType.Integer);
        var error = command.Parameters.Add("$error", SqliteType.Integer);
        var log = command.Parameters.Add("$log", SqliteType.Text);
        foreach (var task in tasks)
        {
            key.Value = task.Key;
            status.Value = (int)task.Status;
            start.Value = (object?)Date(task.StartDate) ?? DBNull.Value;
            end.Value = (object?)Date(task.EndDate) ?? DBNull.Value;
            error.Value = task.ErrorType is { } errorType ? (int)errorType : DBNull.Value;
            log.Value = (object?)task.LogPath ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    public void SaveTaskInputs(string taskKey, List<InputAsset> inputs) =>
        Run("INSERT INTO task_assets(task_key, inputs) VALUES ($key, $json) ON CONFLICT(task_key) DO UPDATE SET inputs = $json",
            ("$key", taskKey), ("$json", JsonSerializer.SerializeToUtf8Bytes(inputs, SubstraJsonContext.Default.ListInputAsset)));

    public void SaveTaskOutputs(string taskKey, List<OutputAsset>? outputs) =>
        Run("INSERT INTO task_assets(task_key, outputs) VALUES ($key, $json) ON CONFLICT(task_key) DO UPDATE SET outputs = $json",
            ("$key", taskKey), ("$json", outputs is null ? null : JsonSerializer.SerializeToUtf8Bytes(outputs, SubstraJsonContext.Default.ListOutputAsset)));

    /// <summary>Everything the database holds, in registration order.</summary>
    public StoredState Load()
    {
        var state = new StoredState();
        if (_connection is null)
        {
            return state;
        }

        ForEach("SELECT client_name, json FROM organizations ORDER BY seq", reader =>
        {
            state.Organizations.Add((reader.IsDBNull(0) ? null : reader.GetString(0),
                JsonSerializer.Deserialize(reader.GetString(1), SubstraJsonContext.Default.Organization)!));
        });

        ForEach("SELECT kind, json FROM assets", reader =>
        {
            state.Assets.Add(((AssetTable)reader.GetInt32(0), (byte[])reader.GetValue(1)));
        });

        ForEach("SELECT json, start_date, end_date, failed_task_key, canceled FROM plans ORDER BY seq", reader =>
        {
            state.Plans.Add(new StoredPlan(
                JsonSerializer.Deserialize((byte[])reader.GetValue(0), SubstraJsonContext.Default.ComputePlan)!,
                ParseDate(reader, 1), ParseDate(reader, 2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4) != 0));
        });

        ForEach("SELECT plan_key, body FROM task_batches ORDER BY seq", reader =>
        {
            state.TaskBatches.Add((reader.GetString(0), (byte[])reader.GetValue(1)));
        });

        ForEach("SELECT key, status, start_date, end_date, error_type, log_path FROM task_states", reader =>
        {
            state.TaskStates[reader.GetString(0)] = new StoredTaskState(
                (ComputeTaskStatus)reader.GetInt32(1), ParseDate(reader, 2), ParseDate(reader, 3),
                reader.IsDBNull(4) ? null : (TaskErrorType)reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5));
        });

        ForEach("SELECT task_key, inputs, outputs FROM task_assets", reader =>
        {
            var key = reader.GetString(0);
            if (!reader.IsDBNull(1))
            {
                state.InputAssets[key] = JsonSerializer.Deserialize((byte[])reader.GetValue(1), SubstraJsonContext.Default.ListInputAsset)!;
            }

            if (!reader.IsDBNull(2))
            {
                state.OutputAssets[key] = JsonSerializer.Deserialize((byte[])reader.GetValue(2), SubstraJsonContext.Default.ListOutputAsset)!;
            }
        });

        return state;
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        if (_connection is not null)
        {
            try
            {
                Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            }
            catch (SqliteException)
            {
                // The next open checkpoints; nothing is lost.
            }

            _connection.Dispose();
        }
    }

    // Dates are UTC ticks (fast to write and read for 100,000 tasks), shown back in local time as they were made.
    private static long? Date(DateTimeOffset? date) => date?.UtcTicks;

    private static DateTimeOffset? ParseDate(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : new DateTimeOffset(reader.GetInt64(column), TimeSpan.Zero).ToLocalTime();

    private void Run(string sql, params (string Name, object? Value)[] parameters)
    {
        if (_connection is null)
        {
            return;
        }

        using var command = Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection!.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }

    private void ForEach(string sql, Action<SqliteDataReader> row)
    {
        using var command = Command(sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    private void End(bool commit)
    {
        if (_transaction is null || --_depth > 0)
        {
            return;
        }

        if (commit)
        {
            _transaction.Commit();
        }
        else
        {
            _transaction.Rollback();
        }

        _transaction.Dispose();
        _transaction = null;
    }

    /// <summary>A write transaction: <see cref="Commit"/> then dispose; disposed without a commit, it rolls back.</summary>
    public struct Scope(StoreJournal journal) : IDisposable
    {
        private bool _done;

        public void Commit()
        {
            _done = true;
            journal.End(commit: true);
        }

        public void Dispose()
        {
            if (!_done)
            {
                _done = true;
                journal.End(commit: false);
            }
        }
    }
}
