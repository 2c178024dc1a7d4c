using System.Diagnostics;
using FreqScope.Cli;
using Spectre.Console;

namespace FreqScope.Tests.Support;

/// <summary>Runs the command line in-process with a plain 400-column console and returns its exit code and output.</summary>
public static class CliRunner
{
    public static (int Code, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 400;
        int code = CliApp.Run(args, console, writer);
        return (code, writer.ToString());
    }

    /// <summary>
    /// Starts the command line in a process of its own (as <c>sweep --backend local</c> starts its members), with
    /// <paramref name="environment"/> added to its environment; its output is read and dropped.
    /// </summary>
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var process = Launch(environment, args);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Runs the command line to its end in a process of its own (where what is read once per process, such as the
    /// native loading, happens afresh), with <paramref name="environment"/> added; its exit code and its output.
    /// </summary>
    public static (int Code, string Output) RunProcess(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunProcess(environment, Timeout.InfiniteTimeSpan, args);

    /// <summary><see cref="RunProcess(IReadOnlyDictionary{string, string}, string[])"/>, killed (and a <see cref="TimeoutException"/>) when it runs past <paramref name="timeout"/>.</summary>
    public static (int Code, string Output) RunProcess(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        using var process = Launch(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"freqscope {string.Join(' ', args)} did not end within {timeout.TotalSeconds} s");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static Process Launch(IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var command = CliLocator.Command();
        var psi = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command.Skip(1).Concat(args)) psi.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        return Process.Start(psi)!;
    }

    /// <summary>A fit1d config of a sine on 101 points, a 64×64 network, <paramref name="steps"/> steps, written as DIR/fit.json.</summary>
    public static string WriteFitConfig(string dir, long steps, int checkpointEvery, int probeEvery)
    {
        var path = Path.Combine(dir, "fit.json");
        File.WriteAllText(path, $$"""
            { "name": "fit", "device": "cpu",
              "target": { "kind": "sinusoids", "terms": [ { "frequency": 1 } ] },
              "data": { "domain": [0, 1], "train": { "count": 101 } },
              "model": { "hidden": [64, 64] },
              "training": { "steps": {{steps}}, "checkpointEvery": {{checkpointEvery}} },
              "probe": { "every": {{probeEvery}} } }
            """);
        return path;
    }
}
