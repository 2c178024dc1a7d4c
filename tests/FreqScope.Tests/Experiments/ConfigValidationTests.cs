using FreqScope.Experiments.Fit1d;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Experiments;
using Xunit;

namespace FreqScope.Tests.Experiments;

public sealed class ConfigValidationTests
{
    private const string Name201 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";

    private static ConfigException Fail(string json)
    {
        var e = Assert.Throws<ConfigException>(() => FitExperiment.Parse(json, "test.json"));
        Assert.Equal("test.json", e.Source);
        Assert.StartsWith($"test.json: {e.JsonPath}: ", e.Message);
        return e;
    }

    [Theory]
    [InlineData("model.hiden", "[10]", "$.model.hiden", "unknown key; allowed keys: hidden, activation, weightInit, biasInit, encoding")]
    [InlineData("training.learningRate", "-0.1", "$.training.learningRate", "-0.1 is out of range; expected a number > 0")]
    [InlineData("model.activation", "\"tanhh\"", "$.model.activation", "\"tanhh\" is not allowed; expected one of tanh, relu, sigmoid, sin, gelu, softplus, leakyRelu")]
    [InlineData("data.train.count", "\"101\"", "$.data.train.count", "\"101\" has the wrong type; expected an integer")]
    public void ExactMessages(string path, string value, string jsonPath, string problem)
    {
        var e = Fail(ConfigJson.With(path, value));
        Assert.Equal(jsonPath, e.JsonPath);
        Assert.Equal(problem, e.Problem);
        Assert.Equal($"test.json: {jsonPath}: {problem}", e.Message);
    }

