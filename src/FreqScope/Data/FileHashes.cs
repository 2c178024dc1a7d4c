using System.Security.Cryptography;

namespace FreqScope.Data;

/// <summary>Lower-case hex digests of files.</summary>
internal static class FileHashes
{
    /// <summary>SHA-256 of the file at <paramref name="path"/>.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
