using System.Text.Json;
using System.Text.RegularExpressions;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Experiments.Fit1d;
using FreqScope.Native;
using FreqScope.Tests.Experiments;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Recipes;

/// <summary>The README's C# blocks show <see cref="LibraryRecipes"/> byte for byte, and the recipes run.</summary>
[Collection(TorchCollection.Name)]
public sealed partial class LibraryRecipesTests
{
    private static readonly string RecipesFile = Path.Combine(RepoPaths.Root, "tests", "FreqScope.Tests", "Recipes", "LibraryRecipes.cs");

    [Fact]
    public void TheReadmeShowsTheRecipesAsTheyAreCompiled()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var source = File.ReadAllText(RecipesFile);

        // A block may open with the usings a program needs; every one of them is the recipe file's.
        var shown = CodeBlock().Matches(readme).Select(m => m.Groups[1].Value).ToList();
        var usings = shown.SelectMany(b => Using().Matches(b)).Select(m => m.Value).ToList();
        Assert.NotEmpty(usings);
        Assert.All(usings, u => Assert.Contains(u, source));
        shown = [.. shown.Select(b => Using().Replace(b, "").TrimStart('\n'))];

        var recipes = Recipe().Matches(source).Select(m => string.Concat(m.Groups[1].Value.Split('\n').Select(Dedent))).ToList();
        Assert.Equal(5, recipes.Count);
        Assert.Equal(recipes, shown);
    }

    [Fact]
    public void TheRecipesRunOnTheSmokeVersionsOfTheConfigsTheyName()
    {
        if (!File.Exists(Path.Combine(RealFashionMnistFilteringTests.DebianFolder, "train-images-idx3-ubyte.gz")))
            Assert.Skip($"{RealFashionMnistFilteringTests.DebianFolder} has no Fashion-MNIST files: install Debian's dataset-fashion-mnist (.ci/run does)");
        NativeLoader.EnsureLoaded();
        var dir = RepoPaths.NewTempDirectory();
        var here = Environment.CurrentDirectory;
        var console = Console.Out;
        var output = new StringWriter();
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "experiments"));
            foreach (var name in Recipe().Matches(File.ReadAllText(RecipesFile)).SelectMany(m => ConfigName().Matches(m.Value)).Select(m => m.Groups[1].Value))
            {
                var config = ConfigLoader.LoadAnyFile(Path.Combine(RepoPaths.Experiments, name));
                var kind = ExperimentKinds.Registry.Kinds.Single(k => k.Name == config.Experiment);
                File.WriteAllText(Path.Combine(dir, "experiments", name), kind.Write(kind.Smoke(config)));
            }

            Environment.CurrentDirectory = dir;
            Console.SetOut(output);
            LibraryRecipes.Fit1d();
            LibraryRecipes.Classify();
            LibraryRecipes.Poisson();
            double[][] r = LibraryRecipes.Fourier();
            Console.SetOut(console);

            // The ensemble: two tiny fit1d configs that differ in seed and learning rate; x and y a sine on 64 points.
            var member = FitExperiment.Smoke(FitExperiment.LoadDefault()) with { Name = "a" };
            FitExperimentConfig[] configs = [member, member with { Name = "b", Seed = 1, Training = member.Training with { LearningRate = 2 * member.Training.LearningRate } }];
            double[] x = [.. Enumerable.Range(0, 64).Select(i => -1 + 2.0 * i / 63)];
            var (losses, results) = LibraryRecipes.Ensemble(x, [.. x.Select(v => Math.Sin(Math.PI * v))], configs);
            Assert.Equal(2, losses.Length);
            Assert.All(losses, l => Assert.True(l < 0.25, $"loss {l} is not below half the target's mean square (0.5) after 1000 steps"));
            Assert.All(results, result => Assert.Equal(RunStatus.Finished, result.Status));
            Assert.Equal(RunStatus.Finished, RunFolder.ReadManifest(Path.Combine(dir, "runs", "b")).Status);

            // What the recipes print is what their run folders hold.
            string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            JsonElement Summary(string run) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "runs", run, RunFolder.SummaryFile))).RootElement;
            int deltas = Summary("fmnist").GetProperty("filtering").GetProperty("deltas").GetArrayLength();
            int methods = Summary("poisson").GetProperty("methods").GetArrayLength();
            Assert.Equal(1 + deltas + methods + 1, lines.Length);
            Assert.Equal(Summary("seed1").GetProperty("verdict").GetString(), lines[0]);
            Assert.All(lines.Skip(1).Take(deltas), l => Assert.StartsWith("δ = ", l));
            Assert.StartsWith(Summary("pde-vs-network").GetProperty("verdict").GetString() + " PDE discrepancy ", lines[^1]);
            Assert.Equal(1, JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "runs", "seed1", RunFolder.ConfigFile))).RootElement.GetProperty("seed").GetInt64());

            // The PDE alone: two snapshots on the 801 nodes; the error decays, most where ρ is largest.
            Assert.Equal(2, r.Length);
            Assert.All(r, row => Assert.Equal(801, row.Length));
            Assert.True(r[1].Sum(Math.Abs) < r[0].Sum(Math.Abs), "the error grew from t = 100 to t = 1000");
        }
        finally
        {
            Console.SetOut(console);
            Environment.CurrentDirectory = here;
            Directory.Delete(dir, true);
        }
    }

    private static string Dedent(string line, int index) => (index == 0 ? "" : "\n") + (line.StartsWith("        ", StringComparison.Ordinal) ? line[8..] : line);

    [GeneratedRegex(@"^```csharp\n(.*?)```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"^using [A-Za-z0-9.]+;\n", RegexOptions.Multiline)]
    private static partial Regex Using();

    [GeneratedRegex(@"^        // recipe\n(.*?)^        // end\n", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Recipe();

    [GeneratedRegex(@"""experiments/([a-z0-9-]+\.json)""")]
    private static partial Regex ConfigName();
}
