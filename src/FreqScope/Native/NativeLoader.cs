using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TorchSharp;

namespace FreqScope.Native;

/// <summary>
/// Loads libtorch and LibTorchSharp before TorchSharp's first call, so that exactly one libtorch lives in
/// the process. On Linux the libtorch libraries are loaded by absolute path (the bundled package's, or the
/// folder named by FREQSCOPE_LIBTORCH), then LibTorchSharp, which binds to them by soname. Where the
/// process's libstdc++ lacks a version that LibTorchSharp asks for (GLIBCXX_3.4.32 on Debian 12), a private
/// copy with that requirement marked weak is made once, cached by the original's SHA-256, and loaded instead;
/// the NuGet cache is never modified. TorchSharp's own lookups of these names are answered with the handles
/// loaded here. On other systems TorchSharp's own loader is used.
/// </summary>
public static class NativeLoader
{
    private static readonly Lock Gate = new();
    private static NativeLoadReport? _report;
    private static readonly Dictionary<string, IntPtr> Handles = new(StringComparer.Ordinal);

    /// <summary>The report of the load, or null before <see cref="EnsureLoaded"/> has run.</summary>
    public static NativeLoadReport? Report => _report;

    /// <summary>Loads the natives once per process; later calls return the first report.</summary>
    public static NativeLoadReport EnsureLoaded()
    {
        lock (Gate)
        {
            if (_report is not null) return _report;
            _report = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? LoadLinux() : LoadDefault();
            return _report;
        }
    }

    private static NativeLoadReport LoadDefault()
    {
        torch.InitializeDeviceType(DeviceType.CPU);
        return new NativeLoadReport("TorchSharp's own loader (not Linux)", "", "", [], ["torch.InitializeDeviceType(CPU)", FixThreads()]);
    }

    /// <summary>
    /// Sets torch's CPU thread count to the one it chose, which fixes it for OpenMP and MKL alike and switches MKL's
    /// dynamic threading off (libtorch does that only inside set_num_threads): two of MKL's conditions for results
    /// that do not change from one process to the next.
    /// </summary>
    private static string FixThreads()
    {
        int threads = torch.get_num_threads();
        torch.set_num_threads(threads);
        return $"torch.set_num_threads({threads}): thread count fixed, MKL dynamic threading off";
    }

