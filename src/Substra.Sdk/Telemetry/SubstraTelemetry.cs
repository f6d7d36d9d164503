using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Substra.Sdk.Telemetry;

/// <summary>
/// The names under which the SDK reports traces and metrics, to give OpenTelemetry's <c>AddSource</c> and <c>AddMeter</c>
/// (docs/telemetry.md lists the spans, metrics and attributes). Nothing is recorded unless a listener subscribes.
/// </summary>
public static class SubstraTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/>: a span per client call and per local task run.</summary>
    public const string ActivitySourceName = "Substra.Sdk";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/>: task status changes and task durations.</summary>
    public const string MeterName = "Substra.Sdk";

    // Static, as the conventional pattern: they hold no state of their own, listeners decide what is recorded.
    internal static ActivitySource Source { get; } = new(ActivitySourceName, SdkVersion.Value);

    internal static Meter Meter { get; } = new(MeterName, SdkVersion.Value);
}
