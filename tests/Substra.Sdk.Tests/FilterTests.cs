using System.Text.Json.Nodes;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;

namespace Substra.Sdk.Tests;

public sealed class FilterTests
{
    [Fact]
    public void List_values_are_converted_to_strings_in_place()
    {
        var filters = new Dictionary<string, object?> { ["rank"] = new List<object?> { 1, 3 }, ["key"] = new[] { "a", "b" } };

        var validated = FilterValidator.Validate(AssetType.Task, filters);

        Assert.Equal(["1", "3"], Assert.IsType<List<string>>(filters["rank"]));
        Assert.Equal(["1", "3"], validated.Values["rank"]);
        Assert.Equal(["a", "b"], validated.Values["key"]);
    }

    [Fact]
    public void Statuses_are_converted_to_their_wire_values()
    {
        var validated = FilterValidator.Validate(AssetType.Task, new TaskFilter { Statuses = [ComputeTaskStatus.Done, ComputeTaskStatus.Failed] });

        Assert.Equal(["STATUS_DONE", "STATUS_FAILED"], validated.Values["status"]);
    }

    [Fact]
    public void A_filter_not_allowed_for_the_type_lists_the_allowed_ones()
    {
        var error = Assert.Throws<NotAllowedFilterException>(
            () => FilterValidator.Validate(AssetType.Model, new Dictionary<string, object?> { ["rank"] = new[] { "1" } }));

        Assert.Equal(
            "Cannot filter on rank. Please review the documentation, filtering allowed only on ['key', 'compute_task_key', 'owner', 'permissions']",
            error.Message);
    }

    [Theory]
    [InlineData(AssetType.Function, "['key', 'name', 'owner', 'permissions', 'compute_plan_key', 'dataset_key', 'data_sample_key']")]
    [InlineData(AssetType.Dataset, "['key', 'name', 'owner', 'permissions', 'compute_plan_key', 'function_key', 'data_sample_key']")]
    public void Only_plans_and_tasks_filter_on_metadata(AssetType assetType, string allowed)
    {
        var metadata = new Dictionary<string, object?> { ["metadata"] = new List<object?> { new MetadataFilter("round", MetadataFilterType.Exists) } };

        var error = Assert.Throws<NotAllowedFilterException>(() => FilterValidator.Validate(assetType, metadata));

        Assert.Equal($"Cannot filter on metadata. Please review the documentation, filtering allowed only on {allowed}", error.Message);
        Assert.NotNull(FilterValidator.Validate(AssetType.ComputePlan, metadata).Metadata);
        Assert.NotNull(FilterValidator.Validate(AssetType.Task, metadata).Metadata);
    }

    [Fact]
    public void Filters_that_are_not_a_dict_are_refused()
    {
        var error = Assert.Throws<FilterFormatException>(() => FilterValidator.Validate(AssetType.Task, (object)"key=a"));

        Assert.Equal("Cannot load filters. Please review the documentation, filters should be a dict", error.Message);
    }

    [Theory]
    [InlineData("key")]
    [InlineData("owner")]
    [InlineData("rank")]
    public void Values_other_than_name_and_metadata_must_be_lists(string key)
    {
        var error = Assert.Throws<FilterFormatException>(
            () => FilterValidator.Validate(AssetType.Task, new Dictionary<string, object?> { [key] = "single" }));

        Assert.Equal("Cannot load filters. Please review the documentation, filters values should be a list", error.Message);
    }

    [Fact]
    public void Name_must_be_a_string()
    {
        var error = Assert.Throws<FilterFormatException>(
            () => FilterValidator.Validate(AssetType.Dataset, new Dictionary<string, object?> { ["name"] = new[] { "a" } }));

        Assert.StartsWith("Cannot load filters. Please review the documentation, 'name' filter", error.Message);
        Assert.Equal("abc", FilterValidator.Validate(AssetType.Dataset, new Dictionary<string, object?> { ["name"] = "abc" }).Name);
    }

    [Theory]
    [InlineData("""{"metadata": {"key": "a", "type": "exists"}}""", "Cannot load filters. Please review the documentation, metadata filter should be a list of dict.")]
    [InlineData("""{"metadata": ["a"]}""", "Cannot load filters. Please review the documentation, metadata filter should be a list of dict. But one passed elements is not.")]
    [InlineData("""{"metadata": [{"key": "a"}]}""", "Each metadata filter, must contains both `key` and `type` as key.")]
    [InlineData("""{"metadata": [{"key": "a", "type": "equals"}]}""", "Each metadata filter `type` field value must be `is`, `contains` or `exists`")]
    [InlineData("""{"metadata": [{"key": "a", "type": "is"}]}""", "For each metadata filter, if `type` value is `is` or `contains`, the filter should also contain the `value` key.")]
    [InlineData("""{"metadata": [{"key": "a", "type": "contains", "value": 3}]}""", "For each metadata filter, if a `value` is passed, it should be a string.")]
    public void Metadata_filter_shape(string json, string message)
    {
        var error = Assert.Throws<FilterFormatException>(() => FilterValidator.Validate(AssetType.Task, JsonNode.Parse(json)!.AsObject()));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Metadata_filters_are_read()
    {
        var json = JsonNode.Parse("""{"metadata": [{"key": "round", "type": "is", "value": "2"}, {"key": "epoch", "type": "exists"}]}""")!.AsObject();

        var validated = FilterValidator.Validate(AssetType.ComputePlan, json);

        Assert.Equal([new MetadataFilter("round", MetadataFilterType.Is, "2"), new MetadataFilter("epoch", MetadataFilterType.Exists)], validated.Metadata!);
    }

    [Theory]
    [InlineData(null, OrderingField.CreationDate)]
    [InlineData("creation_date", OrderingField.CreationDate)]
    [InlineData("start_date", OrderingField.StartDate)]
    [InlineData("end_date", OrderingField.EndDate)]
    public void Ordering_fields(string? orderBy, OrderingField expected) => Assert.Equal(expected, FilterValidator.ValidateOrdering(orderBy));

    [Fact]
    public void Ordering_on_another_field_is_refused()
    {
        var error = Assert.Throws<OrderingFormatException>(() => FilterValidator.ValidateOrdering("rank"));

        Assert.Equal(
            "Please review the documentation, ordering is available only on ['creation_date', 'start_date', 'end_date']", error.Message);
    }

    [Fact]
    public void Typed_filters_convert_to_the_dictionary_form()
    {
        var filter = new ComputePlanFilter
        {
            Keys = ["k"], Name = "plan", Statuses = [ComputePlanStatus.Doing], Metadata = [new MetadataFilter("a", MetadataFilterType.Contains, "b")],
        };

        var validated = FilterValidator.Validate(AssetType.ComputePlan, filter.ToDictionary());

        Assert.Equal(["k"], validated.Values["key"]);
        Assert.Equal(["PLAN_STATUS_DOING"], validated.Values["status"]);
        Assert.Equal("plan", validated.Name);
        Assert.Single(validated.Metadata!);
    }
}
