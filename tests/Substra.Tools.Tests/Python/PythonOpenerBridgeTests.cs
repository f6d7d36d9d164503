using System.Text.Json;
using Substra.Tools.Tests.Support;

namespace Substra.Tools.Tests.Python;

/// <summary>
/// C# functions (tests/fixtures/Substra.Tools.Fixture.PythonBridge) on Python openers written for these tests
/// (python/bridge/), run as the local subprocess backend runs them: real processes, Debian's Python with numpy and pandas.
/// </summary>
public sealed class PythonOpenerBridgeTests
{
    private const string PatientsPart1 =
        "name,age,height,smoker,visit,blood type\n"
        + "ann,34,1.62,true,2024-01-15,A+\n"
        + "bob,51,,false,,\n";

    private const string PatientsPart2 =
        "name,age,height,smoker,visit,blood type\n"
        + "cid,29,1.80,false,2023-12-01,O-\n";

    private static BridgeTask Patients()
    {
        var task = new BridgeTask("patients_opener.py");
        task.AddSample("s1", "patients.csv", PatientsPart1);
        task.AddSample("s2", "patients.csv", PatientsPart2);
        return task;
    }

    private static BridgeTask Xy()
    {
        var task = new BridgeTask("xy_opener.py");
        task.AddSample("s1", "data.csv", "1,2,3,0\n4,5,6,1\n");
        task.AddSample("s2", "data.csv", "7,8,9,1\n");
        return task;
    }

    private static void AssertSucceeded(BridgeTask task, ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(task.BridgeLeftovers());
    }

