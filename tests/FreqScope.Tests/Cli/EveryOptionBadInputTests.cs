using System.CommandLine;
using FreqScope.Cli;
using FreqScope.Tests.Support;
using Spectre.Console;

namespace FreqScope.Tests.Cli;

/// <summary>
/// Every option that takes a value and every argument of every command, read from the command tree itself, has a
/// bad-input case here (a new option without one fails the first test), and each case is answered with one error
/// line that names what was wrong, a non-zero exit, and no stack frame or .NET type name.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class EveryOptionBadInputTests
{
    private static readonly string Sweep1d = Path.Combine(RepoPaths.Root, "experiments", "sweep-seeds-1d.json");
    private static readonly string Classify = Path.Combine(RepoPaths.Root, "experiments", "fashion-mnist-mlp-filtering.json");
    private const string Unwritable = "/proc/freqscope-not-writable";
    private const string Missing = "/nonexistent/freqscope";

    /// <summary>Command path and option or argument → the arguments of a bad call, and what its error must contain.</summary>
    private static readonly Dictionary<string, (string[] Args, string Names)> Cases = new()
    {
        ["run CONFIG"] = (["run", Missing + "/config.json"], Missing + "/config.json"),
        ["run --out"] = (["run", "--out", Unwritable], Unwritable),
        ["run --device"] = (["run", "--device", "gpu"], "--device gpu"),
        ["run --seed"] = (["run", "--seed", "abc"], "--seed abc"),
        ["run --steps"] = (["run", "--steps", "0"], "--steps 0"),
        ["run --epochs"] = (["run", Classify, "--epochs", "abc"], "--epochs abc"),
        ["run --data"] = (["run", Classify, "--data", Missing], Missing),
        ["run --resume"] = (["run", "--resume", Missing], Missing),
        ["run --set"] = (["run", "--set", "novalue"], "--set \"novalue\""),
        ["sweep CONFIG"] = (["sweep", Missing + "/sweep.json"], Missing + "/sweep.json"),
        ["sweep --out"] = (["sweep", Sweep1d, "--out", Unwritable], Unwritable),
        ["sweep --set"] = (["sweep", Sweep1d, "--set", "novalue"], "--set \"novalue\""),
        ["sweep --device"] = (["sweep", Sweep1d, "--device", "gpu"], "--device gpu"),
        ["sweep --resume"] = (["sweep", "--resume", Missing], Missing),
        ["sweep --data"] = (["sweep", Sweep1d, "--data", Missing], "--data"),
        ["sweep --backend"] = (["sweep", Sweep1d, "--backend", "bogus"], "--backend bogus"),
        ["sweep --jobs"] = (["sweep", Sweep1d, "--jobs", "0"], "--jobs 0"),
        ["sweep --partition"] = (["sweep", Sweep1d, "--partition", "x"], "--partition"),
        ["sweep --time"] = (["sweep", Sweep1d, "--time", "x"], "--time"),
        ["sweep --mem"] = (["sweep", Sweep1d, "--mem", "x"], "--mem"),
        ["sweep --gpus"] = (["sweep", Sweep1d, "--gpus", "x"], "--gpus"),
        ["sweep --cpus-per-task"] = (["sweep", Sweep1d, "--cpus-per-task", "0"], "--cpus-per-task 0"),
        ["sweep --sbatch-arg"] = (["sweep", Sweep1d, "--sbatch-arg", "x"], "--sbatch-arg"),
        ["sweep --retries"] = (["sweep", Sweep1d, "--retries", "-1"], "--retries -1"),
        ["sweep status SWEEP_DIR"] = (["sweep", "status", Missing], Missing),
        ["sweep collect SWEEP_DIR"] = (["sweep", "collect", Missing], Missing),
        ["sweep member SWEEP_DIR"] = (["sweep", "member", Missing, "0"], Missing),
        ["sweep member INDEX"] = (["sweep", "member", Missing, "abc"], "INDEX abc"),
        ["sweep member --threads"] = (["sweep", "member", Missing, "0", "--threads", "0"], "--threads 0"),
        ["sweep retry SWEEP_DIR"] = (["sweep", "retry", Missing], Missing),
        ["report RUN_DIR"] = (["report", Missing], Missing),
        ["watch RUN_DIR"] = (["watch", Missing], Missing),
        ["watch --interval"] = (["watch", Missing, "--interval", "0"], "--interval 0"),
        ["schema KIND"] = (["schema", "bogus"], "\"bogus\""),
        ["schema --out"] = (["schema", "--out", Unwritable], Unwritable),
    };

    [Fact]
    public void EveryOptionThatTakesAValueAndEveryArgumentHasACase()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var found = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(Command command, string path)
        {
            foreach (var option in command.Options.Where(o => o.ValueType != typeof(bool) && o.Name is not ("--help" or "--version")))
                found.Add($"{path} {option.Name}".Trim());
            foreach (var argument in command.Arguments) found.Add($"{path} {argument.Name}".Trim());
            foreach (var sub in command.Subcommands) Walk(sub, $"{path} {sub.Name}".Trim());
        }

        Walk(CliApp.Commands(console, TextWriter.Null), "");
        Assert.Equal(found, new SortedSet<string>(Cases.Keys, StringComparer.Ordinal));
    }

    public static TheoryData<string> CaseNames() => [.. Cases.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ABadValueIsOneLineNamingIt(string name)
    {
        var (args, names) = Cases[name];
        var (code, text) = CliRunner.Run(args);
        Assert.True(code is CliApp.ExitUsage or CliApp.ExitError, $"{name}: exit {code}\n{text}");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = Assert.Single(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(names, error, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal) || l.Contains("System.", StringComparison.Ordinal)
            || l.Contains("Exception", StringComparison.Ordinal) || l.Contains("nhandled", StringComparison.Ordinal));
        Assert.True(lines.Length <= 3, $"{name}: {lines.Length} lines\n{text}");
    }
}
