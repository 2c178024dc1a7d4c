using System.Globalization;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// The method names of a <c>poisson</c> run's data files (errors.csv, modes.csv, summary.json): the classic
/// relaxations, the network, and the hybrids <c>hybrid-T</c> (the network trained for T steps, then a relaxation).
/// </summary>
public static class PoissonMethods
{
    /// <summary>Plain Jacobi relaxation.</summary>
    public const string Jacobi = "jacobi";

    /// <summary>Damped (weighted) Jacobi relaxation.</summary>
    public const string DampedJacobi = "dampedJacobi";

    /// <summary>Gauss–Seidel relaxation.</summary>
    public const string GaussSeidel = "gaussSeidel";

    /// <summary>The neural network trained on the equation.</summary>
    public const string Network = "network";

    /// <summary>The prefix of a hybrid's name; the handover step follows it.</summary>
    public const string HybridPrefix = "hybrid-";

    /// <summary>The classic relaxations in report order.</summary>
    public static IReadOnlyList<string> Classic { get; } = [Jacobi, DampedJacobi, GaussSeidel];

    /// <summary>How error messages list the valid names.</summary>
    public const string Expected = "jacobi, dampedJacobi, gaussSeidel, network or hybrid-T with T the handover step";

    /// <summary>Whether <paramref name="method"/> is a classic relaxation.</summary>
    /// <param name="method">A method name.</param>
    /// <returns>True for jacobi, dampedJacobi and gaussSeidel.</returns>
    public static bool IsClassic(string method) => Classic.Contains(method);

    /// <summary>Whether <paramref name="method"/> has per-mode rows in modes.csv: a classic relaxation or the network.</summary>
    /// <param name="method">A method name.</param>
    /// <returns>True for the classic relaxations and the network.</returns>
    public static bool HasModes(string method) => IsClassic(method) || method == Network;

    /// <summary>The handover step of a hybrid, e.g. 1000 for <c>hybrid-1000</c>; null for any other name.</summary>
    /// <param name="method">A method name.</param>
    /// <returns>The step, or null.</returns>
    public static long? HandoverStep(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!method.StartsWith(HybridPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        string digits = method[HybridPrefix.Length..];
        return digits.Length > 0 && digits.All(char.IsAsciiDigit)
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long step)
            ? step
            : null;
    }

    /// <summary>Whether <paramref name="method"/> is one of the names above (a hybrid with a non-negative integer step).</summary>
    /// <param name="method">A method name.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValid(string method) => HasModes(method) || HandoverStep(method) is not null;

    /// <summary>The summary's kind of a method: <c>classic</c>, <c>network</c> or <c>hybrid</c>.</summary>
    /// <param name="method">A valid method name.</param>
    /// <returns>The kind.</returns>
    public static string Kind(string method) => IsClassic(method) ? "classic" : method == Network ? "network" : "hybrid";

    /// <summary>A name for people: <c>Jacobi</c>, <c>damped Jacobi</c>, <c>Gauss–Seidel</c>, <c>network</c>, <c>hybrid (handover at step T)</c>.</summary>
    /// <param name="method">A method name.</param>
    /// <returns>The label (the name itself when unknown).</returns>
    public static string Label(string method) => method switch
    {
        Jacobi => "Jacobi",
        DampedJacobi => "damped Jacobi",
        GaussSeidel => "Gauss–Seidel",
        Network => "network",
        _ => HandoverStep(method) is long step ? string.Create(CultureInfo.InvariantCulture, $"hybrid (handover at step {step})") : method,
    };

    /// <summary>What an iteration of the method is: <c>sweep</c> (relaxation), <c>optimizer step</c> (network) or <c>sweep after the handover</c> (hybrid).</summary>
    /// <param name="method">A method name.</param>
    /// <returns>The unit.</returns>
    public static string IterationUnit(string method) =>
        IsClassic(method) ? "sweep" : method == Network ? "optimizer step" : "sweep after the handover";
}
