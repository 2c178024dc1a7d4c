using FreqScope.Cli;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Sweeps;
using FreqScope.Tests.Support;
using Spectre.Console;

namespace FreqScope.Tests.Sweeps;

/// <summary>The local backend, the member command, collect and the Slurm submission with a stand-in sbatch.</summary>
[Collection(TorchCollection.Name)]
public sealed class SweepBackendTests
{
    public SweepBackendTests() => NativeLoader.EnsureLoaded();

    /// <summary>A fit1d sweep file over seeds: 8 hidden units, <paramref name="steps"/> steps, on the CPU.</summary>
    public static string WriteTinySweep(string dir, string seeds = "[0, 1, 2]", int steps = 20, int probeEvery = 5)
    {
        var path = Path.Combine(dir, "tiny.json");
        File.WriteAllText(path, $$"""
            { "name": "tiny", "device": "cpu",
              "target": { "kind": "sinusoids", "terms": [ { "frequency": 1 } ] },
              "data": { "domain": [0, 1], "train": { "count": 101 } },
              "model": { "hidden": [8] },
              "training": { "steps": {{steps}}, "checkpointEvery": 100 },
              "probe": { "every": {{probeEvery}} },
              "sweep": { "values": { "seed": {{seeds}} } } }
            """);
        return path;
    }

    public static (int Code, string Output) Cli(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 400;
        int code = CliApp.Run(args, console, writer);
        return (code, writer.ToString());
    }

    /// <summary>sweep.csv as member → (status, metric → value), the metrics parsed; the timing column left out.</summary>
    public static Dictionary<string, (string Status, Dictionary<string, double?> Metrics)> ReadTable(string sweepDir)
    {
        var lines = File.ReadAllLines(Path.Combine(sweepDir, SweepRunner.TableFile));
        var header = lines[0].Split(',');
        var manifest = SweepRunner.ReadManifest(sweepDir);
        var table = new Dictionary<string, (string, Dictionary<string, double?>)>();
        for (var row = 1; row < lines.Length; row++)
        {
            var cells = header.Zip(lines[row].Split(',')).ToDictionary(p => p.First, p => p.Second);
            table[cells["member"]] = (cells["status"], manifest.Metrics.ToDictionary(m => m,
                m => cells[m].Length == 0 ? (double?)null : CsvFormat.ParseDouble(cells[m], "sweep.csv", row + 1, m)));
        }

        return table;
    }

    [Fact]
    public void TheLocalBackendGivesExactlyTheInProcessNumbers()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var config = WriteTinySweep(dir);
            // The in-process reference runs each member alone (no ensemble), as every child process does.
            var (code, output) = Cli("sweep", config, "--out", Path.Combine(dir, "inprocess"), "--no-report", "--no-ensemble");
            Assert.True(code == CliApp.ExitOk, output);
            (code, output) = Cli("sweep", config, "--out", Path.Combine(dir, "local"), "--backend", "local", "--jobs", "2", "--no-report");
            Assert.True(code == CliApp.ExitOk, output);
            foreach (var m in new[] { "tiny-000", "tiny-001", "tiny-002" }) Assert.Contains($"{m} seed=", output);

