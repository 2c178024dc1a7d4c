using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Core.Config;
using FreqScope.Core.Kinds;
using FreqScope.Reporting;
using FreqScope.Experiments;

namespace FreqScope.Sweeps;

/// <summary>
/// Runs the members of a <see cref="SweepSpec"/> one after another, each into an ordinary run folder of its kind
/// (<c>OUT/NAME-000/</c>, …), and keeps <c>OUT/sweep.json</c> (spec, members, statuses, metrics) and
/// <c>OUT/sweep.csv</c> (one row per member: swept values and metrics read from its summary.json) up to date after
/// every member. Running the same sweep into the same folder again continues it: finished members are skipped,
/// interrupted ones resumed from their checkpoint, failed or unstarted ones run afresh.
/// </summary>
public static class SweepRunner
{
    /// <summary>The sweep manifest's file name.</summary>
    public const string ManifestFile = "sweep.json";

    /// <summary>The sweep table's file name.</summary>
    public const string TableFile = "sweep.csv";

    /// <summary>Status of a member that has not run yet.</summary>
    public const string Pending = "pending";

    /// <summary>
    /// The metrics sweep.csv reads from a kind's summary.json (<see cref="IExperimentKind.SweepMetrics"/>). A metric a
    /// summary lacks, or holds as null, is left empty; fields the summaries gain do no harm.
    /// </summary>
    public static IReadOnlyList<string> MetricPaths(string experiment) => Kind(experiment).SweepMetrics;

    /// <summary>
    /// The member config that runs: <paramref name="config"/> with the device override, the dataset folder override
    /// (<paramref name="data"/>, for kinds that take <c>--data</c>) and, for a smoke sweep, its kind's smoke settings.
    /// </summary>
    /// <exception cref="ArgumentException">The kind takes no <c>--data</c>.</exception>
    public static IExperimentConfig Prepare(IExperimentConfig config, bool smoke, string? device, string? data = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var kind = ExperimentKinds.Registry.Of(config);
        var aliases = new List<KeyValuePair<string, string>>();
        if (device is not null) aliases.Add(new("--device", device));
        if (data is not null) aliases.Add(new("--data", data));
        var overrides = ExperimentKinds.Registry.ExpandAliases(config, aliases);
        config = ExperimentKinds.Registry.Override(config, overrides, $"sweep member {config.Name}");
        return smoke ? kind.Smoke(config) : config;
    }

    private static IExperimentKind Kind(string experiment) =>
        ExperimentKinds.Registry.Find(experiment) ?? throw new ArgumentException($"unknown experiment kind \"{experiment}\"", nameof(experiment));

