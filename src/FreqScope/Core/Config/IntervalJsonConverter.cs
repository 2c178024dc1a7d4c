using System.Text.Json;
using System.Text.Json.Serialization;

namespace FreqScope.Core.Config;

/// <summary>Reads and writes an <see cref="Interval"/> as <c>[min, max]</c> (the reader has already checked the array).</summary>
public sealed class IntervalJsonConverter : JsonConverter<Interval>
{
    /// <inheritdoc/>
    public override Interval Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected [min, max]");
        reader.Read();
        double min = reader.GetDouble();
        reader.Read();
        double max = reader.GetDouble();
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException("expected [min, max]");
        return new Interval(min, max);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Interval value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        writer.WriteNumberValue(value.Min);
        writer.WriteNumberValue(value.Max);
        writer.WriteEndArray();
    }
}
