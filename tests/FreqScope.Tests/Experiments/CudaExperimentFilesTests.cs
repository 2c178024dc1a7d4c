using System.Text.Json;
using System.Text.Json.Nodes;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Classify;
using FreqScope.Sweeps;

namespace FreqScope.Tests.Experiments;

/// <summary>
/// Every experiment file (sweeps aside) runs in smoke mode with <c>--device cuda</c> and agrees with the same smoke
/// run on the CPU. Run as a one-member sweep (over the file's own seed), so each kind goes through the public
/// dispatch a user's sweep does. Skipped where libtorch sees no CUDA device.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class CudaExperimentFilesTests
{
    [CudaFact]
    public void EveryExperimentFileRunsOnCudaAndAgreesWithTheCpu()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var failures = new List<string>();
            foreach (var path in Directory.GetFiles(RepoPaths.Experiments, "*.json").Order(StringComparer.Ordinal))
            {
                if (SweepSpec.IsSweepFile(path)) continue;
                var json = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
                long seed = json["seed"]?.GetValue<long>() ?? 0;
                json["sweep"] = new JsonObject { ["values"] = new JsonObject { ["seed"] = new JsonArray(seed) } };
                var spec = SweepSpec.Parse(json.ToJsonString(), path);
                string name = Path.GetFileNameWithoutExtension(path);
                string? data = null;
                if (spec.Members[0].Config is ClassifyExperimentConfig classify)
                {
                    data = Path.Combine(dir, name + "-images");
                    if (classify.Data.Dataset == "cifar10") SyntheticImages.WriteCifar(data, trainPerBatch: 120, testCount: ClassifyExperiment.SmokeTestCount);
                    else SyntheticImages.WriteIdx(data, trainCount: ClassifyExperiment.SmokeTrainCount, testCount: ClassifyExperiment.SmokeTestCount);
                }

                var results = new Dictionary<string, SweepMemberRecord>();
                foreach (var device in new[] { "cpu", "cuda" })
                {
                    var run = SweepRunner.Run(spec, new SweepRunOptions
                    {
                        OutputDirectory = Path.Combine(dir, name + "-" + device), Smoke = true, Device = device, Data = data, BuildReport = false,
                        ConfigDirectory = RepoPaths.Experiments,
                    }, TestContext.Current.CancellationToken);
                    results[device] = run.Manifest.Members[0];
                }

                if (results["cuda"].Status != RunStatus.Finished)
                {
                    failures.Add($"{name}: {results["cuda"].Status} {results["cuda"].Error}");
                    continue;
                }

                // Losses and PSNR agree to 5 %, accuracies to 5 points (float32 on both sides, different kernels).
                foreach (var (metric, cpu) in results["cpu"].Metrics)
                {
                    if (cpu is not double a || !results["cuda"].Metrics.TryGetValue(metric, out var other) || other is not double b) continue;
                    if (!(metric.Contains("Loss", StringComparison.Ordinal) || metric.Contains("Accuracy", StringComparison.Ordinal) || metric.Contains("Psnr", StringComparison.Ordinal))) continue;
                    double allowed = metric.Contains("Accuracy", StringComparison.Ordinal) ? 0.05 : 0.05 * Math.Max(Math.Abs(a), 1e-3) + 1e-6;
                    if (!double.IsFinite(b) || Math.Abs(a - b) > allowed)
                        failures.Add($"{name}: {metric} cpu {a} cuda {b}");
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
