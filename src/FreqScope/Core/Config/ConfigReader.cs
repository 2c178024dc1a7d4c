using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace FreqScope.Core.Config;

/// <summary>
/// Reads a config record from JSON against its contract (the source-generated <see cref="JsonTypeInfo"/> of the
/// record and the rule attributes on its properties), so that every problem is a <see cref="ConfigException"/>
/// naming the source, the JSONPath, the value as written and what is allowed:
/// <list type="number">
/// <item>the document is walked in key order: unknown and duplicate keys, keys of another variant, missing required
/// keys, wrong types, and the values each key's attributes refuse (<see cref="RangeAttribute"/>,
/// <see cref="CountAttribute"/>, <see cref="OneOfAttribute"/>, <see cref="NonEmptyAttribute"/>); integers may be
/// written <c>2.0</c> or <c>1e3</c>;</item>
/// <item>the keys left out get their record's defaults, and System.Text.Json builds the records;</item>
/// <item>each record spelt out in the document checks its own rules (<see cref="IConfigRules"/>), innermost first;</item>
/// <item>the root fills in defaults that depend on other values (<see cref="IConfigDefaults{TSelf}"/>).</item>
/// </list>
/// </summary>
public static class ConfigReader
{
    /// <summary>Keys accepted at the root of any config without being part of it (an editor's schema reference).</summary>
    public static IReadOnlyList<string> IgnoredRootKeys { get; } = ["$schema"];

    private static readonly ConcurrentDictionary<(JsonSerializerOptions, Type), JsonNode?> Defaults = new();
    private static readonly ConcurrentDictionary<PropertyInfo, bool> NullableReferences = new();

    /// <summary>Reads the record at <paramref name="root"/> (the document's root).</summary>
    /// <exception cref="ConfigException">The document breaks a rule.</exception>
    public static T Read<T>(ConfigNode root, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var complete = Walk(root, typeInfo, IgnoredRootKeys);
        var value = complete.Deserialize(typeInfo) ?? throw root.WrongType("an object");
        Check(root, value, typeInfo);
        return value is IConfigDefaults<T> defaults ? defaults.WithDerivedDefaults(root) : value;
    }

