using System.Text.RegularExpressions;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Extending;

/// <summary>docs/adding-a-kind.md shows, byte for byte, the files of the kind that <see cref="DecayKindTests"/> runs.</summary>
public sealed partial class AddingAKindGuideTests
{
    [Fact]
    public void TheGuideShowsTheFilesTheTestRuns()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "adding-a-kind.md"));
        var folder = Path.Combine(RepoPaths.Root, "tests", "FreqScope.Tests", "Extending");
        var shown = Block().Matches(guide).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var files = Directory.GetFiles(folder, "Decay*.cs").Select(Path.GetFileName).Where(f => f != "DecayKindTests.cs").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, shown.Keys.Order(StringComparer.Ordinal));
        foreach (var file in files) Assert.True(shown[file!] == File.ReadAllText(Path.Combine(folder, file!)), $"docs/adding-a-kind.md shows another {file}");
    }

    [GeneratedRegex(@"^`([A-Za-z]+\.cs)`:\n\n```csharp\n(.*?)```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Block();
}
