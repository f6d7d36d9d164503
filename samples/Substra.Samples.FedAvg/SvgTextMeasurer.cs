using OxyPlot;

namespace Substra.Samples.FedAvg;

/// <summary>
/// Measures text as the chart's SVG shows it. The PDF render context knows the standard fonts' metrics (Arial is
/// Helvetica's) but answers in points for a size SVG reads as pixels; without a measurer, text would be laid out as if
/// it took no room.
/// </summary>
internal sealed class SvgTextMeasurer(double width, double height) : PdfRenderContext(width, height, OxyColors.White)
{
    private const double PixelsPerPoint = 96.0 / 72.0;

    public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
    {
        OxySize size = base.MeasureText(text, fontFamily, fontSize, fontWeight);
        return new OxySize(size.Width * PixelsPerPoint, size.Height * PixelsPerPoint);
    }
}
