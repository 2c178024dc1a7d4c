using System.Text.Json.Serialization;

namespace FreqScope.Tests.Extending;

/// <summary>The source-generated JSON contract of <see cref="DecayConfig"/>: its reader, writer and schema follow from it.</summary>
[JsonSerializable(typeof(DecayConfig))]
internal sealed partial class DecayConfigJson : JsonSerializerContext;