    /// <summary>Reads a sweep folder's sweep.json.</summary>
    /// <exception cref="InvalidOperationException">The folder has no sweep.json.</exception>
    /// <exception cref="InvalidDataException">sweep.json is malformed.</exception>
    public static SweepManifest ReadManifest(string sweepDir)
    {
        var path = Path.Combine(sweepDir, ManifestFile);
        if (!File.Exists(path)) throw new InvalidOperationException($"{sweepDir} has no {ManifestFile} (is it a FreqScope sweep folder?)");
        try
        {
            return JsonSerializer.Deserialize<SweepManifest>(File.ReadAllText(path), RunFolder.Json)
                ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The sweep a sweep folder holds (its sweep.json's config, expanded again) and the options it ran with (smoke
    /// flag, device override, config folder), ready for <see cref="Run"/> to continue it.
    /// </summary>
    public static (SweepSpec Spec, SweepRunOptions Options) LoadFolder(string sweepDir)
    {
        var manifest = ReadManifest(sweepDir);
        var spec = SweepSpec.Parse(manifest.Config.ToJsonString(), Path.Combine(sweepDir, ManifestFile));
        return (spec, new SweepRunOptions
        {
            OutputDirectory = sweepDir,
            Smoke = manifest.Smoke,
            Device = manifest.Device,
            Data = manifest.Data,
            ConfigDirectory = manifest.ConfigDirectory,
            Ensemble = manifest.Ensemble ?? true,
        });
    }

    /// <summary>Runs (or continues) the sweep; returns when every member has stopped or the sweep is cancelled (after the current member saved its checkpoint).</summary>
    /// <exception cref="InvalidOperationException">The folder holds something other than this sweep.</exception>
    public static SweepRunResult Run(SweepSpec spec, SweepRunOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        using var held = LockFolder(options);
        var manifest = OpenFolder(spec, options);
        var dir = Path.GetFullPath(options.OutputDirectory);
        var records = manifest.Members.ToList();

        // Ensembles: compatible fit1d members still to run train together first (FitEnsembleSweep); the loop skips them.
        var (ensembled, status) = FitEnsembleSweep.Run(spec, dir, options, (member, record) =>
        {
            records[member.Index] = record;
            manifest = manifest with { Members = records, Metrics = MetricColumns(spec.Experiment, records) };
            Write(dir, manifest);
            options.OnMemberDone?.Invoke(member, record);
        }, cancellation);
        foreach (var member in spec.Members)
        {
            if (ensembled.Contains(member.Index)) continue;
            if (cancellation.IsCancellationRequested)
            {
                status = RunStatus.Interrupted;
                break;
            }

            var record = RunMember(spec, member, options, cancellation);
            records[member.Index] = record;
            manifest = manifest with { Members = records, Metrics = MetricColumns(spec.Experiment, records) };
            Write(dir, manifest);
            options.OnMemberDone?.Invoke(member, record);
            if (record.Status == RunStatus.Interrupted)
            {
                status = RunStatus.Interrupted;
                break;
            }

            if (record.Status == RunStatus.Failed) status = RunStatus.Failed;
        }

        manifest = manifest with { Members = [.. records], Metrics = MetricColumns(spec.Experiment, records) };
        Write(dir, manifest);
        if (options.BuildReport) SweepReport.Build(dir);
        return new SweepRunResult(dir, status, manifest);
    }

    /// <summary>
    /// Creates the sweep folder when absent and takes its <see cref="FolderLock"/>, held by the sweep's parent process
    /// while it runs (each member's run folder has a lock of its own); an error naming the holder when another sweep
    /// process holds it. The temporary files a sweep process killed mid-write left in the folder are removed.
    /// </summary>
    public static FolderLock LockFolder(SweepRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dir = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(dir);
        var held = FolderLock.Acquire(dir, $"cannot run the sweep in {dir}");
        // What a sweep process killed while writing sweep.json or sweep.csv left; each member's folder cleans its own.
        RunFolder.RemoveStaleTemporaries(dir, SearchOption.TopDirectoryOnly);
        return held;
    }

    /// <summary>
    /// Creates the sweep folder, or checks that it holds this same sweep, and writes its sweep.json and sweep.csv with
    /// the statuses the folder had (all pending for a new sweep). Every backend starts with it.
    /// </summary>
    /// <returns>The manifest written.</returns>
    /// <exception cref="InvalidOperationException">The folder holds something other than this sweep.</exception>
    public static SweepManifest OpenFolder(SweepSpec spec, SweepRunOptions options, string backend = SweepManifest.InProcess, int? jobs = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var dir = Path.GetFullPath(options.OutputDirectory);
        var records = spec.Members.Select(NewRecord).ToList();
        var manifest = new SweepManifest
        {
            Name = spec.Name,
            Experiment = spec.Experiment,
            Mode = spec.Mode,
            Keys = [.. spec.Axes.Select(a => a.Path)],
            Smoke = options.Smoke,
            Device = options.Device,
            Data = options.Data is string data ? Path.GetFullPath(data) : null,
            ConfigDirectory = options.ConfigDirectory is string configDir ? Path.GetFullPath(configDir) : null,
            Backend = backend,
            Jobs = jobs,
            // Only the in-process backend groups fit1d members into ensembles; child processes run each alone.
            Ensemble = backend == SweepManifest.InProcess && spec.Experiment == FreqScope.Experiments.Fit1d.FitExperiment.Instance.Name ? options.Ensemble : null,
            Members = records,
            Config = (JsonObject)JsonNode.Parse(spec.SourceJson)!,
        };
        // A continued sweep starts from the statuses it had; they are brought up to date member by member.
        if (CheckFolder(dir, manifest) is { } previous) records = [.. previous.Members];
        Directory.CreateDirectory(dir);
        manifest = manifest with { Members = records, Metrics = MetricColumns(spec.Experiment, records) };
        Write(dir, manifest);
        return manifest;
    }

    /// <summary>The folder's earlier manifest of the same sweep, or null for an absent or empty folder; an error for anything else.</summary>
    private static SweepManifest? CheckFolder(string dir, SweepManifest manifest)
    {
        if (!RunFolder.HasContent(dir)) return null;
        if (!File.Exists(Path.Combine(dir, ManifestFile)))
            throw new InvalidOperationException($"the output folder {dir} already exists, is not empty and holds no {ManifestFile}; choose another --out");
        var previous = ReadManifest(dir);
        var same = previous.Config.ToJsonString() == manifest.Config.ToJsonString()
            && previous.Smoke == manifest.Smoke
            && previous.Members.Select(m => m.Name + " " + m.Label).SequenceEqual(manifest.Members.Select(m => m.Name + " " + m.Label));
        if (!same)
        {
            var was = previous.Smoke == manifest.Smoke ? "a different sweep config" : $"a sweep run with smoke = {(previous.Smoke ? "true" : "false")}";
            throw new InvalidOperationException($"the output folder {dir} holds {was}; continue it with freqscope sweep --resume {dir}, or choose another --out");
        }

        // The remaining members must train as the first ones did: same backend, threads and ensemble grouping.
        if (SettingsDiffer(previous, manifest) is { } how)
            throw new InvalidOperationException($"the output folder {dir} holds this sweep run {how}; continue it so with freqscope sweep --resume {dir}, or choose another --out");

        return previous;
    }

    /// <summary>
    /// How <paramref name="previous"/> ran where <paramref name="now"/> would run differently (as command-line words:
    /// <c>with --backend local</c>), or null when they agree or the earlier sweep.json did not record it.
    /// </summary>
    public static string? SettingsDiffer(SweepManifest previous, SweepManifest now)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(now);
        if (previous.Backend is { } backend && backend != now.Backend) return $"with --backend {backend}";
        if (previous.Jobs is { } jobs && jobs != now.Jobs) return $"with --jobs {jobs}";
        if (previous.Ensemble is { } ensemble && ensemble != now.Ensemble)
            return ensemble ? "with fit1d members as ensembles (without --no-ensemble)" : "with --no-ensemble";
        return null;
    }

    /// <summary>
    /// Runs one member into <c>OUT/NAME</c> as the sweep does: a finished member is skipped (<c>skip</c>), an
    /// interrupted one with a checkpoint resumed (<c>resume</c>), anything else in its folder replaced (<c>rerun</c>),
    /// an absent one run (<c>run</c>). Writes nothing to sweep.json: the member's run folder is its record.
    /// </summary>
    /// <returns>The member's record (failed, with the error, when the run threw).</returns>
    public static SweepMemberRecord RunMember(SweepSpec spec, SweepMember member, SweepRunOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(options);
        var runDir = Path.Combine(Path.GetFullPath(options.OutputDirectory), member.Name);
        var config = Prepare(member.Config, options.Smoke, options.Device, options.Data);
        var record = NewRecord(member);
        string action = "run";
        if (RunFolder.HasContent(runDir))
        {
            var existing = RunFolder.TryReadManifest(runDir);

            if (existing?.Status == RunStatus.Finished)
            {
                options.OnMemberStart?.Invoke(member, "skip");
                return Completed(record, runDir, spec.Experiment, existing);
            }

            // A diverged member is an outcome, as a finished one is: running it again would diverge again.
            if (existing?.Status == RunStatus.Diverged)
            {
                options.OnMemberStart?.Invoke(member, "skip");
                return record with { Status = RunStatus.Diverged, WallSeconds = existing.WallSeconds, Error = existing.Error };
            }

            var resumable = existing is { Status: RunStatus.Interrupted or RunStatus.Running }
                && (Checkpoint.Locate(runDir) is not null || !Kind(spec.Experiment).KeepsCheckpoints);
            if (resumable)
            {
                action = "resume";
            }
            else
            {
                RunFolder.Clear(runDir);
                action = "rerun";
            }
        }

        // A failure a child process recorded earlier no longer holds once the member runs again.
        var errorFile = ErrorFile(Path.GetFullPath(options.OutputDirectory), member.Name);
        if (File.Exists(errorFile)) File.Delete(errorFile);
        options.OnMemberStart?.Invoke(member, action);
        var resume = action == "resume";
        void Progress(double fraction, string text) => options.OnProgress?.Invoke(member, Math.Clamp(fraction, 0, 1), text);
        try
        {
            var kind = Kind(spec.Experiment);
            var status = RunLoop.Run(kind, config, new RunOptions
            {
                RunDirectory = runDir,
                Resume = resume,
                ConfigDirectory = options.ConfigDirectory,
                Smoke = options.Smoke,
                BuildReport = options.BuildReport,
                OnProgress = p => Progress(p.Fraction, kind.Describe(p)),
            }, cancellation).Status;
            var manifest = RunFolder.ReadManifest(runDir);
            return status == RunStatus.Finished
                ? Completed(record, runDir, spec.Experiment, manifest)
                : record with { Status = status, WallSeconds = manifest.WallSeconds, Error = manifest.Error };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return record with { Status = RunStatus.Failed, Error = e.Message };
        }
    }

    /// <summary>A member's record before it runs: name, label, values, <c>pending</c>.</summary>
    public static SweepMemberRecord NewRecord(SweepMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new SweepMemberRecord
        {
            Name = member.Name,
            Label = member.Label,
            Values = member.Assignment.ToDictionary(a => a.Key, a => a.Value),
            Status = Pending,
        };
    }

    /// <summary>
    /// A member's record as its run folder <c>SWEEP_DIR/NAME</c> tells it: <c>pending</c> without a manifest (or
    /// <c>failed</c> when <c>SWEEP_DIR/errors/NAME.txt</c> says so), else the manifest's status, wall time and error,
    /// with the metrics of a finished member read from its summary.json.
    /// </summary>
    public static SweepMemberRecord ReadMemberRecord(SweepSpec spec, SweepMember member, string sweepDir)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(member);
        var record = NewRecord(member);
        var runDir = Path.Combine(sweepDir, member.Name);
        var errorFile = ErrorFile(sweepDir, member.Name);
        var manifest = RunFolder.TryReadManifest(runDir);

        if (manifest?.Status == RunStatus.Finished)
        {
            try
            {
                return Completed(record, runDir, spec.Experiment, manifest);
            }
            catch (InvalidDataException e)
            {
                return record with { Status = RunStatus.Failed, WallSeconds = manifest.WallSeconds, Error = e.Message };
            }
        }

        if (File.Exists(errorFile) && manifest?.Status != RunStatus.Running)
            return record with { Status = RunStatus.Failed, WallSeconds = manifest?.WallSeconds, Error = File.ReadAllText(errorFile).Trim() };
        return manifest is null ? record : record with { Status = manifest.Status, WallSeconds = manifest.WallSeconds, Error = manifest.Error };
    }

    /// <summary>
    /// Where a member run in a child process (<c>freqscope sweep member</c>) leaves the error of a failed run, so
    /// that a failure before its run folder had a manifest is seen too: <c>SWEEP_DIR/errors/NAME.txt</c>.
    /// </summary>
    public static string ErrorFile(string sweepDir, string memberName) => Path.Combine(sweepDir, "errors", memberName + ".txt");

    /// <summary>
    /// Writes sweep.json and sweep.csv for <paramref name="manifest"/> with <paramref name="records"/> as its members
    /// (metric columns recomputed); only the process that owns the sweep (not a member's child process) calls it.
    /// </summary>
    /// <returns>The manifest written.</returns>
    public static SweepManifest WriteMembers(string sweepDir, SweepManifest manifest, IReadOnlyList<SweepMemberRecord> records)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(records);
        manifest = manifest with { Members = [.. records], Metrics = MetricColumns(manifest.Experiment, records) };
        Write(Path.GetFullPath(sweepDir), manifest);
        return manifest;
    }

