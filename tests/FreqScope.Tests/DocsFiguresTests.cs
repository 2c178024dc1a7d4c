using System.Diagnostics;
using System.Text.RegularExpressions;
using FreqScope.Cli;
using FreqScope.Tests.Support;

namespace FreqScope.Tests;

/// <summary>
/// The documentation's figures come from one command, <c>scripts/docs-figures.sh</c>, driven by
/// <c>docs/images/figures.tsv</c>: the list names every image in docs/images and every image the README and docs
/// show, and the script, run in smoke mode, draws every listed figure from its shipped experiment (so a renamed
/// figure or experiment fails here instead of leaving a stale picture).
/// </summary>
public sealed partial class DocsFiguresTests : IDisposable
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-docs-figures");

    public void Dispose() => Directory.Delete(_dir, true);

    private static (string Image, string Experiment, string Figure)[] Listed() =>
        [.. File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "images", "figures.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => (f[0], f[1], f[2]))];

    [Fact]
    public void TheListNamesEveryImageTheDocsShowAndEveryImageThere()
    {
        var listed = Listed().Select(l => l.Image).ToHashSet();
        var present = Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs", "images"), "*.png").Select(Path.GetFileName).ToHashSet();
        var shown = new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Select(f => Path.GetRelativePath(RepoPaths.Root, f)))
            .SelectMany(f => ImageReference().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, f))).Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.Equal(listed.Order(), present.Order()!);
        Assert.Subset(listed, shown);
        Assert.All(Listed(), l => Assert.True(File.Exists(Path.Combine(RepoPaths.Experiments, l.Experiment)), l.Experiment));
    }

    [Fact]
    public async Task TheScriptDrawsEveryListedFigure()
    {
        if (!File.Exists(Path.Combine(FashionMnist, "train-images-idx3-ubyte.gz"))) Assert.Skip($"{FashionMnist} is missing (Debian's dataset-fashion-mnist)");
        string images = Path.Combine(_dir, "images");
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { Path.Combine(RepoPaths.Root, "scripts", "docs-figures.sh"), "--smoke", "--out", Path.Combine(_dir, "runs"), "--images", images })
            psi.ArgumentList.Add(a);
        psi.Environment["FREQSCOPE_CLI"] = string.Join(" ", CliLocator.Command());
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(20));
        await process.WaitForExitAsync(limit.Token);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{await stderr}\n{await stdout}");
        foreach (var (image, _, _) in Listed())
        {
            byte[] png = File.ReadAllBytes(Path.Combine(images, image));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        }
    }

    [GeneratedRegex(@"docs/images/([A-Za-z0-9._-]+\.png)")]
    private static partial Regex ImageReference();
}
