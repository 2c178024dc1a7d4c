using System.Globalization;
using System.Net;
using FreqScope.Cli;
using FreqScope.Core.Runs;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Reporting;

/// <summary>
/// <c>freqscope report</c> on a folder whose run is still writing it: every kind's smoke run, made to look running
/// (manifest <c>running</c>, no summary, a live lock holder) and with every table cut part-way through a line, gives
/// a report with the RUNNING banner and the furthest step of its complete lines; a half-written line stays an error
/// in a run that has ended.
/// </summary>
public sealed class LiveReportTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-live");

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string> Cases() =>
    [
        "fprinciple-1d.json",
        "fashion-mnist-mlp-filtering.json",
        "fashion-mnist-cnn-projection.json",
        "fashion-mnist-mlp-paths.json",
        "poisson-1d-hybrid.json",
        "ff-gaussian.json",
        "ntk-linearised-vs-training.json",
        "parity-10.json",
        "image-fit-plain.json",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void AReportOnARunningFolderReadsOnlyCompleteLines(string file)
    {
        string finished = SmokeRun(file);
        foreach (double cut in new[] { 0.35, 0.8 })
        {
            string live = Path.Combine(_dir, $"live-{cut.ToString(CultureInfo.InvariantCulture)}");
            CopyFolder(finished, live);
            MakeRunning(live, holder: true);
            var best = new Dictionary<string, long>();
            foreach (string csv in Directory.GetFiles(live, "*.csv"))
            {
                string text = File.ReadAllText(csv);
                int header = text.IndexOf('\n') + 1;
                // Cut inside a line (never right after a newline) and past the header.
                int at = Math.Max(header + 1, (int)(text.Length * cut));
                while (at < text.Length - 1 && (text[at - 1] == '\n' || text[at] == '\n')) at++;
                string kept = text[..Math.Min(at, text.Length - 1)];
                File.WriteAllText(csv, kept);
                Accumulate(kept, best);
            }

            var (code, output) = CliRunner.Run("report", live);
            Assert.True(code == CliApp.ExitOk, $"{file} cut at {cut}: exit {code}\n{output}");
            string html = WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(live, RunFolder.ReportFile)));
            string upTo = best.TryGetValue("step", out long s) ? $"data up to step {s.ToString(CultureInfo.InvariantCulture)}"
                : best.TryGetValue("epoch", out long e) ? $"data up to epoch {e.ToString(CultureInfo.InvariantCulture)}"
                : "no data rows yet";
            Assert.Contains($"RUNNING: {upTo} so far (process {Environment.ProcessId} on {Environment.MachineName} is writing this folder)", html);
        }
    }

    [Fact]
    public void AFolderThatSaysRunningWithNoProcessSaysSo()
    {
        string live = Path.Combine(_dir, "dead");
        CopyFolder(SmokeRun("fprinciple-1d.json"), live);
        MakeRunning(live, holder: false);

        var (code, output) = CliRunner.Run("report", live);

        Assert.True(code == CliApp.ExitOk, output);
        string html = WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(live, RunFolder.ReportFile)));
        Assert.Matches(@"UNFINISHED RUN \(status: running, \d+ of \d+ steps\): no process holds the folder, so the run was stopped without ending \(data up to step \d+\); continue it with freqscope run --resume ", html);
        Assert.DoesNotContain("RUNNING: ", html);
    }

    [Fact]
    public void AHalfWrittenLineInAnEndedRunIsStillRefused()
    {
        string run = SmokeRun("fprinciple-1d.json");
        string metrics = Path.Combine(run, "metrics.csv");
        string text = File.ReadAllText(metrics);
        // The last line loses its last column: a short row, which only a running folder may end with.
        File.WriteAllText(metrics, text[..text.TrimEnd('\n').LastIndexOf(',')]);

        var (code, output) = CliRunner.Run("report", run);

        Assert.NotEqual(CliApp.ExitOk, code);
        Assert.Contains("metrics.csv", output);
    }

    [Fact]
    public void TheLastRecordedStepIsTheFurthestCompleteLineOfAnyTable()
    {
        string dir = Path.Combine(_dir, "tables");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a.csv"), "step,x\n0,1\n10,2\n20,3");
        File.WriteAllText(Path.Combine(dir, "b.csv"), "step,k,y\n0,1,2\n15,1,2\n");
        File.WriteAllText(Path.Combine(dir, "c.csv"), "epoch,z\n3,1\n");

        Assert.Equal(("step", 15L), LiveRun.LastRecorded(dir));
        Assert.Equal("a\nb\n", LiveRun.CompleteLines("a\nb\nc"));
        Assert.Equal(string.Empty, LiveRun.CompleteLines("abc"));
        File.Delete(Path.Combine(dir, "a.csv"));
        File.Delete(Path.Combine(dir, "b.csv"));
        Assert.Equal(("epoch", 3L), LiveRun.LastRecorded(dir));
    }

    /// <summary>Adds the furthest first field over the complete data lines of <paramref name="text"/> to <paramref name="best"/> under its column's name.</summary>
    private static void Accumulate(string text, Dictionary<string, long> best)
    {
        string[] lines = text.Split('\n');
        string first = lines[0].Split(',')[0];
        if (first is not ("step" or "epoch")) return;
        // Every line but the last is complete (the last was cut).
        foreach (string line in lines.Skip(1).Take(lines.Length - 2))
            best[first] = Math.Max(best.GetValueOrDefault(first), long.Parse(line.Split(',')[0], CultureInfo.InvariantCulture));
    }

    private string SmokeRun(string file) => SmokeRuns.Run(Path.Combine(_dir, Path.GetFileNameWithoutExtension(file)), file);

    private static void MakeRunning(string dir, bool holder)
    {
        SmokeRuns.MarkRunning(dir, holder);
        File.Delete(Path.Combine(dir, RunFolder.SummaryFile));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(f, Path.Combine(to, Path.GetRelativePath(from, f)), overwrite: true);
    }
}
