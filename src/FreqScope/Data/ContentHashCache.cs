using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FreqScope.Data;

/// <summary>
/// The MD5 of data files' decompressed content, remembered by full path, size and last-write time (UTC ticks) in a
/// small JSON file (<see cref="FileName"/> beside the data sets' cache folders), so that a file loaded again unchanged
/// is not hashed again. The cache is only a shortcut: a file that cannot be read, is larger than
/// <see cref="MaxBytes"/> or is not what this class writes is ignored (every hash is computed again), and one that
/// cannot be written (a read-only home, a full disk) is left as it is. It is written atomically (a temporary file
/// renamed over it), without the files whose paths no longer exist, and with at most <see cref="MaxEntries"/> files.
/// </summary>
internal sealed class ContentHashCache
{
    /// <summary>The cache file's name, in the folder above the data sets' cache folders.</summary>
    public const string FileName = "content-md5.json";

    /// <summary>The most bytes read from the cache file; a longer one is ignored.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The most files remembered; beyond that the ones hashed longest ago are forgotten.</summary>
    public const int MaxEntries = 2000;

    private const int Version = 1;

    private readonly string? _path;
    private Dictionary<string, Entry>? _entries;
    private bool _dirty;

    /// <summary>A cache kept in <paramref name="path"/>, or none at all (every hash computed) when it is null.</summary>
    public ContentHashCache(string? path) => _path = path;

    /// <summary>The cache file this instance reads and writes, or null.</summary>
    public string? Path => _path;

    /// <summary>How many contents this instance hashed (the rest came from the cache): for tests.</summary>
    public int Computed { get; private set; }

    /// <summary>
    /// The cache beside <see cref="DatasetStore.DefaultCacheDirectory"/>'s folders: <c>$FREQSCOPE_DATA/content-md5.json</c>,
    /// else <c>~/.cache/freqscope/datasets/content-md5.json</c>.
    /// </summary>
    public static ContentHashCache Default() => new(System.IO.Path.Combine(DatasetStore.CacheRoot(), FileName));

    /// <summary>What is known of a file before it is read: its full path, size and last-write time; null when it cannot be told (the reader then names the problem).</summary>
    public static FileStamp? Stamp(string path)
    {
        try
        {
            var info = new FileInfo(path);
            // A device or pipe has no length; only regular files with content are remembered.
            if (!info.Exists || info.Length == 0) return null;
            return new FileStamp(info.FullName, info.Length, info.LastWriteTimeUtc.Ticks);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The lower-case hex MD5 of <paramref name="content"/>, the decompressed content of the file stamped
    /// <paramref name="stamp"/> (taken before it was read): from the cache when the file's path, size and
    /// last-write time are those remembered, else hashed (and remembered).
    /// </summary>
    public string ContentMd5(FileStamp? stamp, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (stamp is { } s && Entries().TryGetValue(s.FullPath, out var known) && known.Size == s.Size && known.LastWriteTicks == s.LastWriteTicks)
            return known.Md5;
        Computed++;
        string md5 = Convert.ToHexStringLower(MD5.HashData(content));
        if (stamp is { } t && _path is not null)
        {
            Entries()[t.FullPath] = new Entry(t.Size, t.LastWriteTicks, md5, DateTime.UtcNow.Ticks);
            _dirty = true;
        }

        return md5;
    }

    /// <summary>Writes what was hashed since the cache was read, if anything; a cache that cannot be written is left as it is.</summary>
    public void Save()
    {
        if (!_dirty || _path is null || _entries is null) return;
        _dirty = false;
        var kept = _entries.Where(e => File.Exists(e.Key)).OrderByDescending(e => e.Value.HashedTicks).Take(MaxEntries).OrderBy(e => e.Key, StringComparer.Ordinal);
        var files = new JsonObject();
        foreach (var (key, e) in kept)
        {
            files[key] = new JsonObject
            {
                ["size"] = e.Size,
                ["lastWriteUtcTicks"] = e.LastWriteTicks,
                ["contentMd5"] = e.Md5,
                ["hashedUtcTicks"] = e.HashedTicks,
            };
        }

        var root = new JsonObject { ["version"] = Version, ["files"] = files };
        string temporary = _path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path))!);
            File.WriteAllText(temporary, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", new UTF8Encoding(false));
            File.Move(temporary, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception f) when (f is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the cache is only a shortcut.
            }
        }
    }

    private Dictionary<string, Entry> Entries() => _entries ??= Read(_path);

    /// <summary>The remembered entries of the cache file; empty when it is missing, too large, unreadable or not this class's format.</summary>
    internal static Dictionary<string, Entry> Read(string? path)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (path is null) return entries;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var bytes = DataFileBytes.ReadUpTo(file, MaxBytes, out bool more);
            if (more) return entries;
            if (JsonNode.Parse(bytes) is not JsonObject root || root["version"]?.GetValueKind() != JsonValueKind.Number
                || root["version"]!.GetValue<int>() != Version || root["files"] is not JsonObject files)
                return entries;
            foreach (var (key, node) in files)
            {
                if (node is not JsonObject o) continue;
                if (o["size"] is JsonValue size && size.TryGetValue(out long length) && o["lastWriteUtcTicks"] is JsonValue ticks && ticks.TryGetValue(out long written)
                    && o["contentMd5"] is JsonValue md5 && md5.TryGetValue(out string? hex) && hex is { Length: 32 } && hex.All(char.IsAsciiHexDigitLower))
                {
                    long hashed = o["hashedUtcTicks"] is JsonValue h && h.TryGetValue(out long at) ? at : 0;
                    entries[key] = new Entry(length, written, hex, hashed);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            entries.Clear();
        }

        return entries;
    }

    /// <summary>A file's full path, size and last-write time (UTC ticks).</summary>
    internal readonly record struct FileStamp(string FullPath, long Size, long LastWriteTicks);

    /// <summary>One remembered file: its size and last-write time when hashed, its content MD5, and when it was hashed.</summary>
    internal sealed record Entry(long Size, long LastWriteTicks, string Md5, long HashedTicks);
}
