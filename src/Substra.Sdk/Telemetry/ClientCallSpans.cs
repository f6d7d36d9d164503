using System.Diagnostics;

namespace Substra.Sdk.Telemetry;

/// <summary>The span of one public client call: method, backend type, asset key, and the exception type on failure.</summary>
internal static class ClientCallSpans
{
    public static Activity? Start(string method, BackendType backendType, string? clientName, string? assetKey)
    {
        var activity = SubstraTelemetry.Source.StartActivity($"SubstraClient.{method}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryNames.ClientMethod, method);
            activity.SetTag(TelemetryNames.BackendType, backendType.ToWireName());
            if (clientName is not null)
            {
                activity.SetTag(TelemetryNames.ClientName, clientName);
            }

            if (!string.IsNullOrEmpty(assetKey))
            {
                activity.SetTag(TelemetryNames.AssetKey, assetKey);
            }
        }

        return activity;
    }

    /// <summary>The key an add returned, when the call had none to start with.</summary>
    public static void SetCreatedKey(Activity? activity, string key)
    {
        if (activity is { IsAllDataRequested: true } && activity.GetTagItem(TelemetryNames.AssetKey) is null)
        {
            activity.SetTag(TelemetryNames.AssetKey, key);
        }
    }

    public static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(TelemetryNames.ErrorType, exception.GetType().FullName);
            activity.AddException(exception);
        }
    }
}
