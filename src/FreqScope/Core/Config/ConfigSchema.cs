using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FreqScope.Core.Config;

/// <summary>
/// The JSON Schema (draft 2020-12) of a config record, from the same contract the reader and writer use:
/// System.Text.Json's <see cref="JsonSchemaExporter"/> for the shape (keys, types, required keys), and the record's
/// rules added to it: ranges (<see cref="RangeAttribute"/>), choices (<see cref="OneOfAttribute"/>, enums as their
/// <see cref="JsonNames"/>), list lengths (<see cref="CountAttribute"/>, <see cref="NonEmptyAttribute"/>), no unknown
/// keys, defaults (a record's parameterless instance) and descriptions (the XML documentation beside the assembly,
/// when it is there). Cross-field rules (<see cref="IConfigRules"/>) and which variant's keys apply are stated in
/// descriptions only: the schema is what an editor can check, the reader stays the judge.
/// </summary>
public static partial class ConfigSchema
{
    /// <summary>The draft the schemas follow.</summary>
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> Docs = new();

    /// <summary>
    /// The schema of the record <paramref name="typeInfo"/> describes, titled <paramref name="title"/>, with the
    /// root's <c>experiment</c> key (when it has one) bound to <paramref name="experiment"/>; indented JSON ending in
    /// a newline.
    /// </summary>
    public static string Write(JsonTypeInfo typeInfo, string title, string? experiment = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var options = ConfigJson.AllVariants(typeInfo.Options);
        var info = options.GetTypeInfo(typeInfo.Type);
        var exporter = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = Transform };
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(info, exporter).AsObject();
        var root = new JsonObject { ["$schema"] = Draft, ["title"] = title };
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            root[key] = value;
        }

        // Editors find the schema through the config's own "$schema" key, which the reader ignores.
        if (experiment is not null && root["properties"]?["experiment"] is JsonObject named)
        {
            named["enum"] = new JsonArray(experiment);
            // A sweep file is a config of its kind with a "sweep" key (freqscope sweep expands it).
            root["properties"]!.AsObject()["sweep"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Makes the file a sweep (run it with freqscope sweep): \"mode\" (\"grid\" or \"zip\") and \"values\", which maps dotted paths of this config to lists of values.",
            };
        }
        if (root["properties"] is JsonObject properties) properties.Insert(0, "$schema", new JsonObject { ["type"] = "string", ["description"] = "The JSON Schema of this config (ignored when the config is read)." });
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode node)
    {
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        bool nullable = Nullable.GetUnderlyingType(context.TypeInfo.Type) is not null
            || (node is JsonObject o && o["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null"));
        var schema = Scalar(type, nullable) ?? node as JsonObject ?? [];
        // Lists of values the config converters read (integers, enums) get their item schema here.
        if (context.TypeInfo.Kind == JsonTypeInfoKind.Enumerable && schema["items"] is not JsonObject && context.TypeInfo.ElementType is { } element
            && Scalar(Nullable.GetUnderlyingType(element) ?? element, Nullable.GetUnderlyingType(element) is not null) is { } item)
            schema["items"] = item;
        // No unknown keys (a reference to a schema met before carries the rule where it points).
        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && context.TypeInfo.Properties.Count > 0 && !schema.ContainsKey("$ref")) schema["additionalProperties"] = false;
        if (context.PropertyInfo is { } property && ConfigJson.Member(property) is { } member) Describe(schema, property, member);
        return schema;
    }

    /// <summary>The schema of a value a config converter reads (enum, integer, interval), or null for others.</summary>
    private static JsonObject? Scalar(Type type, bool nullable)
    {
        if (type.IsEnum) return Typed("string", nullable, new JsonObject { ["enum"] = new JsonArray([.. JsonNames.All(type).Select(n => (JsonNode)n)]) });
        if (type == typeof(int) || type == typeof(long)) return Typed("integer", nullable, []);
        if (type == typeof(Interval))
            return Typed("array", nullable, new JsonObject { ["items"] = new JsonObject { ["type"] = "number" }, ["minItems"] = 2, ["maxItems"] = 2 });
        return null;
    }

    private static JsonObject Typed(string type, bool nullable, JsonObject rest)
    {
        var schema = new JsonObject { ["type"] = nullable ? new JsonArray(type, "null") : type };
        foreach (var (key, value) in rest.ToList())
        {
            rest.Remove(key);
            schema[key] = value;
        }

        if (nullable && schema["enum"] is JsonArray values) values.Add(null);
        return schema;
    }

    /// <summary>Adds a property's rules, default and description to its schema.</summary>
    private static void Describe(JsonObject schema, JsonPropertyInfo property, PropertyInfo member)
    {
        if (member.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            // On a list the range bounds its items.
            var bounded = schema["items"] as JsonObject ?? schema;
            if (!double.IsInfinity(range.Min)) bounded[range.MinExclusive ? "exclusiveMinimum" : "minimum"] = range.Min;
            if (!double.IsInfinity(range.Max)) bounded[range.MaxExclusive ? "exclusiveMaximum" : "maximum"] = range.Max;
        }

        if (member.GetCustomAttribute<OneOfAttribute>() is { } oneOf)
        {
            var values = new JsonArray([.. oneOf.Values.Select(v => (JsonNode)v)]);
            if (schema["type"] is JsonArray) values.Add(null);
            schema["enum"] = values;
        }

        if (member.GetCustomAttribute<CountAttribute>() is { } count)
        {
            schema["minItems"] = count.Min;
            if (count.Max != int.MaxValue) schema["maxItems"] = count.Max;
        }

        if (member.GetCustomAttribute<NonEmptyAttribute>() is not null)
            schema[member.PropertyType == typeof(string) ? "minLength" : "minItems"] = 1;
        if (!property.IsRequired && DefaultOf(property, member) is { } value) schema["default"] = value;
        var text = Documentation(member);
        if (member.GetCustomAttribute<VariantAttribute>() is { } variant && member.DeclaringType?.GetCustomAttribute<VariantsAttribute>() is { } variants)
            text = $"{text} (applies to {variants.Discriminator} {string.Join(", ", variant.Values.Select(v => $"\"{v}\""))})".Trim();
        if (text.Length > 0) schema["description"] = text;
    }

    /// <summary>The property's value in a parameterless instance of its record, or null (no such instance, or a null default).</summary>
    private static JsonNode? DefaultOf(JsonPropertyInfo property, PropertyInfo member)
    {
        var owner = member.ReflectedType ?? member.DeclaringType;
        if (owner is null || owner.IsAbstract || owner.GetConstructor(Type.EmptyTypes) is null || property.Get is null) return null;
        var value = property.Get(Activator.CreateInstance(owner)!);
        return value is null ? null : JsonSerializer.SerializeToNode(value, property.PropertyType, property.Options);
    }

    /// <summary>The summary of a property (or of the positional record parameter behind it) in the assembly's XML documentation, as plain text.</summary>
    private static string Documentation(PropertyInfo member)
    {
        var docs = Docs.GetOrAdd(member.Module.Assembly, Load);
        var type = member.DeclaringType!;
        var typeName = (type.FullName ?? type.Name).Replace('+', '.');
        if (docs.TryGetValue($"P:{typeName}.{member.Name}", out var summary)) return summary;
        return docs.TryGetValue($"T:{typeName}#{member.Name}", out var param) ? param : "";
    }

    private static IReadOnlyDictionary<string, string> Load(Assembly assembly)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (string.IsNullOrEmpty(assembly.Location) || !File.Exists(path)) return result;
        foreach (var m in XDocument.Load(path).Descendants("member"))
        {
            var name = (string?)m.Attribute("name");
            if (name is null) continue;
            if (m.Element("summary") is { } s) result[name] = Plain(s);
            if (name.StartsWith("T:", StringComparison.Ordinal))
                foreach (var p in m.Elements("param"))
                    result[$"{name}#{Pascal((string?)p.Attribute("name") ?? "")}"] = Plain(p);
        }

        return result;
    }

    private static string Pascal(string name) => name.Length == 0 ? name : char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..];

    /// <summary>A doc element as one line of text: references by their last name, code as it is.</summary>
    private static string Plain(XElement element)
    {
        var text = string.Concat(element.Nodes().Select(n => n switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "see" or "seealso" } e => (string?)e.Attribute("langword") ?? Last((string?)e.Attribute("cref") ?? e.Value),
            XElement { Name.LocalName: "paramref" or "typeparamref" } e => (string?)e.Attribute("name") ?? "",
            XElement e => Plain(e),
            _ => "",
        }));
        return Spaces().Replace(text, " ").Trim();
    }

    private static string Last(string cref)
    {
        var name = cref.Contains(':', StringComparison.Ordinal) ? cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..] : cref;
        int paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0) name = name[..paren];
        return name[(name.LastIndexOf('.') + 1)..];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
