namespace Substra.Sdk.Exceptions;

/// <summary>The asset did not finish within the timeout (the reference's <c>FutureTimeoutError</c>).</summary>
public class FutureTimeoutException(object asset) : FutureException($"Future timeout on {asset}", asset);