    /// <summary>Folders where the app's own native libraries may lie: portable layout first, then RID-specific.</summary>
    public static IReadOnlyList<string> BundledDirectories()
    {
        var dirs = new List<string>();
        foreach (var baseDir in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? "" }.Distinct())
        {
            if (baseDir.Length == 0) continue;
            dirs.Add(Path.Combine(baseDir, "runtimes", "linux-x64", "native"));
            dirs.Add(baseDir);
        }
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string probe)
            dirs.AddRange(probe.Split(':', StringSplitOptions.RemoveEmptyEntries));
        return dirs.Distinct().ToList();
    }

    private static NativeLoadReport LoadLinux()
    {
        var steps = new List<string>();
        NativeLoadPlan plan;
        try
        {
            plan = NativeLoadPlan.Decide(
                Environment.GetEnvironmentVariable(NativeLoadPlan.LibTorchVariable),
                BundledDirectories(), File.Exists, MissingLibStdCxxVersions);
        }
        catch (NativeLoadException e)
        {
            throw new NativeLoadException("FreqScope could not find its native libraries. " + e.Message.Split(Environment.NewLine)[0], e.Tried, e);
        }

        foreach (var path in plan.Preload)
        {
            steps.Add($"load {path}");
            Handles[LogicalName(path)] = LoadOrThrow(path, steps);
        }

        // Before LibTorchSharp and libtorch's initialisation, which are the first to call into MKL.
        steps.Add(MklReproducibility.Configure(Handles.GetValueOrDefault("torch_cpu")));

        string sharpPath = plan.LibTorchSharpPath;
        if (plan.WeakenVersions.Count > 0)
        {
            sharpPath = PatchedCopy(plan.LibTorchSharpPath, plan.WeakenVersions, steps);
        }
        steps.Add($"load {sharpPath}");
        Handles["LibTorchSharp"] = LoadOrThrow(sharpPath, steps);

        NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, Resolve);
        steps.Add("TorchSharp's DllImport lookups answered with these handles");
        torch.InitializeDeviceType(DeviceType.CPU);
        steps.Add(FixThreads());

        string description = (plan.Source == "bundled" ? "bundled libtorch" : $"{NativeLoadPlan.LibTorchVariable}={plan.LibTorchDirectory}")
            + (plan.WeakenVersions.Count > 0
                ? $", patched LibTorchSharp (weak {string.Join(", ", plan.WeakenVersions)})"
                : ", original LibTorchSharp");
        return new NativeLoadReport(description, plan.LibTorchDirectory, sharpPath, plan.WeakenVersions, steps);
    }

    private static string LogicalName(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith("lib", StringComparison.Ordinal)) name = name[3..];
        int dot = name.IndexOf(".so", StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var key = name.StartsWith("lib", StringComparison.Ordinal) ? LogicalName(name) : name;
        return Handles.TryGetValue(key, out var h) ? h : IntPtr.Zero;
    }

    private static IntPtr LoadOrThrow(string path, List<string> steps)
    {
        try
        {
            return NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            steps.Add($"FAILED: {e.Message}");
            throw new NativeLoadException($"FreqScope could not load {path}: {e.Message}", steps, e);
        }
    }

    /// <summary>
    /// The libstdc++ versions that <paramref name="libTorchSharp"/> requires and the libstdc++ already mapped into
    /// this process (the .NET runtime links it) does not define. Empty when none is missing or it cannot be told.
    /// </summary>
    public static IReadOnlyList<string> MissingLibStdCxxVersions(string libTorchSharp)
    {
        var libstdcxx = LoadedLibStdCxx();
        if (libstdcxx is null) return [];
        var defined = ElfVersionPatcher.ReadVersionDefinitions(File.ReadAllBytes(libstdcxx));
        return ElfVersionPatcher.ReadVersionNeeds(File.ReadAllBytes(libTorchSharp))
            .Where(n => n.File == "libstdc++.so.6" && !n.IsWeak && !defined.Contains(n.Version))
            .Select(n => n.Version).Distinct().OrderBy(v => v, StringComparer.Ordinal).ToList();
    }

    /// <summary>Path of the libstdc++ mapped into this process, read from /proc/self/maps; null if none.</summary>
    public static string? LoadedLibStdCxx()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/');
                if (slash < 0) continue;
                var path = line[slash..];
                if (Path.GetFileName(path).StartsWith("libstdc++.so", StringComparison.Ordinal)) return path;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>Folder for patched copies: FREQSCOPE_NATIVE_CACHE, else $XDG_CACHE_HOME/freqscope/native, else ~/.cache/freqscope/native.</summary>
    public static string CacheDirectory()
    {
        var explicitDir = Environment.GetEnvironmentVariable("FREQSCOPE_NATIVE_CACHE");
        if (!string.IsNullOrWhiteSpace(explicitDir)) return explicitDir;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "freqscope", "native");
    }

    /// <summary>
    /// Returns the path of a private copy of <paramref name="original"/> with <paramref name="versions"/> marked weak,
    /// making it (atomically: temp file, then rename) if the cache lacks it. The cache key is the original's SHA-256
    /// and the weakened versions. Where <see cref="CacheDirectory"/> is not writable, a per-user folder under the
    /// temp directory is used.
    /// </summary>
    public static string PatchedCopy(string original, IReadOnlyList<string> versions, List<string>? steps = null)
    {
        var bytes = File.ReadAllBytes(original);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var key = hash[..16] + "-" + string.Join("_", versions).Replace('.', '-');
        var changed = ElfVersionPatcher.MarkWeak(bytes, "libstdc++.so.6", versions);
        // The user's cache first; a per-user folder under the temp directory when that is not writable.
        var roots = new[] { CacheDirectory(), Path.Combine(Path.GetTempPath(), $"freqscope-native-{Environment.UserName}") };
        Exception? last = null;
        foreach (var root in roots)
        {
            var target = Path.Combine(root, key, "libLibTorchSharp.so");
            if (File.Exists(target))
            {
                steps?.Add($"patched copy found in cache: {target}");
                return target;
            }
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temp = target + "." + Environment.ProcessId + ".tmp";
                File.WriteAllBytes(temp, bytes);
                File.Move(temp, target, overwrite: true);
                steps?.Add($"patched copy written: {target} (weak: {string.Join(", ", changed)}; original sha256 {hash})");
                return target;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                steps?.Add($"cannot write {target}: {e.Message}");
                last = e;
            }
        }
        throw new NativeLoadException("FreqScope could not write its patched copy of libLibTorchSharp.so; set FREQSCOPE_NATIVE_CACHE to a writable folder",
            steps ?? [.. roots], last);
    }
}
