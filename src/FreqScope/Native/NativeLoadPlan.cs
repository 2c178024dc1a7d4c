namespace FreqScope.Native;

/// <summary>
/// What the loader will do, decided from the environment before anything is loaded.
/// Pure data, so the choice of path can be tested without loading a library.
/// </summary>
/// <param name="Source">"bundled" (libtorch from the NuGet package next to the app) or "FREQSCOPE_LIBTORCH".</param>
/// <param name="LibTorchDirectory">Folder whose libtorch is preloaded, by absolute path.</param>
/// <param name="Preload">Absolute paths loaded in this order before LibTorchSharp (c10, torch_cpu, optional CUDA parts, torch).</param>
/// <param name="LibTorchSharpPath">The original libLibTorchSharp.so.</param>
/// <param name="WeakenVersions">libstdc++ versions LibTorchSharp requires that the loaded libstdc++ lacks; empty means load the original.</param>
public sealed record NativeLoadPlan(
    string Source,
    string LibTorchDirectory,
    IReadOnlyList<string> Preload,
    string LibTorchSharpPath,
    IReadOnlyList<string> WeakenVersions)
{
    /// <summary>The environment variable that points FreqScope at another libtorch (e.g. PyTorch's <c>torch/lib</c>).</summary>
    public const string LibTorchVariable = "FREQSCOPE_LIBTORCH";

    /// <summary>Library file names preloaded from the libtorch folder, in dependency order; absent optional ones are skipped.</summary>
    public static readonly (string File, bool Required)[] LibTorchFiles =
    [
        ("libc10.so", true),
        ("libtorch_cpu.so", true),
        ("libc10_cuda.so", false),
        ("libtorch_cuda.so", false),
        ("libtorch.so", true),
    ];

    /// <summary>
    /// Decides the plan. <paramref name="libTorchVariable"/> is the value of FREQSCOPE_LIBTORCH (null or empty: unset);
    /// <paramref name="bundledDirectories"/> are the folders where the app's own natives may lie, first match wins;
    /// <paramref name="fileExists"/> abstracts the file system; <paramref name="missingVersions"/> maps a
    /// LibTorchSharp path to the libstdc++ versions it needs that the process's libstdc++ does not define.
    /// Throws <see cref="NativeLoadException"/> naming every place looked at when no usable layout is found.
    /// </summary>
    public static NativeLoadPlan Decide(
        string? libTorchVariable,
        IReadOnlyList<string> bundledDirectories,
        Func<string, bool> fileExists,
        Func<string, IReadOnlyList<string>> missingVersions)
    {
        var tried = new List<string>();
        string? sharp = null;
        foreach (var dir in bundledDirectories)
        {
            var candidate = Path.Combine(dir, "libLibTorchSharp.so");
            tried.Add(candidate);
            if (fileExists(candidate)) { sharp = candidate; break; }
        }
        if (sharp is null)
            throw new NativeLoadException("libLibTorchSharp.so was not found", tried);

        string source, libDir;
        if (!string.IsNullOrWhiteSpace(libTorchVariable))
        {
            source = LibTorchVariable;
            libDir = Path.GetFullPath(libTorchVariable);
        }
        else
        {
            source = "bundled";
            libDir = Path.GetDirectoryName(sharp)!;
            // A RID-specific build places libtorch beside the app, a portable one under runtimes/linux-x64/native.
            if (!fileExists(Path.Combine(libDir, "libtorch_cpu.so")))
            {
                var found = bundledDirectories.FirstOrDefault(d => fileExists(Path.Combine(d, "libtorch_cpu.so")));
                if (found is null)
                    throw new NativeLoadException("libtorch_cpu.so was not found next to libLibTorchSharp.so",
                        bundledDirectories.Select(d => Path.Combine(d, "libtorch_cpu.so")).ToList());
                libDir = found;
            }
        }

        var preload = new List<string>();
        foreach (var (file, required) in LibTorchFiles)
        {
            var path = Path.Combine(libDir, file);
            if (fileExists(path)) preload.Add(path);
            else if (required)
                throw new NativeLoadException(
                    $"{file} is missing in the libtorch folder {libDir} (from {(source == "bundled" ? "the NuGet package" : LibTorchVariable)}); expected a libtorch lib folder such as PyTorch's torch/lib",
                    [path]);
        }
        return new NativeLoadPlan(source, libDir, preload, sharp, missingVersions(sharp));
    }
}
