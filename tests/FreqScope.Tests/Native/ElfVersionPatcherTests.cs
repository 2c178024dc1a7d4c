using FreqScope.Native;

namespace FreqScope.Tests.Native;

public sealed class ElfVersionPatcherTests
{
    private static string LibTorchSharp =>
        NativeLoader.BundledDirectories().Select(d => Path.Combine(d, "libLibTorchSharp.so")).First(File.Exists);

    [Fact]
    public void ReadsTheGlibcxxRequirementsOfLibTorchSharp()
    {
        var needs = ElfVersionPatcher.ReadVersionNeeds(File.ReadAllBytes(LibTorchSharp));
        var libstdcxx = needs.Where(n => n.File == "libstdc++.so.6").Select(n => n.Version).ToList();
        Assert.Contains("GLIBCXX_3.4.32", libstdcxx);
        Assert.Contains("CXXABI_1.3", libstdcxx);
        Assert.Contains(needs, n => n.File == "libc.so.6" && n.Version == "GLIBC_2.2.5");
        Assert.All(needs, n => Assert.False(n.IsWeak));
    }

    [Fact]
    public void MarkWeakChangesOnlyTheFlagsOfTheNamedVersion()
    {
        var original = File.ReadAllBytes(LibTorchSharp);
        var patched = (byte[])original.Clone();
        var changed = ElfVersionPatcher.MarkWeak(patched, "libstdc++.so.6", ["GLIBCXX_3.4.32"]);
        Assert.Equal(["GLIBCXX_3.4.32"], changed);

        var target = ElfVersionPatcher.ReadVersionNeeds(original).Single(n => n.Version == "GLIBCXX_3.4.32");
        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        Assert.Equal([target.FlagsOffset], differing);
        Assert.Equal(ElfVersionPatcher.VerFlagWeak, patched[target.FlagsOffset]);

        var after = ElfVersionPatcher.ReadVersionNeeds(patched);
        Assert.True(after.Single(n => n.Version == "GLIBCXX_3.4.32").IsWeak);
        Assert.Equal(after.Count - 1, after.Count(n => !n.IsWeak));
        // A second pass finds nothing left to change.
        Assert.Empty(ElfVersionPatcher.MarkWeak(patched, "libstdc++.so.6", ["GLIBCXX_3.4.32"]));
    }

    [Fact]
    public void LoadedLibStdCxxDefinesEveryVersionTheRunningDotnetRuntimeNeeds()
    {
        // libcoreclr.so was loaded by this very process, so every non-weak libstdc++ version it needs must be
        // defined by the libstdc++ mapped here: an independent check of ReadVersionDefinitions.
        var libstdcxx = NativeLoader.LoadedLibStdCxx();
        Assert.NotNull(libstdcxx);
        var defined = ElfVersionPatcher.ReadVersionDefinitions(File.ReadAllBytes(libstdcxx));
        var coreclr = File.ReadLines("/proc/self/maps").Select(l => l.IndexOf('/') is var i and >= 0 ? l[i..] : "")
            .First(p => Path.GetFileName(p) == "libcoreclr.so");
        var needs = ElfVersionPatcher.ReadVersionNeeds(File.ReadAllBytes(coreclr)).Where(n => n.File == "libstdc++.so.6" && !n.IsWeak).ToList();
        Assert.NotEmpty(needs);
        Assert.All(needs, n => Assert.Contains(n.Version, defined));
        Assert.Contains("GLIBCXX_3.4", defined);
    }

    [Fact]
    public void MissingVersionsAreTheNeedsTheLoadedLibStdCxxLacks()
    {
        var defined = ElfVersionPatcher.ReadVersionDefinitions(File.ReadAllBytes(NativeLoader.LoadedLibStdCxx()!));
        var expected = ElfVersionPatcher.ReadVersionNeeds(File.ReadAllBytes(LibTorchSharp))
            .Where(n => n.File == "libstdc++.so.6" && !defined.Contains(n.Version)).Select(n => n.Version).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, NativeLoader.MissingLibStdCxxVersions(LibTorchSharp));
    }

    [Fact]
    public void RejectsAFileThatIsNotElf()
    {
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadVersionNeeds("#!/bin/sh\necho hi\n"u8.ToArray().Concat(new byte[64]).ToArray()));
        Assert.Contains("not an ELF file", e.Message);
        var truncated = File.ReadAllBytes(LibTorchSharp)[..4096];
        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadVersionNeeds(truncated));
    }
}
