using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FreqScope.Core.Config;

/// <summary>
/// One JSON value of a config being read, with its JSONPath and the config's source, so that every problem can be
/// reported as <c>"{source}: {path}: {problem}"</c>, naming the value as written and what is allowed. Objects are
/// checked against the keys they allow. <see cref="ConfigReader"/> walks a document with it; the rules a config
/// record declares in code (<see cref="IConfigRules"/>) use it to name the values they refuse.
/// </summary>
public sealed partial class ConfigNode
{
    private const int MaxDisplay = 60;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private ConfigNode(string source, string path, JsonElement element)
    {
        Source = source;
        Path = path;
        Element = element;
    }

    /// <summary>Where the document came from (a file path, or a name given by the caller).</summary>
    public string Source { get; }

    /// <summary>JSONPath of this value, e.g. <c>$.model.hidden[1]</c>.</summary>
    public string Path { get; }

    /// <summary>The value.</summary>
    public JsonElement Element { get; }

    /// <summary>The value as written (whitespace collapsed, shortened when long), used in messages.</summary>
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

    /// <summary>The root of a parsed document.</summary>
    public static ConfigNode Root(string source, JsonElement element) => new(source, "$", element);

    /// <summary>
    /// Parses <paramref name="json"/> (comments and trailing commas allowed); malformed JSON is a
    /// <see cref="ConfigException"/> at <c>$</c> naming the line and position. The caller disposes the document.
    /// </summary>
    public static JsonDocument Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            var detail = e.Message;
            var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) detail = detail[..cut].TrimEnd();
            throw new ConfigException(source, "$", $"invalid JSON at line {line}, position {position}: {detail}", e);
        }
    }

    /// <summary>The most bytes a config file may hold (16 MiB): configs are small, and a device such as /dev/zero never ends.</summary>
    public const int MaxFileBytes = 16 << 20;

    /// <summary>
    /// The text of the config file at <paramref name="path"/> (UTF-8, or as its byte order mark says), read to at most
    /// <see cref="MaxFileBytes"/>; a missing, unreadable or larger file is a <see cref="ConfigException"/>. A pipe
    /// (<c>run &lt;(cat config.json)</c>) is read like a file.
    /// </summary>
    public static string ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            if (Directory.Exists(path)) throw new ConfigException(path, "$", "is a folder; expected a JSON config file");
            using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var text = new System.Text.StringBuilder();
            var chunk = new char[81920];
            for (int n; (n = reader.Read(chunk, 0, chunk.Length)) > 0;)
            {
                text.Append(chunk, 0, n);
                if (text.Length > MaxFileBytes)
                    throw new ConfigException(path, "$", $"the file holds more than {MaxFileBytes >> 20} MiB; a config is a small JSON file");
            }

            return text.ToString();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigException(path, "$", $"file not found (full path: {System.IO.Path.GetFullPath(path)})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, "$", "cannot read the file: " + e.Message, e);
        }
    }

    /// <summary>An exception about this value.</summary>
    public ConfigException Error(string problem) => new(Source, Path, problem);

    /// <summary>An exception about a (possibly missing) key of this object.</summary>
    public ConfigException Error(string key, string problem) => new(Source, ChildPath(key), problem);

    /// <summary><c>"{value} is out of range; expected {expected}"</c>.</summary>
    public ConfigException OutOfRange(string expected) => Error($"{Display} is out of range; expected {expected}");

    /// <summary><c>"{value} has the wrong type; expected {expected}"</c>.</summary>
    public ConfigException WrongType(string expected) => Error($"{Display} has the wrong type; expected {expected}");

    /// <summary>Requires an object with no keys outside <paramref name="allowedKeys"/> and no key twice.</summary>
    public void ExpectObject(params string[] allowedKeys) => ExpectObject(allowedKeys, []);

    /// <summary>
    /// Requires an object with no keys outside <paramref name="allowedKeys"/> and <paramref name="unlisted"/> (keys
    /// accepted but not named in the message, such as <c>$schema</c>), and no key twice.
    /// </summary>
    public void ExpectObject(IReadOnlyList<string> allowedKeys, IReadOnlyList<string> unlisted)
    {
        if (Element.ValueKind != JsonValueKind.Object) throw WrongType("an object");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in Element.EnumerateObject())
        {
            if (!allowedKeys.Contains(property.Name, StringComparer.Ordinal) && !unlisted.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Error(property.Name, "unknown key; allowed keys: " + string.Join(", ", allowedKeys));
            }

            if (!seen.Add(property.Name)) throw Error(property.Name, "duplicate key");
        }
    }

    /// <summary>The value of <paramref name="key"/> in this object, or null when the key is absent.</summary>
    public ConfigNode? Optional(string key) =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(key, out var value) ? new ConfigNode(Source, ChildPath(key), value) : null;

    /// <summary>The value of <paramref name="key"/>; a missing key is an error.</summary>
    public ConfigNode Required(string key, string? why = null) =>
        Optional(key) ?? throw Error(key, "required key is missing" + (why is null ? "" : $" ({why})"));

    /// <summary>Whether this object has <paramref name="key"/> (with any value, null included).</summary>
    public bool Has(string key) => Optional(key) is not null;

    /// <summary>
    /// The value at a dotted path below this object (<c>"training.batchSize"</c>), or null when a key on the way is
    /// absent or not an object.
    /// </summary>
    public ConfigNode? At(string dottedPath)
    {
        ConfigNode? node = this;
        foreach (var key in dottedPath.Split('.'))
        {
            node = node?.Optional(key);
            if (node is null) return null;
        }

        return node;
    }

    /// <summary>The items of this array.</summary>
    public IReadOnlyList<ConfigNode> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array) throw WrongType("an array");
        return Element.EnumerateArray().Select((item, i) => new ConfigNode(Source, $"{Path}[{i}]", item)).ToArray();
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
    public T GetEnum<T>() where T : struct, Enum => (T)GetEnum(typeof(T));

    /// <summary>A value of the enum <paramref name="enumType"/> by its JSON name (see <see cref="JsonNames"/>).</summary>
    public object GetEnum(Type enumType) => JsonNames.Parse(enumType, GetChoice(JsonNames.All(enumType)));

    /// <summary>JSONPath of a key of this object: <c>$.a.b</c>, or <c>$['odd key']</c> for keys that are not identifiers.</summary>
    public string ChildPath(string key) =>
        IdentifierRegex().IsMatch(key)
            ? Path + "." + key
            : Path + "['" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";

    /// <summary>Formats a number for messages (shortest round-trip form).</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex IdentifierRegex();
}
