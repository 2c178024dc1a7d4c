using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FreqScope.Core.Config;

/// <summary>
/// The JSON form of config records, one for all of them: camelCase keys in declaration order (inherited keys first,
/// <see cref="JsonPropertyOrderAttribute"/> to move one), enums as their <see cref="JsonNames"/>, indented with
/// <c>\n</c>, non-ASCII text unescaped, computed (get-only) properties left out, and the keys of a record's other
/// variants (<see cref="VariantAttribute"/>) left out. Records are described to System.Text.Json by a
/// source-generated <see cref="JsonSerializerContext"/> per experiment kind; <see cref="Options"/> wraps one with
/// these rules, and <see cref="ConfigReader"/> reads with the same contracts.
/// </summary>
public static class ConfigJson
{
    private static readonly ConcurrentDictionary<(IJsonTypeInfoResolver, bool), JsonSerializerOptions> Cache = new();

    /// <summary>The options for the records described by <paramref name="resolver"/> (cached per resolver).</summary>
    public static JsonSerializerOptions Options(IJsonTypeInfoResolver resolver) => Create(resolver, variants: true);

    /// <summary>The twin of <paramref name="options"/> (made here) that writes the keys of every variant (used to read a record's defaults).</summary>
    internal static JsonSerializerOptions AllVariants(JsonSerializerOptions options) =>
        Create(Cache.First(entry => ReferenceEquals(entry.Value, options)).Key.Item1, variants: false);

    private static JsonSerializerOptions Create(IJsonTypeInfoResolver resolver, bool variants)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return Cache.GetOrAdd((resolver, variants), key =>
        {
            var options = new JsonSerializerOptions
            {
                WriteIndented = true,
                NewLine = "\n",
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                // Constructor parameters without a default value are required keys (positional records).
                RespectRequiredConstructorParameters = true,
                TypeInfoResolver = key.Item1.WithAddedModifier(info => Arrange(info, key.Item2)),
            };
            options.Converters.Add(new LenientInt32Converter());
            options.Converters.Add(new LenientInt64Converter());
            options.Converters.Add(new JsonNameEnumConverterFactory());
            options.MakeReadOnly();
            return options;
        });
    }

    /// <summary>The indented JSON of <paramref name="config"/>, ending in a newline.</summary>
    public static string Write<T>(T config, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return JsonSerializer.Serialize(config, typeInfo) + "\n";
    }

    /// <summary>The CLR property behind a contract property (null when there is none).</summary>
    internal static PropertyInfo? Member(JsonPropertyInfo property) => property.AttributeProvider as PropertyInfo;

    /// <summary>Orders an object's keys (inherited first, then declaration order, then <see cref="JsonPropertyOrderAttribute"/>) and filters variant keys on writing.</summary>
    private static void Arrange(JsonTypeInfo info, bool variants)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Properties.Count == 0) return;
        // Computed properties (get-only and not a constructor parameter) are not part of the config.
        foreach (var computed in info.Properties.Where(p => p.Set is null && p.AssociatedParameter is null).ToList()) info.Properties.Remove(computed);
        // The source generator lists a type's own properties before the inherited ones; configs read base keys first.
        var ordered = info.Properties
            .Select((p, i) => (Property: p, Index: i, Depth: Depth(Member(p)?.DeclaringType)))
            .OrderBy(x => x.Property.Order).ThenBy(x => x.Depth).ThenBy(x => x.Index)
            .Select(x => x.Property).ToList();
        info.Properties.Clear();
        for (int i = 0; i < ordered.Count; i++)
        {
            ordered[i].Order = i;
            info.Properties.Add(ordered[i]);
        }

        if (!variants || info.Type.GetCustomAttribute<VariantsAttribute>() is not { } spec) return;
        var discriminator = info.Properties.Single(p => p.Name == spec.Discriminator);
        foreach (var property in info.Properties)
        {
            if (Member(property)?.GetCustomAttribute<VariantAttribute>() is not { } variant) continue;
            property.ShouldSerialize = (owner, _) => variant.Values.Contains(DiscriminatorValue(discriminator.Get!(owner)));
        }
    }

    /// <summary>The JSON name of a discriminator value (an enum's JSON name, or the string itself).</summary>
    internal static string DiscriminatorValue(object? value) => value switch
    {
        Enum e => JsonNames.Of(e),
        null => "null",
        _ => value.ToString() ?? "",
    };

    private static int Depth(Type? type)
    {
        int depth = 0;
        for (var t = type?.BaseType; t is not null; t = t.BaseType) depth++;
        return depth;
    }

    /// <summary>An int written as a number; read from any integral number (2.0 and 1e3 too, as the reader allows).</summary>
    private sealed class LenientInt32Converter : JsonConverter<int>
    {
        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TryGetInt32(out var value) ? value : checked((int)reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    /// <summary>A long written as a number; read from any integral number.</summary>
    private sealed class LenientInt64Converter : JsonConverter<long>
    {
        public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TryGetInt64(out var value) ? value : checked((long)reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    /// <summary>Enums as their <see cref="JsonNames"/>.</summary>
    private sealed class JsonNameEnumConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(JsonNameEnumConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class JsonNameEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonNames.TryParse<T>(reader.GetString() ?? "", out var value) ? value : throw new JsonException($"not a {typeof(T).Name}");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(JsonNames.Of(value));
    }
}
