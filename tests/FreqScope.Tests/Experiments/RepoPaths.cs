namespace FreqScope.Tests.Experiments;

/// <summary>Locates the repository (the folder holding FreqScope.sln) from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Experiments => Path.Combine(Root, "experiments");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FreqScope.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("FreqScope.sln not found above " + AppContext.BaseDirectory);
    }
}
