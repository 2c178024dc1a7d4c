using FreqScope.Core.Runs;
using FreqScope.Tests.Golden;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Core;

/// <summary>
/// Same config and seed on one machine give the same files, also across fresh processes (where MKL's run-time
/// choices would show): the default experiment is run 50 times, each in a process of its own, one after another,
/// and every data file of every run (the step-0 probe rows included) must equal the first run's. About 7 minutes on
/// 2 cores, so it is in the slow group (<c>--filter Category!=Slow</c> leaves it out while iterating).
/// </summary>
public sealed class DeterminismTests
{
    private const int Runs = 50;

    [Fact]
    [Trait("Category", "Slow")]
    public void FiftyFreshProcessesOfTheDefaultGiveIdenticalFiles()
    {
        var work = Directory.CreateTempSubdirectory("freqscope-determinism-").FullName;
        try
        {
            string? first = null;
            for (int i = 0; i < Runs; i++)
            {
                var dir = Path.Combine(work, $"run-{i:00}");
                using var process = CliRunner.Start(null, "run", "--no-report", "--out", dir);
                Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), $"run {i} did not end within 3 minutes");
                Assert.True(process.ExitCode == 0, $"run {i}: exit {process.ExitCode}");
                Assert.Equal(RunStatus.Finished, RunFolder.ReadManifest(dir).Status);
                var digest = RunDigest.Of(dir, [(dir, "<RUN>")]);
                Assert.Contains("spectra.csv ", digest, StringComparison.Ordinal);
                if (first is null) first = digest;
                else Assert.True(first == digest, $"run {i} differs from run 0:\n{Differ(first, digest)}");
                if (i > 0) Directory.Delete(dir, recursive: true);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Differ(string a, string b) =>
        string.Join('\n', a.Split('\n').Except(b.Split('\n')).Select(l => "run 0: " + l)
            .Concat(b.Split('\n').Except(a.Split('\n')).Select(l => "this:  " + l)));
}
