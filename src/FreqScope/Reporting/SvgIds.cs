using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FreqScope.Reporting;

/// <summary>
/// Makes Skia's SVG reproducible: it numbers clip paths, images and gradients (<c>cl_5a</c>, in hexadecimal) from a
/// counter that lives across documents, so the same figure drawn twice would differ in those ids. They are renumbered
/// from 1 per prefix in the order they are defined, and every reference to them (<c>url(#cl_5a)</c>,
/// <c>href="#…"</c>) follows.
/// </summary>
internal static partial class SvgIds
{
    /// <summary>The SVG document <paramref name="svg"/> (UTF-8) with its generated ids renumbered.</summary>
    /// <param name="svg">The document's bytes.</param>
    /// <returns>The renumbered document's bytes.</returns>
    public static byte[] Renumber(byte[] svg)
    {
        string text = Encoding.UTF8.GetString(svg);
        Dictionary<string, string> renamed = new(StringComparer.Ordinal);
        Dictionary<string, int> counts = new(StringComparer.Ordinal);
        foreach (Match m in Definition().Matches(text))
        {
            string id = m.Groups["id"].Value;
            if (renamed.ContainsKey(id)) continue;
            string prefix = m.Groups["prefix"].Value;
            int n = counts.GetValueOrDefault(prefix) + 1;
            counts[prefix] = n;
            renamed[id] = prefix + "_" + n.ToString(CultureInfo.InvariantCulture);
        }

        if (renamed.Count == 0) return svg;
        string result = Use().Replace(text, m => renamed.TryGetValue(m.Groups["id"].Value, out string? id)
            ? m.Groups["lead"].Value + id
            : m.Value);
        return Encoding.UTF8.GetBytes(result);
    }

    [GeneratedRegex(@"\bid=""(?<id>(?<prefix>[A-Za-z]+)_[0-9A-Fa-f]+)""")]
    private static partial Regex Definition();

    [GeneratedRegex(@"(?<lead>\bid=""|#)(?<id>[A-Za-z]+_[0-9A-Fa-f]+)(?=[""')])")]
    private static partial Regex Use();
}
