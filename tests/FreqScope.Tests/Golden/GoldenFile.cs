using System.Security.Cryptography;
using System.Text;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Golden;

/// <summary>
/// Golden files under <c>tests/FreqScope.Tests/Golden/</c> in the source tree: a test compares what it computes with
/// the committed text, and with <c>FREQSCOPE_UPDATE_GOLDEN=1</c> in the environment it writes the text instead (to
/// record the behaviour before a refactor, or to accept a deliberate change, which the commit then shows as a diff).
/// </summary>
internal static class GoldenFile
{
    /// <summary>The golden folder in the source tree.</summary>
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "FreqScope.Tests", "Golden");

    /// <summary>Whether this run records golden files instead of checking them.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable("FREQSCOPE_UPDATE_GOLDEN") == "1";

    /// <summary>The committed text of <paramref name="relativePath"/> (under <see cref="Folder"/>), or null when absent.</summary>
    public static string? Read(string relativePath)
    {
        var path = Path.Combine(Folder, relativePath);
        return File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
    }

    /// <summary>
    /// Checks <paramref name="actual"/> against the golden file (or records it when updating); on a difference the
    /// message names the first differing line of each.
    /// </summary>
    public static void Check(string relativePath, string actual)
    {
        actual = actual.ReplaceLineEndings("\n");
        if (Updating)
        {
            var path = Path.Combine(Folder, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        var expected = Read(relativePath);
        Assert.True(expected is not null, $"golden file {relativePath} is missing; record it with FREQSCOPE_UPDATE_GOLDEN=1");
        if (expected == actual) return;
        Assert.Fail($"{relativePath} differs: {FirstDifference(expected!, actual)}");
    }

    /// <summary>The first line where two texts differ, both versions shown.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var x = i < e.Length ? e[i] : "<end>";
            var y = i < a.Length ? a[i] : "<end>";
            if (x != y) return $"line {i + 1}: expected «{x}», got «{y}»";
        }

        return "the texts differ only in line endings";
    }

    /// <summary>SHA-256 of UTF-8 text, as lower-case hex.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// The CPU this process runs on, as far as it decides float results of libtorch's kernels: the model name and
    /// whether AVX-512 is there. Golden numbers recorded on one CPU are only compared on the same kind.
    /// </summary>
    public static string CpuSignature()
    {
        try
        {
            var lines = File.ReadAllLines("/proc/cpuinfo");
            var model = lines.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
            var flags = lines.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal))?.Split(':', 2)[1].Split(' ') ?? [];
            return $"{model}; avx512f={(flags.Contains("avx512f") ? "yes" : "no")}; avx2={(flags.Contains("avx2") ? "yes" : "no")}";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
