namespace FreqScope.Native;

/// <summary>What the loader did: shown by <c>freqscope info</c> and written to each run's manifest.</summary>
/// <param name="Path">A one-line description of the path taken, e.g. "bundled libtorch, patched LibTorchSharp (weak GLIBCXX_3.4.32)".</param>
/// <param name="LibTorchDirectory">Folder the libtorch libraries were loaded from ("" when TorchSharp's own loader was used).</param>
/// <param name="LibTorchSharpPath">The LibTorchSharp file actually loaded (the patched copy when patched).</param>
/// <param name="WeakenedVersions">Version requirements marked weak in the private copy.</param>
/// <param name="Steps">Every step, in order.</param>
public sealed record NativeLoadReport(
    string Path,
    string LibTorchDirectory,
    string LibTorchSharpPath,
    IReadOnlyList<string> WeakenedVersions,
    IReadOnlyList<string> Steps);
