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
}
