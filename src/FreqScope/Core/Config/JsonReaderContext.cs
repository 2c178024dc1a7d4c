using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FreqScope.Core.Config;

/// <summary>
/// One JSON value being read, with its JSONPath and the config's source, so that every problem can be reported as
/// <c>"{source}: {path}: {problem}"</c>. Objects are checked against the keys they allow.
/// </summary>
internal sealed partial class JsonReaderContext
{
    private const int MaxDisplay = 60;

    private JsonReaderContext(string source, string path, JsonElement element)
    {
        Source = source;
        Path = path;
        Element = element;
    }

    /// <summary>Where the document came from.</summary>
    public string Source { get; }

    /// <summary>JSONPath of this value.</summary>
    public string Path { get; }

    /// <summary>The value.</summary>
    public JsonElement Element { get; }

    /// <summary>The value as written (shortened when long), used in messages.</summary>
    public string Display
    {
        get
        {
            var raw = WhitespaceRegex().Replace(Element.GetRawText(), " ");
            if (raw.Length <= MaxDisplay) return raw;
            return Element.ValueKind switch
            {
                JsonValueKind.Object => "an object",
                JsonValueKind.Array => $"an array of {Element.GetArrayLength()} items",
                _ => raw[..(MaxDisplay - 3)] + "...",
            };
        }
    }

    /// <summary>The document's root.</summary>
    public static JsonReaderContext Root(string source, JsonElement element) => new(source, "$", element);

    /// <summary>An exception about this value.</summary>
    public ConfigException Error(string problem) => new(Source, Path, problem);

    /// <summary>An exception about a (possibly missing) key of this object.</summary>
    public ConfigException Error(string key, string problem) => new(Source, ChildPath(key), problem);

    /// <summary><c>"{value} is out of range; expected {expected}"</c>.</summary>
    public ConfigException OutOfRange(string expected) => Error($"{Display} is out of range; expected {expected}");

    /// <summary><c>"{value} has the wrong type; expected {expected}"</c>.</summary>
    public ConfigException WrongType(string expected) => Error($"{Display} has the wrong type; expected {expected}");

    /// <summary>Requires an object with no keys outside <paramref name="allowedKeys"/> and no key twice.</summary>
    public void ExpectObject(params string[] allowedKeys)
    {
        if (Element.ValueKind != JsonValueKind.Object) throw WrongType("an object");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in Element.EnumerateObject())
        {
            if (!allowedKeys.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Error(property.Name, "unknown key; allowed keys: " + string.Join(", ", allowedKeys));
            }

            if (!seen.Add(property.Name)) throw Error(property.Name, "duplicate key");
        }
    }

    /// <summary>The value of <paramref name="key"/> in this object, or null when the key is absent.</summary>
    public JsonReaderContext? Optional(string key) =>
        Element.TryGetProperty(key, out var value) ? new JsonReaderContext(Source, ChildPath(key), value) : null;

    /// <summary>The value of <paramref name="key"/>, or null when the key is absent or its value is JSON null.</summary>
    public JsonReaderContext? OptionalOrNull(string key)
    {
        var value = Optional(key);
        return value is null || value.Element.ValueKind == JsonValueKind.Null ? null : value;
    }

    /// <summary>The value of <paramref name="key"/>; a missing key is an error.</summary>
    public JsonReaderContext Required(string key, string? why = null) =>
        Optional(key) ?? throw Error(key, "required key is missing" + (why is null ? "" : $" ({why})"));

    /// <summary>The items of this array.</summary>
    public IReadOnlyList<JsonReaderContext> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array) throw WrongType("an array");
        return Element.EnumerateArray().Select((item, i) => new JsonReaderContext(Source, $"{Path}[{i}]", item)).ToArray();
    }

    /// <summary>A finite number (integers are accepted).</summary>
    public double GetDouble()
    {
        if (Element.ValueKind != JsonValueKind.Number) throw WrongType("a number");
        if (!Element.TryGetDouble(out var value) || !double.IsFinite(value)) throw OutOfRange("a finite number");
        return value;
    }

    /// <summary>An integral number within <see cref="long"/>'s range (2.0 and 1e3 are accepted; 1.5 is not).</summary>
    public long GetInt64()
    {
        if (Element.ValueKind != JsonValueKind.Number) throw WrongType("an integer");
        if (Element.TryGetInt64(out var exact)) return exact;
        if (!Element.TryGetDouble(out var value) || !double.IsFinite(value)) throw OutOfRange("a finite integer");
        if (Math.Floor(value) != value) throw WrongType("an integer");
        // 2^63 itself is not a long; the largest double below it is.
        if (value < -9.2233720368547758E18 || value >= 9.2233720368547758E18)
        {
            throw OutOfRange($"an integer between {long.MinValue} and {long.MaxValue}");
        }

        return (long)value;
    }

    /// <summary>An integral number within <see cref="int"/>'s range.</summary>
    public int GetInt32()
    {
        var value = GetInt64();
        if (value is < int.MinValue or > int.MaxValue) throw OutOfRange($"an integer between {int.MinValue} and {int.MaxValue}");
        return (int)value;
    }

    /// <summary>true or false.</summary>
    public bool GetBoolean() => Element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw WrongType("true or false"),
    };

    /// <summary>A string.</summary>
    public string GetString() =>
        Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw WrongType("a string");

    /// <summary>A string that is one of <paramref name="allowed"/>.</summary>
    public string GetChoice(IReadOnlyList<string> allowed)
    {
        var value = GetString();
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw Error($"{Display} is not allowed; expected one of {string.Join(", ", allowed)}");
    }

    /// <summary>An enum value by its JSON name (see <see cref="JsonNames"/>).</summary>
    public T GetEnum<T>() where T : struct, Enum
    {
        var name = GetChoice(JsonNames.All<T>());
        JsonNames.TryParse<T>(name, out var value);
        return value;
    }

    /// <summary>JSONPath of a key of this object: <c>$.a.b</c>, or <c>$['odd key']</c> for keys that are not identifiers.</summary>
    public string ChildPath(string key) =>
        IdentifierRegex().IsMatch(key)
            ? Path + "." + key
            : Path + "['" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";

    /// <summary>Formats a number for messages.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex IdentifierRegex();
}