    /// <summary>Checks <paramref name="node"/> against <paramref name="info"/> and returns it as JSON with every absent key's default.</summary>
    private static JsonNode Walk(ConfigNode node, JsonTypeInfo info, IReadOnlyList<string>? unlisted = null)
    {
        if (info.Kind != JsonTypeInfoKind.Object) throw new InvalidOperationException($"{info.Type.Name} is not a config record");
        var spec = info.Type.GetCustomAttribute<VariantsAttribute>();
        var all = Keys(info);
        var keys = all;
        string? active = null;
        if (spec is { Style: VariantStyle.UnknownKey })
        {
            if (node.Element.ValueKind != JsonValueKind.Object) throw node.WrongType("an object");
            active = Discriminator(node, info, spec);
            keys = [.. keys.Where(p => Belongs(p, active))];
        }

        var listed = info.Type.GetCustomAttribute<ListedKeyOrderAttribute>()?.Keys.Where(k => keys.Any(p => p.Name == k)).ToList()
            ?? [.. keys.Select(p => p.Name)];
        node.ExpectObject(listed, unlisted ?? []);
        if (spec is { Style: VariantStyle.AppliesTo })
        {
            active = Discriminator(node, info, spec);
            foreach (var p in keys)
            {
                if (Belongs(p, active) || !node.Has(p.Name)) continue;
                var variant = Attribute<VariantAttribute>(p)!;
                throw node.Error(p.Name, $"applies to {spec.Discriminator} {string.Join(" and ", variant.Values.Select(v => $"\"{v}\""))}, not \"{active}\"{variant.Note}");
            }

            keys = [.. keys.Where(p => Belongs(p, active))];
        }

        // The keys of other variants keep their defaults in the records (they are neither read nor written).
        var inactive = all.Except(keys).ToList();
        var result = new JsonObject();
        var defaults = DefaultsOf(info);
        foreach (var p in keys)
        {
            var child = node.Optional(p.Name);
            if (child is null)
            {
                var variant = Attribute<VariantAttribute>(p);
                if (p.IsRequired || variant is { Required: true })
                {
                    var why = Attribute<MissingAttribute>(p)?.Why;
                    throw node.Error(p.Name, "required key is missing" + (why is null ? "" : $" ({why})"));
                }

                if (defaults?[p.Name] is { } value) result[p.Name] = value.DeepClone();
                continue;
            }

            result[p.Name] = Value(child, p.PropertyType, p, info.Options);
        }

        foreach (var p in inactive)
            if (defaults?[p.Name] is { } value) result[p.Name] = value.DeepClone();
        if (typeof(IConfigJsonRules).IsAssignableFrom(info.Type))
            info.Type.GetMethod(nameof(IConfigJsonRules.CheckJson), BindingFlags.Public | BindingFlags.Static, [typeof(ConfigNode)])!
                .Invoke(null, BindingFlags.DoNotWrapExceptions, null, [node], null);
        return result;
    }

    /// <summary>The keys a record reads: settable or constructor-bound properties, in contract order.</summary>
    private static List<JsonPropertyInfo> Keys(JsonTypeInfo info) =>
        [.. info.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null)];

    private static bool Belongs(JsonPropertyInfo p, string? active) =>
        Attribute<VariantAttribute>(p) is not { } variant || (active is not null && variant.Values.Contains(active));

    /// <summary>Reads and checks the discriminator; absent and optional, it is the record's default.</summary>
    private static string Discriminator(ConfigNode node, JsonTypeInfo info, VariantsAttribute spec)
    {
        var p = info.Properties.Single(x => x.Name == spec.Discriminator);
        var child = node.Optional(p.Name);
        if (child is null)
        {
            if (p.IsRequired) throw node.Error(p.Name, "required key is missing");
            return ConfigJson.DiscriminatorValue(p.Get!(Activator.CreateInstance(info.Type)!));
        }

        Value(child, p.PropertyType, p, info.Options);
        return child.GetString();
    }

    /// <summary>Checks one value (a list's items each) and returns it as JSON, records completed with their defaults.</summary>
    private static JsonNode? Value(ConfigNode node, Type type, JsonPropertyInfo? property, JsonSerializerOptions options)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (node.Element.ValueKind == JsonValueKind.Null && (underlying is not null || (property is not null && IsNullableReference(property))))
            return null;
        type = underlying ?? type;
        if (type == typeof(string))
        {
            var text = Attribute<OneOfAttribute>(property) is { } oneOf ? node.GetChoice(oneOf.Values) : node.GetString();
            if (Attribute<NonEmptyAttribute>(property) is { } nonEmpty && !nonEmpty.Allows(text)) throw node.OutOfRange(nonEmpty.Expected);
            return JsonValue.Create(text);
        }

        if (type == typeof(bool)) return JsonValue.Create(node.GetBoolean());
        if (type == typeof(double))
        {
            var number = node.GetDouble();
            CheckRange(node, number, property, integer: false);
            return JsonValue.Create(number);
        }

        if (type == typeof(int))
        {
            var integer = node.GetInt32();
            CheckRange(node, integer, property, integer: true);
            return JsonValue.Create(integer);
        }

        if (type == typeof(long))
        {
            var integer = node.GetInt64();
            CheckRange(node, integer, property, integer: true);
            return JsonValue.Create(integer);
        }

        if (type.IsEnum) return JsonValue.Create(JsonNames.Of((Enum)node.GetEnum(type)));
        if (type == typeof(Interval)) return ReadInterval(node);
        var info = options.GetTypeInfo(type);
        if (info.Kind == JsonTypeInfoKind.Enumerable)
        {
            var items = node.Items();
            if (Attribute<CountAttribute>(property) is { } count && (items.Count < count.Min || items.Count > count.Max)) throw node.OutOfRange(count.Expected);
            var array = new JsonArray();
            foreach (var item in items) array.Add(Value(item, info.ElementType!, property, options));
            return array;
        }

        if (info.Kind == JsonTypeInfoKind.Object) return Walk(node, info);
        throw new InvalidOperationException($"config values of type {type.Name} are not supported");
    }

    /// <summary>An out-of-range error when the key's <see cref="RangeAttribute"/> refuses <paramref name="value"/>.</summary>
    private static void CheckRange(ConfigNode node, double value, JsonPropertyInfo? property, bool integer)
    {
        if (Attribute<RangeAttribute>(property) is { } range && !range.Contains(value)) throw node.OutOfRange(range.Describe(integer));
    }

    /// <summary>An interval <c>[min, max]</c>: two finite numbers with min &lt; max.</summary>
    private static JsonArray ReadInterval(ConfigNode node)
    {
        var ends = node.Items();
        if (ends.Count != 2) throw node.OutOfRange("[min, max], two numbers");
        var min = ends[0].GetDouble();
        var max = ends[1].GetDouble();
        if (!(min < max))
            throw node.Error($"[{ConfigNode.Format(min)}, {ConfigNode.Format(max)}] is out of range; expected [min, max] with min < max");
        return [min, max];
    }

    /// <summary>The JSON of a record's default instance, every variant's keys included (null for records without a parameterless constructor).</summary>
    private static JsonNode? DefaultsOf(JsonTypeInfo info) => Defaults.GetOrAdd((info.Options, info.Type), key =>
    {
        if (key.Item2.GetConstructor(Type.EmptyTypes) is null) return null;
        var instance = Activator.CreateInstance(key.Item2)!;
        var options = ConfigJson.AllVariants(key.Item1);
        return JsonSerializer.SerializeToNode(instance, options.GetTypeInfo(key.Item2));
    });

    /// <summary>Runs <see cref="IConfigRules.Check"/> on every record the document spells out, innermost first.</summary>
    private static void Check(ConfigNode node, object value, JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var p in Keys(info))
        {
            if (p.Get is null || node.Optional(p.Name) is not { } child || p.Get(value) is not { } inner) continue;
            var innerInfo = info.Options.GetTypeInfo(p.PropertyType);
            if (innerInfo.Kind == JsonTypeInfoKind.Object) Check(child, inner, innerInfo);
            else if (innerInfo.Kind == JsonTypeInfoKind.Enumerable && innerInfo.ElementType is { } element
                && info.Options.GetTypeInfo(element) is { Kind: JsonTypeInfoKind.Object } itemInfo)
            {
                var items = child.Items();
                int i = 0;
                foreach (var item in (System.Collections.IEnumerable)inner)
                {
                    if (item is not null) Check(items[i], item, itemInfo);
                    i++;
                }
            }
        }

        if (value is IConfigRules rules) rules.Check(node);
    }

    private static bool IsNullableReference(JsonPropertyInfo property) =>
        ConfigJson.Member(property) is { } member
        // NullabilityInfoContext is not thread-safe: one per property, its answer cached.
        && NullableReferences.GetOrAdd(member, m => new NullabilityInfoContext().Create(m).WriteState == NullabilityState.Nullable);

    private static TAttribute? Attribute<TAttribute>(JsonPropertyInfo? property) where TAttribute : Attribute =>
        property is null ? null : ConfigJson.Member(property)?.GetCustomAttribute<TAttribute>();
}
