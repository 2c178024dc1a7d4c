using System.Reflection;
using System.Text.RegularExpressions;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Fit1d;

namespace FreqScope.Tests;

/// <summary>
/// The library's folders form layers, and a file may use its own layer and those below it, never one above:
/// Native, Spectral, Solvers → Core → Data, Models, Training, Theory, Reporting → Experiments → Sweeps (the command
/// line, a project of its own, sits on top). A use is a <c>using</c> of a FreqScope namespace (plain, static or
/// aliased), a name qualified with <c>FreqScope.X.</c>, or a type of <c>FreqScope.X</c> named as <c>X.Type</c>.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly Dictionary<string, int> Layers = new(StringComparer.Ordinal)
    {
        ["Native"] = 0, ["Spectral"] = 0, ["Solvers"] = 0,
        ["Core"] = 1,
        ["Data"] = 2, ["Models"] = 2, ["Training"] = 2, ["Theory"] = 2, ["Reporting"] = 2,
        ["Experiments"] = 3,
        ["Sweeps"] = 4,
    };

    private static string Library => Path.Combine(RepoPaths.Root, "src", "FreqScope");

    /// <summary>Every use of a higher layer, as "FILE uses NAMESPACE" (FILE relative to src/FreqScope).</summary>
    internal static IReadOnlyList<string> Violations()
    {
        var typesByNamespace = typeof(FreqScope.Native.NativeLoader).Assembly.GetTypes()
            .Where(t => t.Namespace is not null && t.DeclaringType is null)
            .GroupBy(t => t.Namespace!)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Name.Split('`')[0]).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Library, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Library, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal)) continue;
            var top = relative.Split('/')[0];
            if (!Layers.TryGetValue(top, out var layer)) continue;
            foreach (var used in Uses(File.ReadAllText(file), typesByNamespace))
            {
                var usedTop = used.Split('.')[1];
                if (Layers.TryGetValue(usedTop, out var usedLayer) && usedLayer > layer) found.Add($"{relative} uses {used}");
            }
        }

        return [.. found];
    }

    /// <summary>The FreqScope namespaces a source file uses.</summary>
    private static IEnumerable<string> Uses(string text, Dictionary<string, HashSet<string>> typesByNamespace)
    {
        var code = CommentRegex().Replace(text, "");
        foreach (Match m in QualifiedRegex().Matches(code))
        {
            if (m.Value.StartsWith("namespace", StringComparison.Ordinal)) continue;
            yield return "FreqScope." + m.Groups["top"].Value;
        }

        foreach (Match m in PartialRegex().Matches(code))
        {
            var ns = "FreqScope." + m.Groups["top"].Value;
            if (typesByNamespace.TryGetValue(ns, out var types) && types.Contains(m.Groups["type"].Value)) yield return ns;
        }
    }

    /// <summary>
    /// No folder uses a higher layer, except the uses listed in <c>Golden/layering-allowed.txt</c> (the ones the code
    /// had when this test came, to be removed as the code moves; the list must match exactly, so it only shrinks).
    /// </summary>
    [Fact]
    public void NoFolderUsesAHigherLayer()
    {
        var violations = Violations();
        var allowed = Golden.GoldenFile.Read("layering-allowed.txt")?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (Golden.GoldenFile.Updating)
        {
            Golden.GoldenFile.Check("layering-allowed.txt", string.Concat(violations.Select(v => v + "\n")));
            return;
        }

        var unexpected = violations.Except(allowed).ToList();
        var gone = allowed.Except(violations).ToList();
        Assert.True(unexpected.Count == 0, "uses of a higher layer:\n" + string.Join("\n", unexpected));
        Assert.True(gone.Count == 0, "no longer used; remove from Golden/layering-allowed.txt:\n" + string.Join("\n", gone));
    }

    [Fact]
    public void TheCheckSeesAnUpwardUse()
    {
        // The check itself: a lower folder naming a higher one is found in each of the three spellings.
        var types = new Dictionary<string, HashSet<string>> { ["FreqScope.Experiments"] = ["FitSummary"] };
        Assert.Equal(["FreqScope.Experiments"], Uses("using FreqScope.Experiments;\nnamespace FreqScope.Models;", types).Distinct());
        Assert.Equal(["FreqScope.Experiments"], Uses("var s = new FreqScope.Experiments.FitSummary();", types));
        Assert.Equal(["FreqScope.Experiments"], Uses("Experiments.FitSummary s = null;", types));
        Assert.Empty(Uses("// FreqScope.Experiments.FitSummary\nExperiments.Contains(x);", types));
    }

    [Fact]
    public void EveryFileDeclaresTheNamespaceOfItsFolder()
    {
        var wrong = new List<string>();
        foreach (var file in Directory.GetFiles(Library, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Library, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal)) continue;
            var folder = Path.GetDirectoryName(relative)!.Replace('/', '.');
            var expected = folder.Length == 0 ? "FreqScope" : "FreqScope." + folder;
            var declared = NamespaceRegex().Match(File.ReadAllText(file));
            if (!declared.Success || declared.Groups["ns"].Value != expected) wrong.Add($"{relative}: {(declared.Success ? declared.Groups["ns"].Value : "no file-scoped namespace")}, expected {expected}");
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CommentRegex();

    [GeneratedRegex(@"(namespace\s+)?\bFreqScope\.(?<top>[A-Z][A-Za-z]*)")]
    private static partial Regex QualifiedRegex();

    [GeneratedRegex(@"(?<![.\w])(?<top>Native|Spectral|Solvers|Core|Data|Models|Training|Theory|Reporting|Experiments|Sweeps)\.(?<type>[A-Z][A-Za-z0-9]*)")]
    private static partial Regex PartialRegex();

    [GeneratedRegex(@"^namespace\s+(?<ns>[A-Za-z0-9_.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceRegex();
}