    [Theory]
    // unknown keys
    [InlineData("epochs", "5", "$.epochs", "unknown key")]
    [InlineData("training.lr", "0.1", "$.training.lr", "allowed keys: optimizer, learningRate")]
    [InlineData("target.terms", "[{\"frequency\": 1, \"freq\": 2}]", "$.target.terms[0].freq", "unknown key")]
    [InlineData("model.weightInit", "{\"distribution\": \"normal\", \"scale\": {\"m\": 2, \"t\": 1, \"s\": 0}}", "$.model.weightInit.scale.s", "allowed keys: m, t")]
    [InlineData("odd key", "1", "$['odd key']", "unknown key")]
    // wrong types
    [InlineData("data.train.count", "1.5", "$.data.train.count", "1.5 has the wrong type; expected an integer")]
    [InlineData("seed", "\"1\"", "$.seed", "\"1\" has the wrong type; expected an integer")]
    [InlineData("data.train.includeEndpoint", "\"yes\"", "$.data.train.includeEndpoint", "\"yes\" has the wrong type; expected true or false")]
    [InlineData("training.learningRate", "\"fast\"", "$.training.learningRate", "\"fast\" has the wrong type; expected a number")]
    [InlineData("training.steps", "null", "$.training.steps", "null has the wrong type")]
    [InlineData("model.hidden", "8", "$.model.hidden", "8 has the wrong type; expected an array")]
    [InlineData("model.hidden", "[8, \"8\"]", "$.model.hidden[1]", "\"8\" has the wrong type; expected an integer")]
    [InlineData("training", "[]", "$.training", "[] has the wrong type; expected an object")]
    [InlineData("target", "[1, 2]", "$.target", "[1,2] has the wrong type; expected an object")]
    [InlineData("name", "7", "$.name", "7 has the wrong type; expected a string")]
    // out of range
    [InlineData("data.train.count", "1", "$.data.train.count", "1 is out of range; expected an integer between 2 and 10000000")]
    [InlineData("data.train.count", "10000001", "$.data.train.count", "10000001 is out of range")]
    [InlineData("data.train.count", "1e12", "$.data.train.count", "1e12 is out of range")]
    [InlineData("data.eval.count", "1", "$.data.eval.count", "1 is out of range; expected an integer >= 2")]
    [InlineData("data.domain", "[1, 0]", "$.data.domain", "[1, 0] is out of range; expected [min, max] with min < max")]
    [InlineData("data.domain", "[1, 1]", "$.data.domain", "[1, 1] is out of range")]
    [InlineData("data.domain", "[0]", "$.data.domain", "[0] is out of range; expected [min, max], two numbers")]
    [InlineData("data.domain", "[0, 1e400]", "$.data.domain[1]", "1e400 is out of range; expected a finite number")]
    [InlineData("model.hidden", "[]", "$.model.hidden", "[] is out of range; expected 1 to 64 layer widths")]
    [InlineData("model.hidden", "[10, 0]", "$.model.hidden[1]", "0 is out of range; expected an integer >= 1")]
    [InlineData("training.momentum", "1", "$.training.momentum", "1 is out of range; expected a number in [0, 1)")]
    [InlineData("training.momentum", "-0.5", "$.training.momentum", "-0.5 is out of range")]
    [InlineData("training.beta1", "1", "$.training.beta1", "1 is out of range; expected a number in [0, 1)")]
    [InlineData("training.beta2", "-0.1", "$.training.beta2", "-0.1 is out of range")]
    [InlineData("training.weightDecay", "-1e-4", "$.training.weightDecay", "-1e-4 is out of range; expected a number >= 0")]
    [InlineData("training.batchSize", "0", "$.training.batchSize", "0 is out of range; expected an integer between 1 and the train count (101)")]
    [InlineData("training.batchSize", "102", "$.training.batchSize", "102 is out of range")]
    [InlineData("training.steps", "0", "$.training.steps", "0 is out of range; expected an integer >= 1")]
    [InlineData("training.h1Weight", "-1", "$.training.h1Weight", "-1 is out of range")]
    [InlineData("training.stopAtLoss", "0", "$.training.stopAtLoss", "0 is out of range; expected a number > 0")]
    [InlineData("training.checkpointEvery", "0", "$.training.checkpointEvery", "0 is out of range")]
    [InlineData("probe.every", "0", "$.probe.every", "0 is out of range; expected an integer >= 1")]
    [InlineData("probe.keep", "0", "$.probe.keep", "0 is out of range")]
    [InlineData("probe.keep", "52", "$.probe.keep", "52 is out of range; expected an integer between 1 and n/2 + 1 = 51")]
    [InlineData("probe.minRelativeHeight", "1.5", "$.probe.minRelativeHeight", "1.5 is out of range; expected a number in [0, 1]")]
    [InlineData("probe.epsilon", "0", "$.probe.epsilon", "0 is out of range; expected a number > 0")]
    [InlineData("probe.snapshots", "1", "$.probe.snapshots", "1 is out of range; expected an integer >= 2")]
    [InlineData("name", "\"\"", "$.name", "\"\" is out of range")]
    [InlineData("name", "\"my run\"", "$.name", "\"my run\" is out of range")]
    [InlineData("name", "\"..\"", "$.name", "\"..\" is out of range")]
    [InlineData("name", "\"" + Name201 + "\"", "$.name", "is out of range; expected a name of at most 200 characters (it has 201)")]
    // bad enums and choices
    [InlineData("device", "\"gpu\"", "$.device", "\"gpu\" is not allowed; expected one of cpu, cuda, auto")]
    [InlineData("experiment", "\"fit2d\"", "$.experiment", "\"fit2d\" is not allowed; expected one of fit1d, classify")]
    [InlineData("target.kind", "\"sinusoid\"", "$.target.kind", "\"sinusoid\" is not allowed; expected one of sinusoids, square, sawtooth, gaussianBumps, csv")]
    [InlineData("target.frequencyUnit", "\"hertz\"", "$.target.frequencyUnit", "\"hertz\" is not allowed; expected one of angular, cycles")]
    [InlineData("data.train.sampling", "\"grid\"", "$.data.train.sampling", "\"grid\" is not allowed; expected one of uniform, random")]
    [InlineData("training.optimizer", "\"rmsprop\"", "$.training.optimizer", "\"rmsprop\" is not allowed; expected one of adam, sgd")]
    [InlineData("probe.errorForm", "\"phase\"", "$.probe.errorForm", "\"phase\" is not allowed; expected one of complex, magnitude")]
    [InlineData("model.biasInit", "{\"distribution\": \"he\"}", "$.model.biasInit.distribution", "\"he\" is not allowed; expected one of default, normal, uniform, xavierNormal")]
    // missing required keys
    [InlineData("target", null, "$.target", "required key is missing")]
    [InlineData("data", null, "$.data", "required key is missing")]
    [InlineData("model", null, "$.model", "required key is missing")]
    [InlineData("data.domain", null, "$.data.domain", "required key is missing")]
    [InlineData("data.train", null, "$.data.train", "required key is missing")]
    [InlineData("data.train.count", null, "$.data.train.count", "required key is missing")]
    [InlineData("model.hidden", null, "$.model.hidden", "required key is missing")]
    [InlineData("target.kind", null, "$.target.kind", "required key is missing")]
    [InlineData("target.terms", null, "$.target.terms", "required key is missing (kind \"sinusoids\" needs at least one term)")]
    [InlineData("target.terms", "[]", "$.target.terms", "[] is out of range; expected at least one term")]
    [InlineData("target.terms", "[{\"amplitude\": 2}]", "$.target.terms[0].frequency", "required key is missing")]
    // rules between keys
    [InlineData("training", "{\"optimizer\": \"sgd\", \"nesterov\": true}", "$.training.nesterov", "true requires optimizer \"sgd\" with momentum > 0 (optimizer is \"sgd\", momentum 0)")]
    [InlineData("training", "{\"momentum\": 0.9, \"nesterov\": true}", "$.training.nesterov", "(optimizer is \"adam\", momentum 0.9)")]
    [InlineData("model.weightInit", "{\"distribution\": \"normal\"}", "$.model.weightInit", "distribution \"normal\" requires std or scale")]
    [InlineData("model.biasInit", "{\"distribution\": \"uniform\"}", "$.model.biasInit", "distribution \"uniform\" requires std or scale")]
    [InlineData("model.weightInit", "{\"distribution\": \"normal\", \"std\": 0.1, \"scale\": {\"m\": 2, \"t\": 1}}", "$.model.weightInit", "takes exactly one of std and scale, not both")]
    [InlineData("model.weightInit", "{\"distribution\": \"normal\", \"std\": -1}", "$.model.weightInit.std", "-1 is out of range; expected a number > 0")]
    [InlineData("model.weightInit", "{\"distribution\": \"normal\", \"scale\": {\"m\": 200}}", "$.model.weightInit.scale.t", "required key is missing")]
    [InlineData("model.weightInit", "{\"distribution\": \"normal\", \"scale\": {\"m\": 0, \"t\": 1}}", "$.model.weightInit.scale.m", "0 is out of range; expected a number > 0")]
    [InlineData("model.weightInit", "{\"distribution\": \"xavierNormal\", \"std\": 0.1}", "$.model.weightInit.std", "std is only allowed with distribution \"normal\" or \"uniform\", not \"xavierNormal\"")]
    [InlineData("model.weightInit", "{\"scale\": {\"m\": 2, \"t\": 1}}", "$.model.weightInit.scale", "not \"default\"")]
    [InlineData("model.weightInit", "{\"distribution\": \"normal\", \"std\": 0.1, \"gain\": 2}", "$.model.weightInit.gain", "2 is not allowed with distribution \"normal\"")]
    [InlineData("model.weightInit", "{\"distribution\": \"kaimingNormal\", \"gain\": 0}", "$.model.weightInit.gain", "0 is out of range; expected a number > 0")]
    public void RejectsWithPathAndValue(string path, string? value, string jsonPath, string fragment)
    {
        var e = Fail(ConfigJson.With(path, value));
        Assert.Equal(jsonPath, e.JsonPath);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"kind\": \"square\"}", "$.target.frequency", "required key is missing (kind \"square\" needs a frequency)")]
    [InlineData("{\"kind\": \"sawtooth\", \"frequency\": 0}", "$.target.frequency", "0 is out of range; expected a number > 0")]
    [InlineData("{\"kind\": \"gaussianBumps\"}", "$.target.bumps", "required key is missing (kind \"gaussianBumps\" needs at least one bump)")]
    [InlineData("{\"kind\": \"gaussianBumps\", \"bumps\": []}", "$.target.bumps", "[] is out of range; expected at least one bump")]
    [InlineData("{\"kind\": \"gaussianBumps\", \"bumps\": [{\"center\": 0, \"width\": 0}]}", "$.target.bumps[0].width", "0 is out of range; expected a number > 0")]
    [InlineData("{\"kind\": \"gaussianBumps\", \"bumps\": [{\"width\": 1}]}", "$.target.bumps[0].center", "required key is missing")]
    [InlineData("{\"kind\": \"csv\"}", "$.target.csvPath", "required key is missing (kind \"csv\" needs a file)")]
    [InlineData("{\"kind\": \"csv\", \"csvPath\": \"\"}", "$.target.csvPath", "\"\" is out of range; expected a non-empty file path")]
    [InlineData("{\"kind\": \"csv\", \"csvPath\": \"a.csv\", \"csvYColumn\": \"\"}", "$.target.csvYColumn", "expected a non-empty string")]
    public void RejectsBadTargets(string target, string jsonPath, string fragment)
    {
        var e = Fail(ConfigJson.With("target", target));
        Assert.Equal(jsonPath, e.JsonPath);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsDuplicateKeys()
    {
        var json = ConfigJson.Minimal.Replace("\"hidden\": [8]", "\"hidden\": [8], \"hidden\": [9]", StringComparison.Ordinal);
        var e = Fail(json);
        Assert.Equal("$.model.hidden", e.JsonPath);
        Assert.Contains("duplicate key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsANonObjectDocument()
    {
        var e = Fail("[1, 2]");
        Assert.Equal("$", e.JsonPath);
        Assert.Contains("has the wrong type; expected an object", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsTheLineOfInvalidJson()
    {
        var e = Fail("{\n  \"seed\": 1,\n  \"name\": oops\n}");
        Assert.Equal("$", e.JsonPath);
        Assert.Contains("invalid JSON at line 3, position", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsTooManyLayers()
    {
        var e = Fail(ConfigJson.With("model.hidden", "[" + string.Join(",", Enumerable.Repeat(4, 65)) + "]"));
        Assert.Equal("$.model.hidden", e.JsonPath);
        Assert.Contains("1 to 64 layer widths", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsUnusedBumpsForSinusoids()
    {
        var config = FitExperiment.Parse(ConfigJson.With("target.bumps", "[]"), "test.json");
        Assert.Empty(config.Target.Bumps);
        Assert.Equal(TargetKind.Sinusoids, config.Target.Kind);
    }
}
