namespace FreqScope.Data;

/// <summary>One file of a catalogued data set as it is published on the mirrors.</summary>
/// <param name="FileName">The file's name on the mirrors and in the cache, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
/// <param name="Size">Its length in bytes, when known; a download of another length is rejected.</param>
/// <param name="Sha256">SHA-256 of the published file, lower-case hex; every download is checked against it.</param>
/// <param name="Md5">MD5 of the published file, lower-case hex (the checksum most loaders publish), when known.</param>
/// <param name="ContentMd5">
/// For a gzipped file, MD5 of its decompressed content, when known: it identifies the data even in a copy that
/// was recompressed (as Debian's <c>dataset-fashion-mnist</c> package is).
/// </param>
public sealed record DatasetFile(string FileName, long? Size, string Sha256, string? Md5 = null, string? ContentMd5 = null);
