using System.Reflection;
using System.Text.RegularExpressions;
using FreqScope.Native;
using TorchSharp;

namespace FreqScope.Core.Runs;

/// <summary>Versions of FreqScope, TorchSharp and the libtorch actually loaded; the git commit when known.</summary>
public static partial class VersionInfo
{
    public static string FreqScope => Informational(typeof(VersionInfo).Assembly);

    public static string TorchSharp => Informational(typeof(torch).Assembly);

    /// <summary>
    /// The loaded libtorch's version: PyTorch's <c>torch/version.py</c> when FREQSCOPE_LIBTORCH points into a PyTorch
    /// installation, else the version the bundled TorchSharp build names.
    /// </summary>
    public static string LibTorch
    {
        get
        {
            var report = NativeLoader.EnsureLoaded();
            if (report.LibTorchDirectory.Length > 0)
            {
                var versionPy = Path.Combine(report.LibTorchDirectory, "..", "version.py");
                if (File.Exists(versionPy))
                {
                    var m = VersionLine().Match(File.ReadAllText(versionPy));
                    if (m.Success) return m.Groups[1].Value + " (PyTorch)";
                }
            }
            return torch.__version__;
        }
    }

    /// <summary>The commit of the git checkout containing <paramref name="startDirectory"/>, or null.</summary>
    public static string? GitCommit(string startDirectory)
    {
        try
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(startDirectory)); dir is not null; dir = dir.Parent)
            {
                var git = Path.Combine(dir.FullName, ".git");
                if (File.Exists(git))
                {
                    var line = File.ReadAllText(git).Trim();
                    if (!line.StartsWith("gitdir:", StringComparison.Ordinal)) return null;
                    git = Path.GetFullPath(Path.Combine(dir.FullName, line["gitdir:".Length..].Trim()));
                }
                if (!Directory.Exists(git)) continue;
                var head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
                if (!head.StartsWith("ref:", StringComparison.Ordinal)) return head;
                var refName = head["ref:".Length..].Trim();
                foreach (var root in new[] { git, CommonDir(git) })
                {
                    var refFile = Path.Combine(root, refName);
                    if (File.Exists(refFile)) return File.ReadAllText(refFile).Trim();
                    var packed = Path.Combine(root, "packed-refs");
                    if (File.Exists(packed))
                        foreach (var l in File.ReadLines(packed))
                            if (l.EndsWith(" " + refName, StringComparison.Ordinal)) return l[..l.IndexOf(' ')];
                }
                return null;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    private static string CommonDir(string git)
    {
        var common = Path.Combine(git, "commondir");
        return File.Exists(common) ? Path.GetFullPath(Path.Combine(git, File.ReadAllText(common).Trim())) : git;
    }

    private static string Informational(Assembly a)
    {
        var v = a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? a.GetName().Version?.ToString() ?? "unknown";
        int plus = v.IndexOf('+');
        return plus > 0 ? v[..plus] : v;
    }

    [GeneratedRegex("__version__\\s*=\\s*['\"]([^'\"]+)['\"]")]
    private static partial Regex VersionLine();
}
