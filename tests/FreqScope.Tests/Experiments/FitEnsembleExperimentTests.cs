using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Fit1d;
using FreqScope.Sweeps;

namespace FreqScope.Tests.Experiments;

[Collection(TorchCollection.Name)]
public sealed class FitEnsembleExperimentTests
{
    public FitEnsembleExperimentTests() => NativeLoader.EnsureLoaded();

    private static readonly string[] DataFiles = ["metrics.csv", "spectra.csv", "outputs.csv", "summary.json"];

    /// <summary>A 3-member sweep (seeds 0–2, widths zipped so member 2 is narrower and padded), 40 steps, checkpoints every 10.</summary>
    private static SweepSpec Sweep(string name = "ens")
    {
        var json = ConfigJson.Set(ConfigJson.Minimal, "name", $"\"{name}\"");
        json = ConfigJson.Set(json, "model.hidden", "[16, 16]");
        json = ConfigJson.Set(json, "training.steps", "40");
        json = ConfigJson.Set(json, "training.checkpointEvery", "10");
        json = ConfigJson.Set(json, "probe.every", "5");
        json = ConfigJson.Set(json, "sweep", """
            { "mode": "zip", "values": {
                "seed": [0, 1, 2],
                "model.hidden": [[16, 16], [16, 16], [8, 12]],
                "training.learningRate": [0.001, 0.003, 0.002],
                "model.weightInit": [{ "distribution": "default" }, { "distribution": "normal", "std": 0.3 }, { "distribution": "normal", "scale": { "m": 16, "t": 0.5 } }] } }
            """);
        return SweepSpec.Parse(json, name + ".json");
    }

    [Fact]
    public void AnEnsembleSweepWritesOrdinaryRunFoldersThatMatchSoloRuns()
    {
        var ens = RepoPaths.NewTempDirectory();
        var solo = RepoPaths.NewTempDirectory();
        try
        {
            var spec = Sweep();
            var a = SweepRunner.Run(spec, new SweepRunOptions { OutputDirectory = ens, BuildReport = false }, TestContext.Current.CancellationToken);
            var b = SweepRunner.Run(spec, new SweepRunOptions { OutputDirectory = solo, BuildReport = false, Ensemble = false }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, a.Status);
            Assert.Equal(RunStatus.Finished, b.Status);
            Assert.True(Directory.Exists(Path.Combine(ens, ".ensemble-000", "checkpoint")));
            double worst = 0;
            for (int k = 0; k < 3; k++)
            {
                var member = spec.Members[k].Name;
                var manifest = RunFolder.ReadManifest(Path.Combine(ens, member));
                Assert.Equal(new EnsembleMembership(k, 3, Path.Combine(ens, ".ensemble-000")), manifest.Ensemble);
                Assert.Null(RunFolder.ReadManifest(Path.Combine(solo, member)).Ensemble);
                Assert.Equal(40, manifest.StepsCompleted);
                Assert.Equal(File.ReadAllText(Path.Combine(solo, member, "config.json")), File.ReadAllText(Path.Combine(ens, member, "config.json")));

                // Same files, same rows; numbers equal up to float rounding.
                var e = FitRunFolderReader.Read(Path.Combine(ens, member));
                var s = FitRunFolderReader.Read(Path.Combine(solo, member));
                Assert.Equal(s.Metrics.Select(m => m.Step), e.Metrics.Select(m => m.Step));
                Assert.Equal(s.Spectra.Count, e.Spectra.Count);
                var so = s.Outputs!;
                var eo = e.Outputs!;
                Assert.Equal(so.Count, eo.Count);
                for (int i = 0; i < so.Count; i++)
                    worst = Math.Max(worst, Math.Abs(so[i].Output - eo[i].Output));
                for (int i = 0; i < s.Metrics.Count; i++)
                    Assert.Equal(s.Metrics[i].TrainLoss, e.Metrics[i].TrainLoss, 1e-4 * Math.Max(1, s.Metrics[i].TrainLoss));
                Assert.Equal(a.Manifest.Members[k].Metrics.Keys, b.Manifest.Members[k].Metrics.Keys);
            }

            Assert.True(worst < 1e-4, $"largest output difference {worst:E2}");
            TestContext.Current.SendDiagnosticMessage($"ensemble vs solo: largest output difference {worst:E2}");

            // The report works unchanged on an ensemble member.
            var report = RunReport.Build(Path.Combine(ens, spec.Members[2].Name));
            Assert.True(File.Exists(report.ReportPath));
        }
        finally
        {
            Directory.Delete(ens, true);
            Directory.Delete(solo, true);
        }
    }

