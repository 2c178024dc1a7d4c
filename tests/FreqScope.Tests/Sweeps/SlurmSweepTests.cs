using System.Diagnostics;
using FreqScope.Cli;
using FreqScope.Core.Runs;
using FreqScope.Native;
using FreqScope.Sweeps;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Sweeps;

/// <summary>A real sweep on a Slurm cluster (the one-node test cluster of .ci/slurm-up); skipped where none answers.</summary>
[Collection(TorchCollection.Name)]
public sealed class SlurmSweepTests
{
    public SlurmSweepTests() => NativeLoader.EnsureLoaded();

    [SlurmFact]
    public void ASlurmSweepGivesExactlyTheInProcessNumbers()
    {
        // The scripts name the test binaries' FreqScope.Cli.dll and a folder under /tmp: both on this one node.
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var config = SweepBackendTests.WriteTinySweep(dir);
            var sweepDir = Path.Combine(dir, "slurm-sweep");
            var (code, output) = SweepBackendTests.Cli("sweep", config, "--out", sweepDir, "--backend", "slurm", "--retries", "1", "--no-report");
            Assert.True(code == CliApp.ExitOk, output);
            var jobs = SlurmSweep.ReadJobs(sweepDir);
            Assert.Equal([SlurmSubmission.ArrayKind, SlurmSubmission.RetryKind], jobs.Submissions.Select(s => s.Kind));

            var clock = Stopwatch.StartNew();
            IReadOnlyList<SweepMemberState> states;
            while (true)
            {
                states = SweepCollector.Status(sweepDir);
                var retryState = SlurmQueue.Query([jobs.Submissions[1].JobId]).GetValueOrDefault(jobs.Submissions[1].JobId);
                if (states.All(s => s.Record.Status == RunStatus.Finished) && retryState is null or "COMPLETED") break;
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3),
                    "the Slurm sweep did not finish within 3 minutes: " + string.Join("; ", states.Select(s => $"{s.Member.Name} {s.Record.Status} {s.SlurmTask} {s.SlurmState} {s.Record.Error}")));
                Thread.Sleep(1000);
            }

            Assert.All(states, s => Assert.Equal($"{jobs.Submissions[0].JobId}_{s.Member.Index}", s.SlurmTask));
            (code, output) = SweepBackendTests.Cli("sweep", "status", sweepDir);
            Assert.True(code == CliApp.ExitOk, output);
            Assert.Contains("3 members: 3 finished", output);
            (code, output) = SweepBackendTests.Cli("sweep", "collect", sweepDir, "--no-report");
            Assert.True(code == CliApp.ExitOk, output);
            Assert.True(File.Exists(Path.Combine(sweepDir, "slurm", $"{jobs.Submissions[0].JobId}_0.out")));
            // The retry job found nothing to resubmit.
            Assert.Equal(2, SlurmSweep.ReadJobs(sweepDir).Submissions.Count);

            (code, output) = SweepBackendTests.Cli("sweep", config, "--out", Path.Combine(dir, "inprocess"), "--no-report", "--no-ensemble");
            Assert.True(code == CliApp.ExitOk, output);
            var expected = SweepBackendTests.ReadTable(Path.Combine(dir, "inprocess"));
            var actual = SweepBackendTests.ReadTable(sweepDir);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var (member, row) in expected)
            {
                Assert.Equal("finished", actual[member].Status);
                Assert.Equal(row.Metrics, actual[member].Metrics);
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
