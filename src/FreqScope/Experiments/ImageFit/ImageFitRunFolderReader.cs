using System.Globalization;
using FreqScope.Core.Tables;

namespace FreqScope.Experiments.ImageFit;

/// <summary>Reads the CSV files of an image-fit run folder (docs/run-folder.md).</summary>
public static class ImageFitRunFolderReader
{
    /// <summary>metrics.csv header.</summary>
    public const string MetricsHeader = "step,train_mse,train_psnr,test_mse,test_psnr";

    /// <summary>bands.csv header.</summary>
    public const string BandsHeader = "step,band,low,high,relative_error";

    /// <summary>predictions.csv header.</summary>
    public const string PredictionsHeader = "step,i,j,value";

    /// <summary>image.csv header.</summary>
    public const string ImageHeader = "i,j,value,split";

    /// <summary>The rows of metrics.csv.</summary>
    /// <exception cref="InvalidDataException">The file is missing or malformed.</exception>
    public static IReadOnlyList<ImageFitMetricRow> ReadMetrics(string runDir) =>
        Rows(runDir, "metrics.csv", MetricsHeader, (c, f, l) => new ImageFitMetricRow(
            CsvFormat.ParseInt64(c[0], f, l, "step"), CsvFormat.ParseDouble(c[1], f, l, "train_mse"), CsvFormat.ParseDouble(c[2], f, l, "train_psnr"),
            CsvFormat.ParseDouble(c[3], f, l, "test_mse"), CsvFormat.ParseDouble(c[4], f, l, "test_psnr")));

    /// <summary>The rows of bands.csv.</summary>
    /// <exception cref="InvalidDataException">The file is missing or malformed.</exception>
    public static IReadOnlyList<ImageFitBandRow> ReadBands(string runDir) =>
        Rows(runDir, "bands.csv", BandsHeader, (c, f, l) => new ImageFitBandRow(
            CsvFormat.ParseInt64(c[0], f, l, "step"), (int)CsvFormat.ParseInt64(c[1], f, l, "band"), CsvFormat.ParseDouble(c[2], f, l, "low"),
            CsvFormat.ParseDouble(c[3], f, l, "high"), CsvFormat.ParseDouble(c[4], f, l, "relative_error")));

    /// <summary>The rows of predictions.csv (Split empty).</summary>
    /// <exception cref="InvalidDataException">The file is missing or malformed.</exception>
    public static IReadOnlyList<ImageFitPixelRow> ReadPredictions(string runDir) =>
        Rows(runDir, "predictions.csv", PredictionsHeader, (c, f, l) => new ImageFitPixelRow(
            CsvFormat.ParseInt64(c[0], f, l, "step"), (int)CsvFormat.ParseInt64(c[1], f, l, "i"), (int)CsvFormat.ParseInt64(c[2], f, l, "j"),
            CsvFormat.ParseDouble(c[3], f, l, "value"), ""));

    /// <summary>The rows of image.csv (Step 0).</summary>
    /// <exception cref="InvalidDataException">The file is missing or malformed.</exception>
    public static IReadOnlyList<ImageFitPixelRow> ReadImage(string runDir) =>
        Rows(runDir, "image.csv", ImageHeader, (c, f, l) => new ImageFitPixelRow(
            0, (int)CsvFormat.ParseInt64(c[0], f, l, "i"), (int)CsvFormat.ParseInt64(c[1], f, l, "j"), CsvFormat.ParseDouble(c[2], f, l, "value"), c[3]));

    private static List<T> Rows<T>(string runDir, string file, string header, Func<string[], string, int, T> parse)
    {
        var path = Path.Combine(runDir, file);
        if (!File.Exists(path)) throw new InvalidDataException($"{file}: missing from {runDir}");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != header) throw new InvalidDataException($"{file}: expected the header \"{header}\"");
        int columns = header.Split(',').Length;
        var rows = new List<T>(lines.Length - 1);
        for (int l = 1; l < lines.Length; l++)
        {
            if (lines[l].Length == 0) continue;
            var cells = lines[l].Split(',');
            if (cells.Length != columns)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{file}:{l + 1}: expected {columns} columns, found {cells.Length}"));
            rows.Add(parse(cells, file, l + 1));
        }

        return rows;
    }
}
