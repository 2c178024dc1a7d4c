using System.Text;
using FreqScope.Core;

namespace FreqScope.Data;

/// <summary>Reads binary (P5) 8-bit PGM images, values scaled to [0, 1] by the file's maxval.</summary>
public static class PgmImage
{
    /// <summary>The most pixels an image may have, 8192 × 8192: a header announcing more is refused before its pixels are read.</summary>
    public const long MaxPixels = 8192L * 8192;

    /// <summary>The most bytes the header (with its comments) may take; the file is read to the header and the pixels it announces, no further.</summary>
    public const int MaxHeaderBytes = 64 << 10;

    /// <summary>
    /// Reads the P5 file at <paramref name="path"/>: header "P5", width, height, maxval (1 to 255), separated by
    /// whitespace (comments from '#' to the end of a line allowed), one whitespace byte, then width·height bytes.
    /// </summary>
    /// <returns>Height, width and the row-major pixels divided by maxval.</returns>
    /// <exception cref="DataFileException">The file is missing, not a P5 8-bit PGM, larger than <see cref="MaxPixels"/>, or truncated; the message names the file and what was expected.</exception>
    public static (int Height, int Width, double[] Pixels) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = DataFileBytes.ReadUpTo(path, MaxHeaderBytes, "a binary PGM image (P5)", out bool more);
        int pos = 0;
        string magic = Token(bytes, ref pos, path, "the magic number P5");
        if (magic != "P5") throw new DataFileException(path, null, $"expected a binary PGM starting with \"P5\"; found \"{PrintableText.Escape(magic, 20)}\"");
        int width = Number(bytes, ref pos, path, "the width");
        int height = Number(bytes, ref pos, path, "the height");
        int maxval = Number(bytes, ref pos, path, "maxval");
        if (maxval is < 1 or > 255) throw new DataFileException(path, null, $"maxval is {maxval}; expected 1 to 255 (8-bit PGM)");
        pos++; // the single whitespace byte after maxval
        long needed = (long)width * height;
        if (needed > MaxPixels)
            throw new DataFileException(path, null, $"{width} × {height} = {needed} pixels; expected at most {MaxPixels} (8192 × 8192)");
        if (more && bytes.Length < pos + needed) bytes = DataFileBytes.ReadUpTo(path, pos + needed, "a binary PGM image (P5)", out _);
        if (bytes.Length - pos < needed)
            throw new DataFileException(path, null, $"truncated; expected {width} × {height} = {needed} pixel bytes after the header, found {Math.Max(0, bytes.Length - pos)}");
        var pixels = new double[needed];
        for (long k = 0; k < needed; k++) pixels[k] = Math.Min(bytes[pos + k], maxval) / (double)maxval;
        return (height, width, pixels);
    }

    private static int Number(byte[] bytes, ref int pos, string path, string what)
    {
        string token = Token(bytes, ref pos, path, what);
        if (!int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) || value < 1 || value > 65_535)
            throw new DataFileException(path, null, $"{what} is \"{PrintableText.Escape(token, 20)}\"; expected an integer between 1 and 65535");
        return value;
    }

    private static string Token(byte[] bytes, ref int pos, string path, string what)
    {
        while (pos < bytes.Length)
        {
            if (bytes[pos] == (byte)'#')
            {
                while (pos < bytes.Length && bytes[pos] != (byte)'\n') pos++;
            }
            else if (char.IsWhiteSpace((char)bytes[pos]))
            {
                pos++;
            }
            else
            {
                break;
            }
        }

        int start = pos;
        while (pos < bytes.Length && !char.IsWhiteSpace((char)bytes[pos]) && pos - start < 16) pos++;
        if (pos == start && bytes.Length >= MaxHeaderBytes)
            throw new DataFileException(path, null, $"the header goes on past {MaxHeaderBytes} bytes before {what}; expected a P5 header \"P5 width height maxval\"");
        if (pos == start) throw new DataFileException(path, null, $"the header ends before {what}; expected a P5 header \"P5 width height maxval\"");
        return Encoding.ASCII.GetString(bytes, start, pos - start);
    }
}
