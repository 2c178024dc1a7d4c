using System.Globalization;
using FreqScope.Core.Config;

namespace FreqScope.Core.Runs;

/// <summary>
/// Refuses, before a run folder is made or anything is allocated, a config whose largest allocations (each kind's
/// <see cref="Kinds.IExperimentKind.MemoryNeeds"/>) add up to more memory than the machine offers, naming the key
/// whose value needs the most. The bound is the memory the .NET runtime may use: the machine's, or the container's
/// limit (cgroups). It is checked for every device: the host holds the data of a CUDA run too, and a GPU's own
/// memory is left to libtorch (its out-of-memory error becomes a one-line message).
/// </summary>
public static class MemoryPreflight
{
    /// <summary>The memory this process may use, in bytes, as the .NET runtime sees it (the machine's, or the container's limit).</summary>
    public static long MachineLimit() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes is > 0 and var limit ? limit : long.MaxValue;

    /// <summary>Throws when <paramref name="needs"/> add up to more than <paramref name="limit"/> bytes.</summary>
    /// <exception cref="ConfigException">The run cannot fit; the message names the key of the largest need, its value, the bytes and the limit.</exception>
    public static void Check(IReadOnlyList<MemoryNeed> needs, long limit)
    {
        ArgumentNullException.ThrowIfNull(needs);
        if (needs.Count == 0) return;
        double total = needs.Sum(n => n.Bytes);
        if (total <= limit) return;
        var largest = needs.MaxBy(n => n.Bytes)!;
        var all = needs.Count > 1 ? $" (the run about {Size(total)} in all)" : "";
        throw new ConfigException("memory preflight", "$." + largest.Key,
            $"{largest.Value} needs about {Size(largest.Bytes)} for {largest.What}{all}, more than the {Size(limit)} of memory this machine offers; expected a smaller {largest.Key}");
    }

    /// <summary>Bytes in words: <c>1.5 GB</c>, <c>320 MB</c>, <c>12 kB</c> (decimal units).</summary>
    public static string Size(double bytes) => bytes switch
    {
        >= 1e12 => (bytes / 1e12).ToString("0.#", CultureInfo.InvariantCulture) + " TB",
        >= 1e9 => (bytes / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + " GB",
        >= 1e6 => (bytes / 1e6).ToString("0", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1e3).ToString("0", CultureInfo.InvariantCulture) + " kB",
    };
}