    [Fact]
    public void AnInterruptedEnsembleSweepResumesToTheSameFiles()
    {
        var whole = RepoPaths.NewTempDirectory();
        var broken = RepoPaths.NewTempDirectory();
        try
        {
            var spec = Sweep();
            Assert.Equal(RunStatus.Finished, SweepRunner.Run(spec, new SweepRunOptions { OutputDirectory = whole, BuildReport = false }, TestContext.Current.CancellationToken).Status);

            using var stop = new CancellationTokenSource();
            var first = SweepRunner.Run(spec, new SweepRunOptions
            {
                OutputDirectory = broken,
                BuildReport = false,
                OnProgress = (m, fraction, _) => { if (m.Index == 2 && fraction >= 0.6) stop.Cancel(); },
            }, stop.Token);
            Assert.Equal(RunStatus.Interrupted, first.Status);
            Assert.All(spec.Members, m => Assert.Equal(RunStatus.Interrupted, RunFolder.ReadManifest(Path.Combine(broken, m.Name)).Status));

            var actions = new List<string>();
            var second = SweepRunner.Run(spec, new SweepRunOptions
            {
                OutputDirectory = broken,
                BuildReport = false,
                OnMemberStart = (m, action) => actions.Add($"{m.Name}:{action}"),
            }, TestContext.Current.CancellationToken);
            Assert.True(second.Status == RunStatus.Finished, second.Manifest.Members[0].Error);
            Assert.Equal(["ens-000:resume", "ens-001:resume", "ens-002:resume"], actions);
            foreach (var member in spec.Members)
            {
                var resumed = RunFolder.ReadManifest(Path.Combine(broken, member.Name));
                Assert.Equal([25L], resumed.ResumedFrom);
                foreach (var file in DataFiles)
                    Assert.Equal(File.ReadAllText(Path.Combine(whole, member.Name, file)), File.ReadAllText(Path.Combine(broken, member.Name, file)));
            }
        }
        finally
        {
            Directory.Delete(whole, true);
            Directory.Delete(broken, true);
        }
    }

    [Fact]
    public void IncompatibleMembersRunAloneAndTheCapSplitsGroups()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var json = ConfigJson.Set(ConfigJson.Minimal, "name", "\"mix\"");
            json = ConfigJson.Set(json, "training.steps", "10");
            json = ConfigJson.Set(json, "sweep", """{ "values": { "training.batchSize": [null, 10], "seed": [0, 1, 2] } }""");
            var spec = SweepSpec.Parse(json, "mix.json");
            var result = SweepRunner.Run(spec, new SweepRunOptions { OutputDirectory = dir, BuildReport = false, EnsembleCap = 2 }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, result.Status);
            // Full batch, seeds 0–2: a group of 2 and a lone member (run solo); mini-batches always solo.
            var ensembles = spec.Members.Select(m => RunFolder.ReadManifest(Path.Combine(dir, m.Name)).Ensemble).ToList();
            Assert.Equal([0, 1], ensembles.Take(2).Select(e => e!.Index));
            Assert.All(ensembles.Skip(2), Assert.Null);
            Assert.Single(Directory.GetDirectories(dir, ".ensemble-*"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ConfigsThatCannotShareANetworkAreRefusedByName()
    {
        var spec = Sweep();
        var configs = spec.Members.Select(m => (FitExperimentConfig)m.Config).ToList();
        var other = configs[1] with { Training = configs[1].Training with { Steps = 41 } };
        var e = Assert.Throws<ArgumentException>(() => FitEnsembleExperiment.Run([configs[0], other], ["a", "b"], new FitEnsembleOptions { GroupDirectory = "g" }, TestContext.Current.CancellationToken));
        Assert.Contains("differs from", e.Message);
        var h1 = configs[1] with { Training = configs[1].Training with { H1Weight = 0.1 } };
        Assert.Contains("h1Weight", Assert.Throws<ArgumentException>(() => FitEnsembleExperiment.Run([configs[0], h1], ["a", "b"], new FitEnsembleOptions { GroupDirectory = "g" }, TestContext.Current.CancellationToken)).Message);
        Assert.Null(FitEnsembleExperiment.Incompatibility(configs[2]));
        Assert.Equal(FitEnsembleExperiment.GroupKey(configs[0]), FitEnsembleExperiment.GroupKey(configs[2]));
    }

    [Fact]
    public void AFinishedEnsembleRefusesToResumeWithTheMessageEveryRunGives()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var spec = Sweep();
            var configs = spec.Members.Take(2).Select(m => (FitExperimentConfig)m.Config).ToList();
            string[] dirs = [Path.Combine(dir, "a"), Path.Combine(dir, "b")];
            var group = Path.Combine(dir, "group");
            var done = FitEnsembleExperiment.Run(configs, dirs, new FitEnsembleOptions { GroupDirectory = group, BuildReport = false }, TestContext.Current.CancellationToken);
            Assert.All(done, r => Assert.Equal(RunStatus.Finished, r.Status));

            var resume = new FitEnsembleOptions { GroupDirectory = group, BuildReport = false, Resume = true };
            var e = Assert.Throws<InvalidOperationException>(() => FitEnsembleExperiment.Run(configs, dirs, resume, TestContext.Current.CancellationToken));
            Assert.Equal($"cannot resume {dirs[0]}: the run has already finished (40 steps)", e.Message);

            // A member folder whose config.json is another kind's is refused as a solo run's would be.
            var config = Path.Combine(dirs[0], RunFolder.ConfigFile);
            File.WriteAllText(config, File.ReadAllText(config).Replace("\"fit1d\"", "\"ntk\"", StringComparison.Ordinal));
            e = Assert.Throws<InvalidOperationException>(() => FitEnsembleExperiment.Run(configs, dirs, resume, TestContext.Current.CancellationToken));
            Assert.Equal($"cannot resume {dirs[0]}: its config.json is not a fit1d experiment", e.Message);
            Assert.Equal(RunStatus.Finished, RunFolder.ReadManifest(dirs[1]).Status);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