    private static SweepMemberRecord Completed(SweepMemberRecord record, string runDir, string experiment, RunManifest manifest) => record with
    {
        Status = RunStatus.Finished,
        WallSeconds = manifest.WallSeconds,
        Metrics = ReadMetrics(runDir, experiment),
    };

    /// <summary>
    /// The metrics of <see cref="MetricPaths"/> read by name from the run folder's summary.json (as a JSON document,
    /// so that fields the summaries gain do no harm); a metric that is absent or not a number is null.
    /// </summary>
    /// <exception cref="InvalidDataException">summary.json is missing or malformed.</exception>
    public static IReadOnlyDictionary<string, double?> ReadMetrics(string runDir, string experiment)
    {
        var path = Path.Combine(runDir, RunFolder.SummaryFile);
        if (!File.Exists(path)) throw new InvalidDataException($"{path} is missing");
        using var document = ParseSummary(path);
        var metrics = new Dictionary<string, double?>();
        foreach (var metric in MetricPaths(experiment)) metrics[metric] = Lookup(document.RootElement, metric);
        return metrics;
    }

    private static JsonDocument ParseSummary(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private static double? Lookup(JsonElement root, string path)
    {
        var node = root;
        foreach (var segment in path.Split('.'))
        {
            var key = segment;
            int? index = null;
            var open = segment.IndexOf('[', StringComparison.Ordinal);
            if (open >= 0)
            {
                key = segment[..open];
                index = int.Parse(segment[(open + 1)..^1], CultureInfo.InvariantCulture);
            }

            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(key, out node)) return null;
            if (index is int i)
            {
                if (node.ValueKind != JsonValueKind.Array || i >= node.GetArrayLength()) return null;
                node = node[i];
            }
        }

        return node.ValueKind switch
        {
            JsonValueKind.Number => node.GetDouble(),
            JsonValueKind.String when node.GetString() is "NaN" => double.NaN,
            JsonValueKind.String when node.GetString() is "Infinity" => double.PositiveInfinity,
            JsonValueKind.String when node.GetString() is "-Infinity" => double.NegativeInfinity,
            _ => null,
        };
    }

