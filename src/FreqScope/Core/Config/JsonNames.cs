namespace FreqScope.Core.Config;

/// <summary>The JSON spelling of enum values: the member name with its first letter in lower case (<c>GaussianBumps</c> → <c>"gaussianBumps"</c>).</summary>
public static class JsonNames
{
    /// <summary>The JSON name of <paramref name="value"/>.</summary>
    public static string Of<T>(T value) where T : struct, Enum => Camel(value.ToString());

    /// <summary>The JSON name of an enum value of any type.</summary>
    public static string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Camel(value.ToString());
    }

    /// <summary>All JSON names of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => All(typeof(T));

    /// <summary>All JSON names of the enum <paramref name="enumType"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All(Type enumType) => [.. Enum.GetValues(enumType).Cast<Enum>().Select(Of)];

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

    /// <summary>The value of the enum <paramref name="enumType"/> whose JSON name is <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No value has that name.</exception>
    public static Enum Parse(Type enumType, string name) =>
        Enum.GetValues(enumType).Cast<Enum>().FirstOrDefault(v => Of(v) == name)
        ?? throw new ArgumentException($"\"{name}\" is not a value of {enumType.Name}", nameof(name));

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
