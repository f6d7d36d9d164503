using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AnyAsciiTransliteration = AnyAscii.Transliteration;

namespace Substra.Sdk.Configuration;

/// <summary>
/// python-slugify with separator <c>_</c>, uppercased: transliterates to ASCII (é → e), lowercases, joins digit groups
/// (<c>1,000</c> → <c>1000</c>), turns each run of other characters into one <c>_</c> and trims <c>_</c> at both ends.
/// </summary>
internal static partial class Slug
{
    /// <summary><c>"un nom très français"</c> → <c>UN_NOM_TRES_FRANCAIS</c>; <c>client-org-1</c> → <c>CLIENT_ORG_1</c>.</summary>
    public static string ToEnvironmentName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Quotes typed by the user separate words; quotes produced by transliteration are dropped (python-slugify's order).
        var separated = text.Replace("'", "-", StringComparison.Ordinal);
        var ascii = AnyAsciiTransliteration.Transliterate(WebUtility.HtmlDecode(separated.Normalize(NormalizationForm.FormKC)));
        var lower = ascii.ToLowerInvariant().Replace("'", "", StringComparison.Ordinal);
        var joined = DigitGroupComma().Replace(lower, "");
        return Disallowed().Replace(joined, "_").Trim('_').ToUpperInvariant();
    }

    [GeneratedRegex("(?<=[0-9]),(?=[0-9])")]
    private static partial Regex DigitGroupComma();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Disallowed();
}
