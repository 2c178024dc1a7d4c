using System.Reflection;

namespace FreqScope.Cli;

/// <summary>
/// The command that starts this command line again, for child processes and Slurm tasks: the apphost
/// (<c>Environment.ProcessPath</c>) when the CLI runs as its own executable, else <c>dotnet /abs/FreqScope.Cli.dll</c>
/// (the dotnet that runs us, <c>DOTNET_HOST_PATH</c>, or dotnet on PATH), always with absolute paths.
/// </summary>
internal static class CliLocator
{
    public static IReadOnlyList<string> Command()
    {
        var cli = typeof(CliApp).Assembly;
        var dll = Path.GetFullPath(cli.Location);
        var process = Environment.ProcessPath;
        var processName = process is null ? "" : Path.GetFileNameWithoutExtension(process);
        if (process is not null && Assembly.GetEntryAssembly() == cli && processName != "dotnet") return [Path.GetFullPath(process)];
        var dotnet = processName == "dotnet" ? process!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
            : FindOnPath("dotnet") ?? "dotnet";
        return [dotnet, dll];
    }

    private static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }

        return null;
    }
}