            var expected = ReadTable(Path.Combine(dir, "inprocess"));
            var actual = ReadTable(Path.Combine(dir, "local"));
            Assert.Equal(3, actual.Count);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var (member, row) in expected)
            {
                Assert.Equal("finished", actual[member].Status);
                Assert.Contains("finalTrainLoss", row.Metrics.Keys);
                Assert.Equal(row.Metrics, actual[member].Metrics);
            }

            // Each child's output is kept; the metrics in sweep.json are those of each member's summary.json.
            Assert.True(File.Exists(Path.Combine(dir, "local", LocalSweepRunner.LogFolder, "tiny-001.log")));
            var (spec, _) = SweepRunner.LoadFolder(Path.Combine(dir, "local"));
            Assert.All(SweepRunner.ReadManifest(Path.Combine(dir, "local")).Members, r =>
                Assert.Equal(SweepRunner.ReadMetrics(Path.Combine(dir, "local", r.Name), spec.Experiment), r.Metrics));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CancellingTheLocalBackendInterruptsTheChildrenAndResumeFinishesThem()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var spec = SweepSpec.LoadFile(WriteTinySweep(dir, "[0, 1, 2]", steps: 30000, probeEvery: 20));
            var sweepDir = Path.Combine(dir, "sweep");
            var local = new LocalSweepOptions { Command = ["dotnet", Path.Combine(AppContext.BaseDirectory, "FreqScope.Cli.dll")], Jobs = 2 };
            using var cts = new CancellationTokenSource();
            var first = LocalSweepRunner.Run(spec, new SweepRunOptions
            {
                OutputDirectory = sweepDir,
                BuildReport = false,
                OnProgress = (_, fraction, _) => { if (fraction > 0.02) cts.Cancel(); },
            }, local, cts.Token);
            Assert.Equal(RunStatus.Interrupted, first.Status);
            Assert.Contains(first.Manifest.Members, m => m.Status == RunStatus.Interrupted);
            Assert.Equal(SweepRunner.Pending, first.Manifest.Members[2].Status);
            var interrupted = first.Manifest.Members.First(m => m.Status == RunStatus.Interrupted);
            Assert.Equal(RunStatus.Interrupted, RunFolder.ReadManifest(Path.Combine(sweepDir, interrupted.Name)).Status);

            var actions = new List<string>();
            var second = LocalSweepRunner.Run(spec, new SweepRunOptions
            {
                OutputDirectory = sweepDir,
                BuildReport = false,
                OnMemberStart = (m, action) => { lock (actions) actions.Add($"{m.Name}:{action}"); },
            }, local, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, second.Status);
            Assert.Contains($"{interrupted.Name}:resume", actions);
            Assert.Contains("tiny-002:run", actions);
            Assert.NotEmpty(RunFolder.ReadManifest(Path.Combine(sweepDir, interrupted.Name)).ResumedFrom);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void TheMemberCommandRunsOneMemberWithoutTouchingSweepJsonAndCollectReportsWhatIsMissing()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var spec = SweepSpec.LoadFile(WriteTinySweep(dir));
            var sweepDir = Path.Combine(dir, "sweep");
            SweepRunner.OpenFolder(spec, new SweepRunOptions { OutputDirectory = sweepDir, BuildReport = false });
            var before = File.ReadAllText(Path.Combine(sweepDir, SweepRunner.ManifestFile));

            var (code, output) = Cli("sweep", "member", sweepDir, "1", "--no-report");
            Assert.True(code == CliApp.ExitOk, output);
            Assert.Contains("tiny-001 finished", output);
            Assert.Equal(before, File.ReadAllText(Path.Combine(sweepDir, SweepRunner.ManifestFile)));
            Assert.True(RunFolder.ReadManifest(Path.Combine(sweepDir, "tiny-001")).Finished);
            Assert.False(Directory.Exists(Path.Combine(sweepDir, "tiny-000")));

            (code, output) = Cli("sweep", "member", sweepDir, "3");
            Assert.Equal(CliApp.ExitUsage, code);
            Assert.Contains("member index 3 is out of range", output);

            (code, output) = Cli("sweep", "status", sweepDir);
            Assert.True(code == CliApp.ExitOk, output);
            Assert.Contains("3 members: 1 finished, 2 pending", output);

            // A partial collect writes the table with each member's status and exits 1, naming what is missing.
            (code, output) = Cli("sweep", "collect", sweepDir, "--no-report");
            Assert.Equal(CliApp.ExitError, code);
            Assert.Contains("2 of 3 members have not finished", output);
            Assert.Contains("tiny-000 seed=0: pending", output);
            var partial = ReadTable(sweepDir);
            Assert.Equal(["pending", "finished", "pending"], partial.Values.Select(r => r.Status));
            Assert.NotNull(partial["tiny-001"].Metrics["finalTrainLoss"]);

            foreach (var index in new[] { "0", "2" }) Assert.Equal(CliApp.ExitOk, Cli("sweep", "member", sweepDir, index, "--no-report").Code);
            (code, output) = Cli("sweep", "collect", sweepDir);
            Assert.True(code == CliApp.ExitOk, output);
            Assert.True(File.Exists(Path.Combine(sweepDir, "report.html")));
            var inProcess = SweepRunner.Run(spec, new SweepRunOptions { OutputDirectory = Path.Combine(dir, "inprocess"), BuildReport = false, Ensemble = false }, TestContext.Current.CancellationToken);
            var collected = SweepRunner.ReadManifest(sweepDir);
            Assert.Equal(inProcess.Manifest.Metrics, collected.Metrics);
            Assert.Equal(inProcess.Manifest.Members.Select(m => m.Metrics), collected.Members.Select(m => m.Metrics));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void BackendOptionsAreCheckedAndSubcommandsAreNotTakenForAConfig()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var config = WriteTinySweep(dir);
            var (code, output) = Cli("sweep", config, "--jobs", "2");
            Assert.Equal(CliApp.ExitUsage, code);
            Assert.Contains("--jobs applies to --backend local", output);
            (code, output) = Cli("sweep", config, "--backend", "local", "--jobs", "0");
            Assert.Equal(CliApp.ExitUsage, code);
            Assert.Contains("--jobs 0 is out of range", output);
            (code, output) = Cli("sweep", config, "--partition", "gpu");
            Assert.Equal(CliApp.ExitUsage, code);
            Assert.Contains("apply to --backend slurm", output);
            (code, output) = Cli("sweep", config, "--backend", "cluster");
            Assert.Equal(CliApp.ExitUsage, code);
            Assert.Contains("cluster", output);
            (code, output) = Cli("sweep", "status", Path.Combine(dir, "nothing"));
            Assert.Equal(CliApp.ExitUsage, code);
            Assert.Contains("sweep folder", output);
            Assert.Contains("does not exist", output);
            Assert.False(File.Exists(Path.Combine(dir, "nothing", SweepRunner.ManifestFile)));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void SlurmSubmissionWritesTheScriptsAndRecordsTheJobsOfAStandInSbatch()
    {
        var dir = RepoPaths.NewTempDirectory();
        var path = Environment.GetEnvironmentVariable("PATH");
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
            var sbatch = Path.Combine(bin, "sbatch");
            var calls = Path.Combine(dir, "calls.txt");
            File.WriteAllText(sbatch, $"""
                #!/bin/sh
                echo "$*" >> {calls}
                n=$(wc -l < {calls})
                echo "$((100 + n));freqscope"
                """.Replace("\r", "", StringComparison.Ordinal));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(sbatch, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Environment.SetEnvironmentVariable("PATH", bin + Path.PathSeparator + path);
            var config = WriteTinySweep(dir);
            var sweepDir = Path.Combine(dir, "sweep");
            var (code, output) = Cli("sweep", config, "--out", sweepDir, "--backend", "slurm", "--partition", "short", "--time", "00:10:00",
                "--mem", "2G", "--gpus", "1", "--cpus-per-task", "2", "--sbatch-arg=--account=proj", "--sbatch-arg", "--qos=low", "--retries", "2");
            Assert.True(code == CliApp.ExitOk, output);
            Assert.Contains("Slurm array job 101", output);
            Assert.Contains("Retry job 102", output);
            Assert.Contains($"freqscope sweep status {sweepDir}", output);

            var script = File.ReadAllLines(Path.Combine(sweepDir, "slurm", "array.sbatch"));
            Assert.Equal("#!/bin/bash", script[0]);
            foreach (var line in new[] { "#SBATCH --job-name=tiny", "#SBATCH --array=0-2", $"#SBATCH --output={sweepDir}/slurm/%A_%a.out",
                "#SBATCH --cpus-per-task=2", "#SBATCH --partition=short", "#SBATCH --time=00:10:00", "#SBATCH --mem=2G", "#SBATCH --gpus=1",
                "#SBATCH --account=proj", "#SBATCH --qos=low" })
                Assert.Contains(line, script);
            var exec = script.Single(l => l.StartsWith("exec ", StringComparison.Ordinal));
            Assert.Contains($"FreqScope.Cli.dll sweep member {sweepDir} \"$SLURM_ARRAY_TASK_ID\" --threads \"${{SLURM_CPUS_PER_TASK:-1}}\"", exec);
            Assert.True(Path.IsPathRooted(exec.Split(' ')[1]), exec);
            Assert.Contains($"sweep retry {sweepDir}", File.ReadAllText(Path.Combine(sweepDir, "slurm", "retry.sbatch")));

            var sbatchCalls = File.ReadAllLines(calls);
            Assert.Equal($"--parsable --array=0-2 {sweepDir}/slurm/array.sbatch", sbatchCalls[0]);
            Assert.Equal($"--parsable --dependency=afterany:101 {sweepDir}/slurm/retry.sbatch", sbatchCalls[1]);
            var jobs = SlurmSweep.ReadJobs(sweepDir);
            Assert.Equal(["array:101:1:0,1,2", "retry:102:1:"], jobs.Submissions.Select(s => $"{s.Kind}:{s.JobId}:{s.Attempt}:{string.Join(",", s.Indices)}"));
            Assert.Equal(2, jobs.Options.Retries);

            // The retry job: member 1 finished, the others are resubmitted as attempt 2 with one more retry job.
            Assert.Equal(CliApp.ExitOk, Cli("sweep", "member", sweepDir, "1", "--no-report").Code);
            (code, output) = Cli("sweep", "retry", sweepDir);
            Assert.True(code == CliApp.ExitOk, output);
            Assert.Contains("resubmitting 2 member(s) (0,2) as attempt 2", output);
            Assert.Equal($"--parsable --array=0,2 {sweepDir}/slurm/array.sbatch", File.ReadAllLines(calls)[2]);
            Assert.Equal(["array:101:1", "retry:102:1", "array:103:2", "retry:104:2"], SlurmSweep.ReadJobs(sweepDir).Submissions.Select(s => $"{s.Kind}:{s.JobId}:{s.Attempt}"));

            // A failing sbatch: its error is shown and nothing is recorded.
            File.WriteAllText(sbatch, "#!/bin/sh\necho 'sbatch: error: invalid partition specified: nope' >&2\nexit 1\n");
            var other = Path.Combine(dir, "other");
            (code, output) = Cli("sweep", config, "--out", other, "--backend", "slurm", "--partition", "nope");
            Assert.Equal(CliApp.ExitError, code);
            Assert.Contains("invalid partition specified: nope", output);
            Assert.False(File.Exists(Path.Combine(other, "slurm", "jobs.json")));

            // No sbatch at all.
            Environment.SetEnvironmentVariable("PATH", Path.Combine(dir, "empty"));
            (code, output) = Cli("sweep", config, "--out", Path.Combine(dir, "third"), "--backend", "slurm");
            Assert.Equal(CliApp.ExitError, code);
            Assert.Contains("sbatch was not found on PATH", output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
            Directory.Delete(dir, true);
        }
    }
}
