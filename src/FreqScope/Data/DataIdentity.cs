namespace FreqScope.Data;

/// <summary>Whether the files a data set was loaded from are the published ones (see <see cref="DatasetStore"/>).</summary>
public enum DataIdentity
{
    /// <summary>
    /// Not known to be the published files: an IDX file whose decompressed content matches no catalogued file (a
    /// synthetic or edited set, run on as given), a data set without content hashes in its spec, or CIFAR-10's batch
    /// files (the catalog holds only the archive's checksum, checked when the archive is downloaded).
    /// </summary>
    Unverified,

    /// <summary>Every file's decompressed content has the MD5 the catalog lists for it (<see cref="DatasetFile.ContentMd5"/>).</summary>
    Verified,
}
