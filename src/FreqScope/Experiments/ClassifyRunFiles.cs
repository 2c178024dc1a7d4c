using System.Globalization;

namespace FreqScope.Experiments;

/// <summary>Names and headers of a classify run's data files, and a plain reader of their numeric rows.</summary>
internal static class ClassifyRunFiles
{
    public const string Metrics = "metrics.csv";
    public const string Filtering = "filtering.csv";
    public const string Projection = "projection.csv";
    public const string MetricsHeader = "epoch,step,learning_rate,train_loss,train_accuracy,test_loss,test_accuracy";
    public const string FilteringHeader = "epoch,delta,e_low,e_high";
    public const string ProjectionHeader = "epoch,index,frequency,output_abs,target_abs,delta_complex,delta_magnitude";

    /// <summary>Every data row of a CSV file written by the runner, as numbers (the header is skipped).</summary>
    public static List<double[]> ReadRows(string path)
    {
        var rows = new List<double[]>();
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            rows.Add(line.Split(',').Select(Parse).ToArray());
        }

        return rows;
    }

    private static double Parse(string field) => field switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
