using System.ComponentModel;
using System.Diagnostics;

namespace FreqScope.Sweeps;

/// <summary>Runs a short external program (sbatch, squeue, sacct) and captures what it printed.</summary>
internal static class ExternalCommand
{
    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Find(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal)) return File.Exists(program) ? Path.GetFullPath(program) : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    /// <summary>Runs the program to its end; null when it could not be started (not installed).</summary>
    public static (int Code, string Output, string Error)? Run(string program, IEnumerable<string> arguments, string? workingDirectory = null, int timeoutSeconds = 60)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(psi);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeoutSeconds * 1000))
            {
                process.Kill(entireProcessTree: true);
                return (124, output.Result, $"{program} did not answer within {timeoutSeconds} s");
            }

            process.WaitForExit();
            return (process.ExitCode, output.Result, error.Result);
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
