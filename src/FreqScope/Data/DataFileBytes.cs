namespace FreqScope.Data;

/// <summary>
/// Reads data files to a stated number of bytes and no further, so that a file far larger than its kind ever is, or
/// a device such as <c>/dev/zero</c> that never ends, is refused after at most that many bytes instead of filling
/// memory.
/// </summary>
internal static class DataFileBytes
{
    /// <summary>
    /// The first <paramref name="maxBytes"/> bytes of the file at <paramref name="path"/> (all of it when it is shorter);
    /// <paramref name="more"/> says whether the file goes on beyond them.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The most bytes to read, at most <see cref="Array.MaxLength"/>.</param>
    /// <param name="expected">What the file should be, for the message when <paramref name="path"/> is a folder (e.g. "a CSV file").</param>
    /// <param name="more">True when the file holds more than <paramref name="maxBytes"/> bytes.</param>
    /// <exception cref="DataFileException">The path is a folder, or the file is missing or unreadable.</exception>
    public static byte[] ReadUpTo(string path, long maxBytes, string expected, out bool more)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw new DataFileException(path, null, $"is a folder; expected {expected}");
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            return ReadUpTo(file, maxBytes, out more);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DataFileException.Unreadable(path, e);
        }
    }

    /// <summary>The first <paramref name="maxBytes"/> bytes of <paramref name="stream"/>; <paramref name="more"/> says whether it goes on.</summary>
    public static byte[] ReadUpTo(Stream stream, long maxBytes, out bool more)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, Array.MaxLength);
        // A regular file says its length, so its bytes are read into an array of that size; a device or pipe is read
        // in chunks, never beyond the bound.
        long known = stream.CanSeek ? stream.Length - stream.Position : 0;
        var buffer = new byte[Math.Clamp(known, 0, maxBytes)];
        int filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled == maxBytes) break;
                Array.Resize(ref buffer, (int)Math.Min(maxBytes, Math.Max(1L << 16, 2L * buffer.Length)));
            }

            int n = stream.Read(buffer, filled, buffer.Length - filled);
            if (n == 0)
            {
                more = false;
                return filled == buffer.Length ? buffer : buffer[..filled];
            }

            filled += n;
        }

        Span<byte> probe = stackalloc byte[1];
        more = stream.Read(probe) > 0;
        return buffer;
    }
}
