using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Experiments.Classify;
using FreqScope.Experiments.Fit1d;
using FreqScope.Experiments.FourierFeatures;
using FreqScope.Experiments.Poisson;

namespace FreqScope.Tests.Recipes;

/// <summary>
/// The C# snippets of the README, in its order, each between a <c>// recipe</c> line and a <c>// end</c> line:
/// <see cref="LibraryRecipesTests"/> checks that the README shows them byte for byte and runs them (in a folder whose
/// experiments/ holds the smoke versions of the configs they name).
/// </summary>
internal static class LibraryRecipes
{
    public static (double[] Losses, IReadOnlyList<RunResult<FitSummary>> Results) Ensemble(double[] x, double[] y, IReadOnlyList<FitExperimentConfig> configs)
    {
        // recipe
        // Library: K stacked members trained together.
        var members = new[] { new ModelConfig { Hidden = [200, 200, 200, 100] }, new ModelConfig { Hidden = [100, 100, 100, 50] } };
        using var net = new FreqScope.Models.EnsembleMlp(members, seeds: [0, 1]);
        using var trainer = new FreqScope.Training.EnsembleTrainer(net, [x], [y],
            [new FitTrainingConfig { LearningRate = 2e-4 }, new FitTrainingConfig { LearningRate = 1e-3 }], TorchSharp.torch.CPU);
        for (int i = 0; i < 1000; i++) trainer.Step();
        double[] losses = trainer.FullBatchLosses();

        // Experiments: a group of fit1d configs as one ensemble, one ordinary run folder per member.
        var results = FitEnsembleExperiment.Run(configs, ["runs/a", "runs/b"], new FitEnsembleOptions { GroupDirectory = "runs/.ensemble-ab" });
        // end
        return (losses, results);
    }

    public static void Fit1d()
    {
        // recipe
        var config = FitExperiment.LoadFile("experiments/fprinciple-1d.json") with { Seed = 1 };
        var result = FitExperiment.Run(config, new RunOptions { RunDirectory = "runs/seed1" });
        Console.WriteLine(result.Summary!.Verdict);
        // end
    }

    public static void Classify()
    {
        // recipe
        var fmnist = (ClassifyExperimentConfig)ConfigLoader.LoadAnyFile("experiments/fashion-mnist-mlp-filtering.json");
        fmnist = fmnist with { Data = fmnist.Data with { Dir = "/usr/share/datasets/fashion-mnist" } };
        var run = ClassifyExperiment.Run(fmnist, new RunOptions { RunDirectory = "runs/fmnist" });
        foreach (var d in run.Summary!.Filtering!.Deltas)
            Console.WriteLine($"δ = {d.Delta}: e_low < threshold at epoch {d.LowBelowAtEpoch}, e_high at {d.HighBelowAtEpoch}");
        // end
    }

    public static void Poisson()
    {
        // recipe
        var poisson = (PoissonExperimentConfig)ConfigLoader.LoadAnyFile("experiments/poisson-1d-hybrid.json");
        var solved = PoissonExperiment.Run(poisson, new RunOptions { RunDirectory = "runs/poisson" });
        foreach (var m in solved.Summary!.Methods)
            Console.WriteLine($"{m.Method}: {m.IterationsToTolerance} iterations, {m.SecondsToTolerance:F2} s to tolerance");
        // end
    }

    public static double[][] Fourier()
    {
        // recipe
        var ff = (FourierExperimentConfig)ConfigLoader.LoadAnyFile("experiments/pde-vs-network.json");
        var fitted = FourierExperiment.Run(ff, new RunOptions { RunDirectory = "runs/pde-vs-network" });
        Console.WriteLine($"{fitted.Summary!.Verdict} PDE discrepancy {fitted.Summary.Pde!.Discrepancy:P1}");

        // The frequency PDE alone, on plain arrays: nodes ξ (cycles), ρ(ξ), C = η/L, D = σ_a²/4π².
        double[] xi = [.. Enumerable.Range(0, 801).Select(i => -2 + 0.005 * i)];
        var pde = new FreqScope.Theory.FrequencyPde(xi, v => Math.Exp(-v * v / 0.2) / Math.Sqrt(0.2 * Math.PI), 0.005, 0.002);
        double[][] r = pde.Solve([.. xi.Select(v => Math.Exp(-Math.Pow(v - 0.5, 2) / 0.01))], [100.0, 1000.0], 1.0);
        // end
        return r;
    }
}