    [Fact]
    public async Task A_pandas_DataFrame_with_mixed_columns_becomes_a_DataFrame()
    {
        using var task = Patients();

        var result = await task.RunAsync("frame");

        AssertSucceeded(task, result);
        var summary = task.Summary();
        Assert.Equal(3, summary.GetProperty("rows").GetInt32());
        var columns = summary.GetProperty("columns").EnumerateArray().ToDictionary(column => column.GetProperty("name").GetString()!);
        Assert.Equal(["name", "age", "height", "smoker", "visit", "blood type"], columns.Keys);
        Assert.Equal(("String", 0), Describe(columns["name"]));
        Assert.Equal(("Int64", 0), Describe(columns["age"]));
        Assert.Equal(("Double", 1), Describe(columns["height"]));
        Assert.Equal(("Boolean", 0), Describe(columns["smoker"]));
        Assert.Equal(("DateTime", 1), Describe(columns["visit"]));
        Assert.Equal(("String", 1), Describe(columns["blood type"]));
        Assert.Equal("[\"ann\",\"bob\",\"cid\"]", columns["name"].GetProperty("values").GetRawText());
        Assert.Equal("[34,51,29]", columns["age"].GetProperty("values").GetRawText());
        Assert.Equal("[1.62,null,1.8]", columns["height"].GetProperty("values").GetRawText());
        Assert.Equal("[true,false,false]", columns["smoker"].GetProperty("values").GetRawText());
        Assert.Equal("[\"2024-01-15T00:00:00\",null,\"2023-12-01T00:00:00\"]", columns["visit"].GetProperty("values").GetRawText());
        Assert.Equal("[\"A\\u002B\",null,\"O-\"]", columns["blood type"].GetProperty("values").GetRawText());
        // What the opener prints reaches the task log.
        Assert.Contains("patients opener: read 2 folders", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fake_data_comes_from_the_openers_fake_data()
    {
        using var task = new BridgeTask("patients_opener.py");

        var result = await task.RunAsync("frame", fakeSamples: 4);

        AssertSucceeded(task, result);
        var summary = task.Summary();
        Assert.Equal(4, summary.GetProperty("rows").GetInt32());
        var name = summary.GetProperty("columns")[0];
        Assert.Equal("[\"fake0\",\"fake1\",\"fake2\",\"fake3\"]", name.GetProperty("values").GetRawText());
        // An all-None column is a string column of nulls.
        Assert.Equal(("String", 4), Describe(summary.GetProperty("columns")[5]));
    }

    [Fact]
    public async Task DataFrame_rows_bind_to_records_by_column_name()
    {
        using var task = Patients();

        var result = await task.RunAsync("records");

        AssertSucceeded(task, result);
        var patients = task.Summary().GetProperty("patients");
        Assert.Equal(
            "[{\"name\":\"ann\",\"age\":34,\"height\":1.62,\"smoker\":true,\"visit\":\"2024-01-15\",\"blood_type\":\"A\\u002B\"},"
            + "{\"name\":\"bob\",\"age\":51,\"height\":null,\"smoker\":false,\"visit\":null,\"blood_type\":null},"
            + "{\"name\":\"cid\",\"age\":29,\"height\":1.8,\"smoker\":false,\"visit\":\"2023-12-01\",\"blood_type\":\"O-\"}]",
            patients.GetRawText());
    }

    [Fact]
    public async Task Positional_records_bind_through_their_constructor()
    {
        using var task = Patients();

        var result = await task.RunAsync("ages");

        AssertSucceeded(task, result);
        Assert.Equal("ann,bob,cid", task.Summary().GetProperty("names").GetString());
        Assert.Equal(114, task.Summary().GetProperty("sum_age").GetInt32());
    }

    [Fact]
    public async Task A_mistyped_column_is_an_error_naming_the_column_and_both_types()
    {
        using var task = Patients();

        var result = await task.RunAsync("mistyped");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: The Python opener's data does not fit the function 'mistyped': the result column 'height' holds 64-bit floats (dtype float64), "
            + "which cannot be read as long (MistypedPatient.Height): declare it as double or float, or convert it in the opener.",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_missing_column_is_an_error_listing_the_columns()
    {
        using var task = Patients();

        var result = await task.RunAsync("missing_column");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: The Python opener's data does not fit the function 'missing_column': the result has no column named like PatientWithWeight.Weight "
            + "(its columns: 'name', 'age', 'height', 'smoker', 'visit', 'blood type'): rename the property, or give the column name with [ColumnName(\"…\")].",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_missing_value_in_a_non_nullable_member_is_an_error_naming_the_row()
    {
        using var task = new BridgeTask("patients_opener.py");
        task.AddSample("s1", "patients.csv", "name,age,height,smoker,visit,blood type\nann,34,1.62,true,2024-01-15,A+\n,35,1.63,true,2024-01-16,A+\n");

        var result = await task.RunAsync("ages");

        Assert.Equal(1, result.ExitCode);
        Assert.True(result.ErrorLines.Count == 1, result.ToString());
        Assert.Contains(
            "the result column 'name' has a missing value (None) at row 1, which string (PatientAge.Name) does not accept: declare it string? to accept missing values",
            Assert.Single(result.ErrorLines),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task X_and_y_numpy_arrays_become_a_tuple_of_arrays()
    {
        using var task = Xy();

        var result = await task.RunAsync("xy");

        AssertSucceeded(task, result);
        var summary = task.Summary();
        Assert.Equal(3, summary.GetProperty("rows").GetInt32());
        Assert.Equal(3, summary.GetProperty("features").GetInt32());
        Assert.Equal(45, summary.GetProperty("sum_x").GetDouble());
        Assert.Equal(3, summary.GetProperty("first_row_last").GetDouble());
        Assert.Equal(2, summary.GetProperty("sum_y").GetInt64());
    }

    [Fact]
    public async Task Fake_X_and_y_are_widened_float32_and_int32()
    {
        using var task = new BridgeTask("xy_opener.py");

        var result = await task.RunAsync("xy", fakeSamples: 4);

        AssertSucceeded(task, result);
        Assert.Equal(4, task.Summary().GetProperty("rows").GetInt32());
        Assert.Equal(12, task.Summary().GetProperty("sum_x").GetDouble());
        Assert.Equal(0, task.Summary().GetProperty("sum_y").GetInt64());
    }

    [Fact]
    public async Task A_dict_binds_to_tuple_elements_by_name()
    {
        using var task = new BridgeTask("dict_opener.py");
        task.AddSample("s1", "unused.txt", "-");

        var result = await task.RunAsync("xy_dict");

        AssertSucceeded(task, result);
        Assert.Equal(3, task.Summary().GetProperty("rows").GetInt32());
        Assert.Equal(15, task.Summary().GetProperty("sum_x").GetDouble());
        Assert.Equal(4.5, task.Summary().GetProperty("sum_y").GetDouble());
    }

    [Fact]
    public async Task A_list_of_file_paths_becomes_a_string_array()
    {
        using var task = new BridgeTask("paths_opener.py");
        task.AddSample("s1", "b.csv", "1\n");
        task.AddSample("s2", "a.csv", "2\n");

        var result = await task.RunAsync("paths");

        AssertSucceeded(task, result);
        Assert.Equal("[\"b.csv\",\"a.csv\"]", task.Summary().GetProperty("files").GetRawText());
    }

    [Fact]
    public async Task A_DataFrame_given_to_a_tuple_parameter_says_what_it_is_and_what_was_expected()
    {
        using var task = Patients();

        var result = await task.RunAsync("xy");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: The Python opener's data does not fit the function 'xy': the result is a pandas.core.frame.DataFrame of 3 rows and 6 columns, "
            + "which cannot be read as a tuple of 2 elements (it needs a Python tuple, list or dict).",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task An_exception_in_the_opener_fails_the_task_with_the_python_traceback_in_the_log()
    {
        using var task = new BridgeTask("raising_opener.py");
        task.AddSample("s1", "data.csv", "1\n");

        var result = await task.RunAsync("frame");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"error: The Python opener '{task.OpenerPath}' raised ValueError: no rows in 1 folders (get_data); its traceback is in the task log.",
            Assert.Single(result.ErrorLines));
        Assert.Contains("Traceback (most recent call last):", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("raise ValueError(\"no rows in %d folders\" % len(folders))", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("in read_rows", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(task.BridgeLeftovers());
    }

    [Fact]
    public async Task An_exception_in_fake_data_fails_the_task_too()
    {
        using var task = new BridgeTask("raising_opener.py");

        var result = await task.RunAsync("frame", fakeSamples: 2);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"error: The Python opener '{task.OpenerPath}' raised RuntimeError: no fake data either (fake_data); its traceback is in the task log.",
            Assert.Single(result.ErrorLines));
        Assert.Contains("Traceback (most recent call last):", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_result_names_the_python_type_and_what_is_supported()
    {
        using var task = new BridgeTask("unsupported_opener.py");
        task.AddSample("s1", "data.csv", "1\n");

        var result = await task.RunAsync("frame");
        var fake = await task.RunAsync("frame", fakeSamples: 2);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"error: The Python opener '{task.OpenerPath}' returned a value the bridge cannot pass to .NET: the result is a set; supported: a pandas DataFrame or Series, "
            + "a numpy array, a list of file paths (str), or a tuple, list or dict (str keys) of these.",
            Assert.Single(result.ErrorLines));
        Assert.Equal(1, fake.ExitCode);
        Assert.StartsWith(
            $"error: The Python opener '{task.OpenerPath}' returned a value the bridge cannot pass to .NET: the result['x'] is a generator; supported:",
            Assert.Single(fake.ErrorLines),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_opener_module_importing_a_missing_module_says_what_to_install()
    {
        using var task = new BridgeTask("missing_module_opener.py");
        task.AddSample("s1", "data.csv", "1\n");

        var result = await task.RunAsync("frame");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"error: The Python opener '{task.OpenerPath}' raised ModuleNotFoundError: No module named 'substra_bridge_tests_not_installed' (loading the opener module); "
            + $"its traceback is in the task log. It imports 'substra_bridge_tests_not_installed', which the interpreter '{Fixtures.PythonExecutable}' does not have: install it where the function runs.",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_module_with_two_opener_classes_is_refused_as_substratools_does()
    {
        using var task = new BridgeTask("two_openers.py");
        task.AddSample("s1", "data.csv", "1\n");

        var result = await task.RunAsync("frame");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"error: The opener module {task.OpenerPath} must have exactly one subclass of substratools.Opener (substratools' InvalidInterfaceError), found 2: First, Second.",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_missing_interpreter_says_what_to_install()
    {
        using var task = Patients();
        var missing = Path.Combine(task.Path, "no-such-python3");
        task.Environment["SUBSTRA_PYTHON"] = missing;

        var result = await task.RunAsync("frame");

        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: The function reads a Python opener, but the Python interpreter '{missing}' cannot be started (", error, StringComparison.Ordinal);
        Assert.EndsWith(
            "Install Python 3 with numpy and pandas where the function runs (Debian: apt-get install python3 python3-numpy python3-pandas), or set SUBSTRA_PYTHON to an interpreter that has them.",
            error,
            StringComparison.Ordinal);
        Assert.Empty(task.BridgeLeftovers());
    }

    [Fact]
    public async Task A_python_without_numpy_says_to_install_numpy_and_pandas()
    {
        using var task = Patients();
        // -S: no site-packages, so Debian's numpy and pandas are not importable.
        task.Environment["SUBSTRA_PYTHON"] = Wrapper(task, "python-without-site", $"exec {Fixtures.PythonExecutable} -S \"$@\"");

        var result = await task.RunAsync("frame");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: The Python opener needs numpy and pandas, but numpy cannot be imported by the interpreter "
            + $"'{task.Environment["SUBSTRA_PYTHON"]}' (numpy cannot be imported: No module named 'numpy'). Install them where the function runs "
            + "(Debian: apt-get install python3-numpy python3-pandas; pip: pip install numpy pandas), or set SUBSTRA_PYTHON to a Python that has them.",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_python_with_numpy_but_without_pandas_says_to_install_pandas()
    {
        using var task = Patients();
        var numpyOnly = Path.Combine(task.Path, "numpy-only");
        Directory.CreateDirectory(numpyOnly);
        var numpy = RunPython("import numpy, os; print(os.path.dirname(numpy.__file__))").Trim();
        File.CreateSymbolicLink(Path.Combine(numpyOnly, "numpy"), numpy);
        task.Environment["SUBSTRA_PYTHON"] = Wrapper(task, "python-numpy-only", $"PYTHONPATH={numpyOnly} exec {Fixtures.PythonExecutable} -S \"$@\"");

        var result = await task.RunAsync("frame");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(
            "error: The Python opener needs numpy and pandas, but pandas cannot be imported by the interpreter",
            Assert.Single(result.ErrorLines),
            StringComparison.Ordinal);
        Assert.Contains("Traceback (most recent call last):", result.StandardError, StringComparison.Ordinal);
    }

    private static (string Type, int Nulls) Describe(JsonElement column)
        => (column.GetProperty("type").GetString()!, column.GetProperty("nulls").GetInt32());

    private static string Wrapper(BridgeTask task, string name, string command)
    {
        var path = Path.Combine(task.Path, name);
        File.WriteAllText(path, "#!/bin/sh\n" + command + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private static string RunPython(string code)
    {
        using var process = ProcessRunner.Start(Fixtures.PythonExecutable, ["-c", code], AppContext.BaseDirectory);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
