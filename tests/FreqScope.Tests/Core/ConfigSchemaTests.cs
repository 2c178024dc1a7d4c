using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FreqScope.Cli;
using FreqScope.Core.Kinds;
using FreqScope.Experiments;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Parity;
using Json.Schema;

namespace FreqScope.Tests.Core;

/// <summary>
/// The JSON Schemas of the kinds' configs: the committed files under <c>schemas/</c> are what the code generates,
/// every shipped experiment file names its kind's schema and validates against it, and the schema refuses what the
/// reader refuses for the rules it can state (ranges, choices, unknown keys, types).
/// </summary>
public sealed partial class ConfigSchemaTests
{
    private static readonly JsonDocumentOptions Comments = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static string SchemaPath(string kind) => Path.Combine(RepoPaths.Root, "schemas", kind + ".schema.json");

    public static TheoryData<string> Kinds() => [.. ExperimentKinds.Registry.Names];

    public static TheoryData<string> Files() =>
        [.. Directory.GetFiles(RepoPaths.Experiments, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static JsonSchema Schema(string kind) => JsonSchema.FromText(File.ReadAllText(SchemaPath(kind)));

    private static EvaluationResults Evaluate(string kind, JsonNode? config) =>
        Schema(kind).Evaluate(JsonSerializer.SerializeToElement(config), new EvaluationOptions { OutputFormat = OutputFormat.List });

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TheCommittedSchemaIsTheGeneratedOne(string kind)
    {
        var generated = ExperimentKinds.Registry.Find(kind)!.Schema();
        Assert.True(File.Exists(SchemaPath(kind)), $"{SchemaPath(kind)} is missing; write it with: freqscope schema --out schemas");
        Assert.True(generated == File.ReadAllText(SchemaPath(kind)), $"{SchemaPath(kind)} is stale; write it again with: freqscope schema --out schemas");
        var (code, printed) = CliRunner.Run("schema", kind);
        Assert.Equal(CliApp.ExitOk, code);
        Assert.Equal(generated, printed.ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryExperimentFileNamesItsSchemaAndValidatesAgainstIt(string file)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Experiments, file)), documentOptions: Comments)!;
        var kind = node["experiment"]?.GetValue<string>() ?? ExperimentKinds.Registry.Default.Name;
        Assert.Equal($"../schemas/{kind}.schema.json", node["$schema"]?.GetValue<string>());
        var result = Evaluate(kind, node);
        Assert.True(result.IsValid, $"{file}: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Theory]
    [InlineData("parity-10.json", "training.steps", "0")]
    [InlineData("parity-10.json", "training.stepz", "3")]
    [InlineData("parity-10.json", "training.optimizer", "\"adamw2\"")]
    [InlineData("parity-10.json", "data.trainFraction", "1")]
    [InlineData("fashion-mnist-mlp-filtering.json", "training.epochs", "2.5")]
    [InlineData("fashion-mnist-mlp-filtering.json", "data.dataset", "\"imagenet\"")]
    [InlineData("fprinciple-1d.json", "model.hidden", "[0, 4]")]
    [InlineData("fprinciple-1d.json", "model.activation", "\"swish\"")]
    [InlineData("poisson-1d-hybrid.json", "experiment", "\"fit1d\"")]
    public void TheSchemaRefusesWhatTheReaderRefuses(string file, string path, string value)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Experiments, file)), documentOptions: Comments)!.AsObject();
        var kind = node["experiment"]?.GetValue<string>() ?? "fit1d";
        var keys = path.Split('.');
        var target = node;
        foreach (var key in keys[..^1]) target = target[key]!.AsObject();
        target[keys[^1]] = JsonNode.Parse(value);
        Assert.ThrowsAny<FreqScope.Core.Config.ConfigException>(() => ConfigLoader.ParseAny(node.ToJsonString(), file));
        Assert.False(Evaluate(kind, node).IsValid, $"{file} with {path} = {value} passes the {kind} schema");
    }

    [Fact]
    public void DefaultsInTheSchemaAreTheValuesTheReaderFillsIn()
    {
        // parity's training section with every key left out reads as the record's defaults; the schema says the same.
        var schema = JsonNode.Parse(File.ReadAllText(SchemaPath("parity")))!;
        var training = schema["properties"]!["training"]!["properties"]!.AsObject();
        var config = (ParityExperimentConfig)ConfigLoader.ParseAny("""{ "experiment": "parity", "data": { "dimension": 4 }, "model": { "hidden": [8] }, "training": { "steps": 10 } }""", "defaults");
        var written = JsonNode.Parse(ConfigLoader.ToJsonAny(config))!["training"]!.AsObject();
        int compared = 0;
        foreach (var (key, property) in training)
        {
            if (property?["default"] is not { } fallback) continue;
            Assert.True(JsonNode.DeepEquals(fallback, written[key]), $"training.{key}: schema default {fallback.ToJsonString()}, reader {written[key]?.ToJsonString()}");
            compared++;
        }

        Assert.True(compared >= 5, $"only {compared} defaults compared");
        Assert.Contains("steps", Description(training["steps"]!), StringComparison.OrdinalIgnoreCase); // from the XML documentation
        Assert.Equal(1, training["steps"]!["minimum"]!.GetValue<double>());
    }

    [Fact]
    public void TheSchemaCommandRefusesAnUnknownKind()
    {
        var (code, output) = CliRunner.Run("schema", "fit2d");
        Assert.Equal(CliApp.ExitUsage, code);
        Assert.Contains("schema \"fit2d\": no such experiment kind; expected one of fit1d, classify", output);
    }

    private static string Description(JsonNode property) => Spaces().Replace(property["description"]?.GetValue<string>() ?? "", " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
