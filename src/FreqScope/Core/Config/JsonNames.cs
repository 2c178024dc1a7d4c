namespace FreqScope.Core.Config;

/// <summary>The JSON spelling of enum values: the member name with its first letter in lower case (<c>GaussianBumps</c> → <c>"gaussianBumps"</c>).</summary>
internal static class JsonNames
{
    /// <summary>The JSON name of <paramref name="value"/>.</summary>
    public static string Of<T>(T value) where T : struct, Enum => Camel(value.ToString());

    /// <summary>All JSON names of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Of).ToArray();

    /// <summary>Parses a JSON name (case-sensitive).</summary>
    public static bool TryParse<T>(string name, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Of(candidate) == name)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
