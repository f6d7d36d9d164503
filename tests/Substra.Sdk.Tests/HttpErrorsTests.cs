using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Tests;

public sealed class HttpErrorsTests
{
    private const string Url = "http://127.0.0.1:8000/task/k/";

    [Theory]
    [InlineData(400, typeof(InvalidRequestException))]
    [InlineData(401, typeof(AuthenticationException))]
    [InlineData(403, typeof(AuthorizationException))]
    [InlineData(404, typeof(NotFoundException))]
    [InlineData(408, typeof(RequestTimeoutException))]
    [InlineData(409, typeof(AlreadyExistsException))]
    [InlineData(500, typeof(InternalServerErrorException))]
    [InlineData(502, typeof(GatewayUnavailableException))]
    [InlineData(503, typeof(GatewayUnavailableException))]
    [InlineData(504, typeof(GatewayUnavailableException))]
    [InlineData(418, typeof(HttpErrorException))]
    public void Status_codes_map_to_the_reference_exceptions(int status, Type expected)
    {
        var error = HttpErrors.FromResponse(status, null, Url, "{}");

        Assert.IsType(expected, error);
        Assert.Equal(status, error.StatusCode);
        Assert.IsAssignableFrom<SdkException>(error);
    }

    [Fact]
    public void The_message_joins_the_http_error_and_the_detail()
    {
        var error = HttpErrors.FromResponse(404, null, Url, """{"detail": "Not found."}""");

        Assert.Equal($"404 Client Error: Not Found for url: {Url}: Not found.", error.Message);
    }

    [Fact]
    public void Invalid_request_carries_the_detail_or_the_body_and_the_parsed_errors()
    {
        var withDetail = (InvalidRequestException)HttpErrors.FromResponse(400, null, Url, """{"detail": "bad name"}""");
        var withoutDetail = (InvalidRequestException)HttpErrors.FromResponse(400, null, Url, """{"name": ["required"]}""");

        Assert.Equal("bad name", withDetail.Message);
        Assert.Equal("""{"name":["required"]}""", withoutDetail.Message);
        Assert.Equal("required", withoutDetail.Errors!["name"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Conflict_keys_come_from_a_list_or_the_key_field()
    {
        var list = (AlreadyExistsException)HttpErrors.FromResponse(409, null, Url, """["a", "b"]""");
        var single = (AlreadyExistsException)HttpErrors.FromResponse(409, null, Url, """{"key": "k"}""");

        Assert.Equal("Object with key(s) '['a', 'b']' already exists.", list.Message);
        Assert.Equal(["a", "b"], list.Keys);
        Assert.Equal("Object with key(s) 'k' already exists.", single.Message);
        Assert.Equal(["k"], single.Keys);
    }

    [Theory]
    [InlineData("""{"detail": "compute plan already exists."}""", "compute plan already exists.")]
    [InlineData("""{"key": "", "detail": "no key"}""", "no key")]
    [InlineData("""{"message": "conflict"}""", """{"message": "conflict"}""")]
    [InlineData("<html>Conflict</html>", "<html>Conflict</html>")]
    [InlineData("", "(empty body)")]
    public void A_conflict_whose_body_names_no_key_carries_the_detail(string body, string detail)
    {
        var error = Assert.IsType<AlreadyExistsException>(HttpErrors.FromResponse(409, null, Url, body));

        Assert.Null(error.Key);
        Assert.Equal(detail, error.Detail);
        Assert.Equal(
            $"The object already exists, but the platform's answer names no key: {detail.TrimEnd('.')}. "
            + "Look the existing object up (for example by name) to get its key.",
            error.Message);
    }

    [Fact]
    public void Timeout_key_comes_from_the_key_or_the_detail_key()
    {
        var direct = HttpErrors.FromResponse(408, null, Url, """{"key": "k1"}""");
        var nested = HttpErrors.FromResponse(408, null, Url, """{"detail": {"key": "k2"}}""");

        Assert.Equal("Operation on object with key(s) 'k1' timed out.", direct.Message);
        Assert.Equal("Operation on object with key(s) 'k2' timed out.", nested.Message);
    }

    [Fact]
    public void Local_validation_errors_carry_status_400_and_their_code()
    {
        var error = new InvalidRequestException("There are errors in the inputs / outputs fields:\n", 400, errorCode: "OE0101");

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("OE0101", error.ErrorCode);
    }
}
