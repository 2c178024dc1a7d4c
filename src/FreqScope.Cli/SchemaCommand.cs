using FreqScope.Experiments;

namespace FreqScope.Cli;

/// <summary><c>freqscope schema [KIND] [--out DIR]</c>: the JSON Schema of a kind's config, printed, or every kind's written to a folder.</summary>
internal static class SchemaCommand
{
    /// <summary>The file name of a kind's schema in <c>schemas/</c>.</summary>
    public static string FileName(string kind) => kind + ".schema.json";

    public static int Execute(TextWriter output, string? kind, string? outDir)
    {
        var registry = ExperimentKinds.Registry;
        if (outDir is not null)
        {
            if (kind is not null) throw new UsageException("schema --out writes every kind's schema; it takes no KIND");
            Directory.CreateDirectory(outDir);
            foreach (var k in registry.Kinds)
            {
                var path = Path.Combine(outDir, FileName(k.Name));
                File.WriteAllText(path, k.Schema());
                output.WriteLine(path);
            }

            return CliApp.ExitOk;
        }

        if (kind is null) throw new UsageException($"schema needs a KIND ({string.Join(", ", registry.Names)}), or --out DIR for all of them");
        var found = registry.Find(kind) ?? throw new UsageException($"schema \"{kind}\": no such experiment kind; expected one of {string.Join(", ", registry.Names)}");
        output.Write(found.Schema());
        return CliApp.ExitOk;
    }
}
