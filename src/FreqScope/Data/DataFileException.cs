namespace FreqScope.Data;

/// <summary>A data file (e.g. a CSV target) that cannot be read or does not fit. The message starts with <c>"{file}:{line}: "</c> or <c>"{file}: "</c>.</summary>
public sealed class DataFileException : Exception
{
    /// <summary>The file, as given.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the problem, when it is on one line.</summary>
    public int? Line { get; }

    /// <summary>Creates the exception.</summary>
    public DataFileException(string filePath, int? line, string problem, Exception? inner = null)
        : base(line is null ? $"{filePath}: {problem}" : $"{filePath}:{line}: {problem}", inner)
    {
        FilePath = filePath;
        Line = line;
    }

    /// <summary>
    /// The exception for a file that could not be opened or read: "file not found (full path: …)" for a missing file
    /// or folder, otherwise "cannot read the file: …" with the system's reason.
    /// </summary>
    public static DataFileException Unreadable(string filePath, Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var problem = e is FileNotFoundException or DirectoryNotFoundException
            ? $"file not found (full path: {Path.GetFullPath(filePath)})"
            : "cannot read the file: " + e.Message;
        return new DataFileException(filePath, null, problem, e);
    }
}
