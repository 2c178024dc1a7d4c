using FreqScope.Tests.Support;

namespace FreqScope.Tests;

public sealed class ReadmeTests
{
    [Fact]
    public void ReadmeCarriesEveryRowOfTheConfigReference()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var rows = File.ReadLines(Path.Combine(RepoPaths.Root, "docs", "config.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count > 40, $"only {rows.Count} config rows found");
        Assert.All(rows, r => Assert.Contains(r, readme));
    }

    [Fact]
    public void ReadmeListsEveryExperimentFile()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        foreach (var file in Directory.GetFiles(RepoPaths.Experiments, "*.json"))
            Assert.Contains($"`{Path.GetFileName(file)}`", readme);
    }
}
