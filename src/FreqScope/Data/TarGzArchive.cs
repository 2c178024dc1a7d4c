using System.Formats.Tar;
using System.IO.Compression;

namespace FreqScope.Data;

/// <summary>
/// Reads gzipped tar archives (such as <c>cifar-10-binary.tar.gz</c>) with <see cref="TarReader"/> and
/// <see cref="GZipStream"/>. Only directories and regular files are taken; links and special entries are skipped,
/// and an entry whose path would leave the destination folder is an error.
/// </summary>
public static class TarGzArchive
{
    /// <summary>Extracts the directories and regular files of <paramref name="archivePath"/> under <paramref name="destinationDir"/>.</summary>
    /// <param name="archivePath">The .tar.gz file.</param>
    /// <param name="destinationDir">The folder to extract into.</param>
    /// <param name="maxEntryBytes">The most bytes one file of the archive may hold: a larger one is refused from its header, before it is written.</param>
    /// <param name="expected">What a file of the archive is, for the message about a larger one.</param>
    /// <returns>The full paths of the files written.</returns>
    /// <exception cref="DataFileException">The archive is missing, corrupt or truncated, an entry's path leads outside <paramref name="destinationDir"/>, or a file is larger than <paramref name="maxEntryBytes"/>.</exception>
    public static IReadOnlyList<string> Extract(string archivePath, string destinationDir, long maxEntryBytes, string expected)
    {
        ArgumentNullException.ThrowIfNull(archivePath);
        ArgumentNullException.ThrowIfNull(destinationDir);
        string root = Path.GetFullPath(destinationDir);
        string rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(root);
        var written = new List<string>();
        Walk(archivePath, entry =>
        {
            string target = Path.GetFullPath(Path.Combine(root, entry.Name));
            if (!target.StartsWith(rootWithSeparator, StringComparison.Ordinal) && target != root)
            {
                throw new DataFileException(archivePath, null, $"entry \"{entry.Name}\" would be written to {target}, outside {root}; refusing to extract it");
            }

            if (entry.EntryType == TarEntryType.Directory)
            {
                Directory.CreateDirectory(target);
            }
            else if (IsRegularFile(entry.EntryType))
            {
                if (entry.Length > maxEntryBytes)
                    throw new DataFileException(archivePath, null, $"its entry {entry.Name} is {entry.Length} bytes; expected {expected}");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                entry.ExtractToFile(target, overwrite: true);
                written.Add(target);
            }
        });
        return written;
    }

    /// <summary>
    /// Reads into memory the regular files of <paramref name="archivePath"/> whose file name (last path component)
    /// is one of <paramref name="fileNames"/>, without writing anything to disk.
    /// </summary>
    /// <param name="archivePath">The .tar.gz file.</param>
    /// <param name="fileNames">The file names to read.</param>
    /// <param name="maxEntryBytes">The most bytes a wanted entry may hold (at most <see cref="Array.MaxLength"/>): a larger one is refused from its header, before anything of it is decompressed.</param>
    /// <param name="expected">What a wanted entry is, for the message about a larger one (e.g. "a CIFAR-10 batch file of at most 30730000 bytes").</param>
    /// <returns>The content of each file found, keyed by file name; names not found are absent.</returns>
    /// <exception cref="DataFileException">The archive is missing, corrupt or truncated, or a wanted entry is larger than <paramref name="maxEntryBytes"/>.</exception>
    public static IReadOnlyDictionary<string, byte[]> ReadFiles(string archivePath, IReadOnlyCollection<string> fileNames,
        long maxEntryBytes, string expected)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxEntryBytes, Array.MaxLength);
        ArgumentNullException.ThrowIfNull(archivePath);
        ArgumentNullException.ThrowIfNull(fileNames);
        var wanted = new HashSet<string>(fileNames, StringComparer.Ordinal);
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        Walk(archivePath, entry =>
        {
            string fileName = entry.Name.Replace('\\', '/').Split('/')[^1];
            if (!IsRegularFile(entry.EntryType) || !wanted.Contains(fileName) || entry.DataStream is null) return;
            if (entry.Length > maxEntryBytes)
                throw new DataFileException(archivePath, null, $"its entry {entry.Name} is {entry.Length} bytes; expected {expected}");
            using var buffer = new MemoryStream((int)entry.Length);
            entry.DataStream.CopyTo(buffer);
            found[fileName] = buffer.ToArray();
        });
        return found;
    }

    private static bool IsRegularFile(TarEntryType type) =>
        type is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;

    private static void Walk(string archivePath, Action<TarEntry> visit)
    {
        try
        {
            using var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is TarEntry entry) visit(entry);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new DataFileException(archivePath, null, $"the archive is corrupt or truncated ({e.Message}); delete it and get it again", e);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw DataFileException.Unreadable(archivePath, e);
        }
    }
}
