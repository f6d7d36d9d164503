namespace Substra.Sdk.Exceptions;

/// <summary>The asset failed or was canceled (the reference's <c>FutureFailureError</c>).</summary>
public class FutureFailureException(string message, object asset) : FutureException(message, asset);