    /// <summary>The metric columns: the kind's metrics that at least one finished member has.</summary>
    private static IReadOnlyList<string> MetricColumns(string experiment, IReadOnlyList<SweepMemberRecord> records) =>
        [.. MetricPaths(experiment).Where(m => records.Any(r => r.Metrics.TryGetValue(m, out var v) && v is not null))];

    /// <summary>Writes sweep.json and sweep.csv atomically.</summary>
    private static void Write(string dir, SweepManifest manifest)
    {
        AtomicFile.WriteAllText(Path.Combine(dir, ManifestFile), JsonSerializer.Serialize(manifest, RunFolder.Json) + "\n");
        AtomicFile.WriteAllText(Path.Combine(dir, TableFile), Table(manifest));
    }

    /// <summary>
    /// sweep.csv: a header <c>member,status,wallSeconds,KEY…,METRIC…</c> and one row per member; swept values are
    /// their JSON text (strings without quotes), quoted by CSV rules when they hold a comma; missing values are empty.
    /// </summary>
    public static string Table(SweepManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var csv = new StringBuilder();
        csv.Append(string.Join(",", new[] { "member", "status", "wallSeconds" }.Concat(manifest.Keys).Concat(manifest.Metrics).Select(Quote))).Append('\n');
        foreach (var m in manifest.Members)
        {
            var cells = new List<string> { m.Name, m.Status, m.WallSeconds is double w ? CsvFormat.FormatDouble(w) : "" };
            cells.AddRange(manifest.Keys.Select(k => m.Values.TryGetValue(k, out var v) ? SweepSpec.ValueLabel(v) : ""));
            cells.AddRange(manifest.Metrics.Select(k => m.Metrics.TryGetValue(k, out var v) && v is double d ? CsvFormat.FormatDouble(d) : ""));
            csv.Append(string.Join(",", cells.Select(Quote))).Append('\n');
        }

        return csv.ToString();
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
