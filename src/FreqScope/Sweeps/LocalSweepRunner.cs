using System.Diagnostics;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Sweeps;

/// <summary>
/// Runs a sweep's unfinished members in parallel child processes of the FreqScope command line
/// (<c>freqscope sweep member SWEEP_DIR INDEX --threads T</c>), at most <see cref="LocalSweepOptions.Jobs"/> at once.
/// The parent alone writes sweep.json and sweep.csv, after each member stops; each child's output goes to
/// <c>SWEEP_DIR/local/NAME.log</c>. Cancelling sends SIGINT to the children (they checkpoint and exit 130); members
/// not yet started stay pending. The same callbacks as <see cref="SweepRunner.Run"/> report progress.
/// </summary>
public static class LocalSweepRunner
{
    /// <summary>The folder under the sweep folder that holds the children's logs.</summary>
    public const string LogFolder = "local";

    /// <summary>Runs (or continues) the sweep in child processes; returns when every member has stopped.</summary>
    /// <exception cref="InvalidOperationException">The folder holds something other than this sweep.</exception>
    public static SweepRunResult Run(SweepSpec spec, SweepRunOptions options, LocalSweepOptions local, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(local);
        if (local.Jobs < 1) throw new ArgumentException($"jobs {local.Jobs} is out of range; expected an integer >= 1", nameof(local));
        if (local.Command.Count == 0) throw new ArgumentException("the command line to start is empty", nameof(local));
        using var held = SweepRunner.LockFolder(options);
        var manifest = SweepRunner.OpenFolder(spec, options, SweepManifest.Local, local.Jobs);
        var dir = Path.GetFullPath(options.OutputDirectory);
        var logs = Path.Combine(dir, LogFolder);
        Directory.CreateDirectory(logs);
        var gate = new object();
        var records = spec.Members.Select(m => SweepRunner.ReadMemberRecord(spec, m, dir)).ToList();
        var queue = new Queue<SweepMember>();
        foreach (var member in spec.Members)
        {
            if (records[member.Index].Status == RunStatus.Finished)
            {
                options.OnMemberStart?.Invoke(member, "skip");
                options.OnMemberDone?.Invoke(member, records[member.Index]);
            }
            else
            {
                queue.Enqueue(member);
            }
        }

        manifest = SweepRunner.WriteMembers(dir, manifest, records);
        var running = new List<Child>();
        using var forward = cancellation.Register(() =>
        {
            lock (gate)
            {
                foreach (var child in running) ProcessSignals.Interrupt(child.Process.Id);
            }
        });

        var status = RunStatus.Finished;
        while (true)
        {
            lock (gate)
            {
                while (!cancellation.IsCancellationRequested && running.Count < local.Jobs && queue.Count > 0)
                    running.Add(Start(queue.Dequeue(), dir, logs, options, local, gate));
                if (running.Count == 0) break;
            }

            Task[] exits;
            lock (gate) exits = [.. running.Select(c => c.Exited)];
            var done = Task.WaitAny(exits);
            Child finished;
            lock (gate)
            {
                finished = running[done];
                running.RemoveAt(done);
            }

            finished.Process.WaitForExit();
            var code = finished.Process.ExitCode;
            finished.Process.Dispose();
            finished.Log.Dispose();
            var record = SweepRunner.ReadMemberRecord(spec, finished.Member, dir);
            // A member stopped before its run folder existed is still pending: there is nothing of it to resume.
            if (code == 130 && record.Status == RunStatus.Running)
                record = record with { Status = RunStatus.Interrupted };
            else if (code != 0 && code != 130 && record.Status is not (RunStatus.Failed or RunStatus.Diverged))
                record = record with { Status = RunStatus.Failed, Error = $"the member's process exited with code {code}; see {Path.Combine(logs, finished.Member.Name + ".log")}" };
            lock (gate)
            {
                records[finished.Member.Index] = record;
                manifest = SweepRunner.WriteMembers(dir, manifest, records);
                if (!finished.Started) options.OnMemberStart?.Invoke(finished.Member, "run");
                options.OnMemberDone?.Invoke(finished.Member, record);
            }

            if (record.Status == RunStatus.Failed && status == RunStatus.Finished) status = RunStatus.Failed;
        }

        if (cancellation.IsCancellationRequested && records.Any(r => r.Status != RunStatus.Finished && r.Status != RunStatus.Failed))
            status = RunStatus.Interrupted;
        manifest = SweepRunner.WriteMembers(dir, manifest, records);
        if (options.BuildReport) SweepReport.Build(dir);
        return new SweepRunResult(dir, status, manifest);
    }

    /// <summary>The arguments after the command line that run one member: <c>sweep member DIR INDEX --threads T</c>.</summary>
    public static IReadOnlyList<string> MemberArguments(string sweepDir, string index, string threads, bool buildReport, bool progressLines)
    {
        var args = new List<string> { "sweep", "member", sweepDir, index, "--threads", threads };
        if (!buildReport) args.Add("--no-report");
        if (progressLines) args.Add("--progress-lines");
        return args;
    }

    private static Child Start(SweepMember member, string dir, string logs, SweepRunOptions options, LocalSweepOptions local, object gate)
    {
        var psi = new ProcessStartInfo(local.Command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in local.Command.Skip(1)) psi.ArgumentList.Add(a);
        // A member whose sweep process has ended (killed) stops as at Ctrl-C instead of running on unwatched.
        psi.Environment[ProcessSignals.ParentVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var a in MemberArguments(dir, member.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            local.ThreadsPerJob.ToString(System.Globalization.CultureInfo.InvariantCulture), options.BuildReport, progressLines: true))
            psi.ArgumentList.Add(a);
        var log = new StreamWriter(Path.Combine(logs, member.Name + ".log"), append: true) { AutoFlush = true };
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        var child = new Child(member, process, log, exited.Task);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not string line) return;
            lock (gate)
            {
                if (line.StartsWith(MemberProtocol.Start, StringComparison.Ordinal))
                {
                    child.Started = true;
                    options.OnMemberStart?.Invoke(member, line[MemberProtocol.Start.Length..].Trim());
                }
                else if (MemberProtocol.TryParseProgress(line, out var fraction, out var text))
                {
                    if (child.Started) options.OnProgress?.Invoke(member, fraction, text);
                }
                else
                {
                    log.WriteLine(line);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not string line) return;
            lock (gate) log.WriteLine(line);
        };
        try
        {
            if (!process.Start()) throw new InvalidOperationException($"could not start {local.Command[0]} for sweep member {member.Name}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"could not start {local.Command[0]} for sweep member {member.Name}: {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private sealed class Child(SweepMember member, Process process, StreamWriter log, Task exited)
    {
        public SweepMember Member { get; } = member;
        public Process Process { get; } = process;
        public StreamWriter Log { get; } = log;
        public Task Exited { get; } = exited;
        public bool Started { get; set; }
    }
}
