namespace FreqScope.Tests.Support;

/// <summary>Locations in the source tree and scratch folders for tests.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding FreqScope.sln, found by walking up from the test binaries.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "FreqScope.sln"))) return dir.FullName;
            throw new InvalidOperationException("FreqScope.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The experiments/ folder.</summary>
    public static string Experiments => Path.Combine(Root, "experiments");

    /// <summary>A fresh, empty temporary folder.</summary>
    public static string NewTempDirectory(string prefix = "freqscope-test")
    {
        var dir = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
