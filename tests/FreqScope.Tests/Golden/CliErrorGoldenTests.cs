using System.Text;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Golden;

/// <summary>
/// The command line's answer to bad configs and arguments, recorded in <c>Golden/cli-errors.txt</c>: for each
/// invocation its exit code and everything it printed (temporary folders shown as &lt;TMP&gt;, the repository as
/// &lt;REPO&gt;, the home folder as &lt;HOME&gt;). None of them trains: each fails before the first step.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class CliErrorGoldenTests
{
    [Fact]
    public void BadInvocationsGetTheRecordedAnswers()
    {
        var tmp = RepoPaths.NewTempDirectory("freqscope-cli-golden");
        try
        {
            string Exp(string name) => Path.Combine(RepoPaths.Experiments, name);
            string Write(string name, string text)
            {
                var path = Path.Combine(tmp, name);
                File.WriteAllText(path, text);
                return path;
            }

            var hiden = Write("hiden.json", File.ReadAllText(Exp("fprinciple-1d.json")).Replace("\"hidden\"", "\"hiden\"", StringComparison.Ordinal));
            var invalid = Write("invalid.json", "{ \"experiment\": \"fit1d\", ");
            var fit2d = Write("fit2d.json", "{ \"experiment\": \"fit2d\" }");
            var csv = Write("csv.json", """
                { "target": { "kind": "csv", "csvPath": "missing.csv" }, "data": { "domain": [0, 1], "train": { "count": 11 } }, "model": { "hidden": [4] } }
                """);
            var notEmpty = Path.Combine(tmp, "not-empty");
            Directory.CreateDirectory(notEmpty);
            File.WriteAllText(Path.Combine(notEmpty, "keep.txt"), "mine");
            var empty = Path.Combine(tmp, "empty");
            Directory.CreateDirectory(empty);

            string[][] cases =
            [
                ["run", "/nonexistent/config.json"],
                ["run", "--steps", "0"],
                ["run", "--steps", "abc"],
                ["run", "--steps", "99999999999999999999"],
                ["run", "--seed", "abc"],
                ["run", "--epochs", "abc"],
                ["run", "--epochs", "99999999999"],
                ["run", "--stpes", "10"],
                ["run", "--frobnicate"],
                ["run", "/dev/zero"],
                ["run", tmp],
                ["run", "--smoke", "--out", "/proc/freqscope-cannot-write-here"],
                ["run", "--device", "gpu"],
                ["run", "--epochs", "0"],
                ["run", "--epochs", "3"],
                ["run", "--data", tmp],
                ["run", "--resume", "/nonexistent/run"],
                ["run", "--resume", empty, "--seed", "1"],
                ["run", "--resume", empty],
                ["run", hiden],
                ["run", invalid],
                ["run", fit2d],
                ["run", csv, "--out", Path.Combine(tmp, "csv-run")],
                ["run", Exp("sweep-seeds-1d.json")],
                ["run", Exp("fprinciple-1d.json"), "--out", notEmpty],
                ["run", Exp("ntk-linearised-vs-training.json"), "--epochs", "3"],
                ["run", Exp("ntk-linearised-vs-training.json"), "--steps", "99999999"],
                ["run", Exp("poisson-1d-hybrid.json"), "--steps", "100"],
                ["run", Exp("poisson-1d-hybrid.json"), "--epochs", "2"],
                ["run", Exp("ff-gaussian.json"), "--steps", "200000000"],
                ["run", Exp("parity-10.json"), "--steps", "200000000"],
                ["run", Exp("parity-10.json"), "--data", tmp],
                ["run", Exp("image-fit-plain.json"), "--steps", "20000000"],
                ["run", Exp("fashion-mnist-mlp-filtering.json"), "--steps", "5"],
                ["run", Exp("fashion-mnist-mlp-filtering.json"), "--data", "/nonexistent/data"],
                ["run", Exp("fashion-mnist-mlp-filtering.json"), "--data", empty, "--out", Path.Combine(tmp, "no-data")],
                ["sweep"],
                ["sweep", Exp("fprinciple-1d.json")],
                ["sweep", Exp("sweep-seeds-1d.json"), "--jobs", "2"],
                ["sweep", Exp("sweep-seeds-1d.json"), "--partition", "gpu"],
                ["sweep", Exp("sweep-seeds-1d.json"), "--backend", "local", "--jobs", "0"],
                ["sweep", Exp("sweep-seeds-1d.json"), "--data", tmp],
                ["sweep", "--resume", "/nonexistent/sweep"],
                ["sweep", "--resume", empty],
                ["sweep", "member", "/nonexistent/sweep", "0"],
                ["sweep", "member", tmp, "x"],
                ["sweep", "--stpes", "10"],
                ["report", "/nonexistent/run"],
                ["report", empty],
                ["frobnicate"],
            ];
            var sb = new StringBuilder();
            foreach (var args in cases)
            {
                int code;
                string output;
                try
                {
                    (code, output) = Cli(args);
                }
                catch (Exception e)
                {
                    // Recorded as it is: a crash here is a bug to mend, and the recording shows when it is mended.
                    (code, output) = (-1, $"unhandled {e.GetType().Name}: {e.Message}");
                }

                string Clean(string s) => s.Replace(tmp, "<TMP>", StringComparison.Ordinal).Replace(RepoPaths.Root, "<REPO>", StringComparison.Ordinal)
                    .Replace(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "<HOME>", StringComparison.Ordinal);
                sb.Append("$ freqscope ").Append(Clean(string.Join(' ', args))).Append('\n');
                sb.Append("exit ").Append(code).Append('\n');
                foreach (var line in Clean(output).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n')) sb.Append("> ").Append(line.TrimEnd()).Append('\n');
                sb.Append('\n');
            }

            GoldenFile.Check("cli-errors.txt", sb.ToString());
            // Every answer is a message: no crash, no stack frame, no .NET type name.
            var recorded = sb.ToString();
            Assert.DoesNotContain("unhandled", recorded, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", recorded, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", recorded, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(tmp, "csv-run")));
            Assert.False(Directory.Exists(Path.Combine(tmp, "no-data")));
        }
        finally
        {
            Directory.Delete(tmp, true);
        }
    }

    private static (int Code, string Output) Cli(params string[] args) => CliRunner.Run(args);
}
