namespace FreqScope.Data;

/// <summary>
/// Finds, downloads if allowed, and reads the catalogued image data sets (<see cref="DatasetCatalog"/>).
/// </summary>
/// <remarks>
/// <para>With a data folder (the CLI's <c>--data DIR</c>) only local files are read and nothing is downloaded. An
/// IDX file <c>X.gz</c> may be there as <c>X.gz</c>, uncompressed <c>X</c>, or with the dotted name
/// (<c>train-images.idx3-ubyte</c>, also <c>.gz</c>); gzip is recognised by content. CIFAR-10's batch files may
/// be in the folder, in its <c>cifar-10-batches-bin</c> subfolder, or inside <c>cifar-10-binary.tar.gz</c> there
/// (read in memory, nothing extracted).</para>
/// <para>Without one, the cache folder <see cref="DefaultCacheDirectory"/> is used; missing files are downloaded
/// (and verified) only when downloading is allowed. CIFAR-10's archive is kept in the cache after it is extracted
/// there.</para>
/// <para>Every load of IDX files checks which data set they hold: the MD5 of each file's decompressed content (hashed
/// as it is read, or remembered by path, size and last-write time in <see cref="ContentHashCache"/>) is compared with
/// the catalog's <see cref="DatasetFile.ContentMd5"/>. Files that are the published ones are
/// <see cref="DataIdentity.Verified"/>; a file that is another catalogued data set's (the Fashion-MNIST folder given
/// for <c>mnist</c>) is refused, naming both; files that match nothing catalogued (a synthetic or edited set) are
/// read as given and marked <see cref="DataIdentity.Unverified"/>, with a note (<see cref="DatasetPair.IdentityNote"/>,
/// also sent to the log). CIFAR-10's batch files are always unverified: the catalog holds only the archive's SHA-256,
/// checked when it is downloaded; an IDX folder given for CIFAR-10, or the reverse, is refused by its format (the
/// files looked for are missing).</para>
/// </remarks>
public static class DatasetStore
{
    /// <summary>The environment variable that moves the cache: the data set <c>NAME</c> is cached in <c>$FREQSCOPE_DATA/NAME</c>.</summary>
    public const string DataEnvironmentVariable = "FREQSCOPE_DATA";

    /// <summary>Loads the catalogued data set <paramref name="name"/>.</summary>
    /// <param name="name">One of <see cref="DatasetCatalog.Names"/>.</param>
    /// <param name="dataDir">A folder holding the files (never downloads), or null for the cache.</param>
    /// <param name="download">Whether missing files may be downloaded into the cache (ignored with <paramref name="dataDir"/>).</param>
    /// <param name="log">Receives progress lines, or null.</param>
    /// <exception cref="ArgumentException">The name is not catalogued; the message lists the allowed names.</exception>
    /// <exception cref="DataFileException">Files are missing (the message lists every path looked for and how to fix it), unreadable, malformed, or could not be downloaded.</exception>
    public static DatasetPair Load(string name, string? dataDir, bool download, Action<string>? log = null) =>
        Load(DatasetCatalog.Get(name), dataDir, download, log);

    /// <summary>Loads the data set described by <paramref name="spec"/> (a catalogued one, or one with other mirrors or files).</summary>
    /// <param name="spec">What to load and where to download it from.</param>
    /// <param name="dataDir">A folder holding the files (never downloads), or null for the cache.</param>
    /// <param name="download">Whether missing files may be downloaded into the cache (ignored with <paramref name="dataDir"/>).</param>
    /// <param name="log">Receives progress lines, or null.</param>
    /// <param name="cacheDir">The cache folder for this data set; null for <see cref="DefaultCacheDirectory"/>.</param>
    /// <param name="downloader">The downloader to use; null for a new one.</param>
    /// <exception cref="DataFileException">Files are missing (the message lists every path looked for and how to fix it), unreadable, malformed, or could not be downloaded.</exception>
    public static DatasetPair Load(DatasetSpec spec, string? dataDir, bool download, Action<string>? log = null,
        string? cacheDir = null, DatasetDownloader? downloader = null) =>
        Load(spec, dataDir, download, log, cacheDir, downloader, ContentHashCache.Default());

    /// <summary><see cref="Load(DatasetSpec, string?, bool, Action{string}?, string?, DatasetDownloader?)"/> with the content hashes remembered in <paramref name="hashes"/>.</summary>
    internal static DatasetPair Load(DatasetSpec spec, string? dataDir, bool download, Action<string>? log,
        string? cacheDir, DatasetDownloader? downloader, ContentHashCache hashes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        DatasetPair pair;
        if (dataDir is not null)
        {
            pair = spec.Format == DatasetFormat.Idx ? LoadIdxLocal(spec, dataDir, hashes) : LoadCifarLocal(spec, dataDir);
        }
        else
        {
            cacheDir ??= DefaultCacheDirectory(spec.Name);
            var own = downloader is null && download ? new DatasetDownloader(log: log) : null;
            try
            {
                var dl = downloader ?? own;
                pair = spec.Format == DatasetFormat.Idx
                    ? LoadIdxCache(spec, cacheDir, download ? dl : null, hashes)
                    : LoadCifarCache(spec, cacheDir, download ? dl : null, log);
            }
            finally
            {
                own?.Dispose();
            }
        }

        if (pair.IdentityNote is { } note) log?.Invoke(note);
        log?.Invoke($"{pair.Train}; {pair.Test}");
        return pair;
    }

    /// <summary>
    /// The cache folder of data set <paramref name="name"/>: <c>$FREQSCOPE_DATA/NAME</c> when the variable is set
    /// and not empty, else <c>~/.cache/freqscope/datasets/NAME</c>.
    /// </summary>
    public static string DefaultCacheDirectory(string name) =>
        CacheDirectoryFor(name, Environment.GetEnvironmentVariable(DataEnvironmentVariable),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary><see cref="DefaultCacheDirectory"/> with the variable's value and the home folder given.</summary>
    internal static string CacheDirectoryFor(string name, string? dataVariable, string home)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Path.Combine(CacheRootFor(dataVariable, home), name);
    }

    /// <summary>The folder that holds the data sets' cache folders: <c>$FREQSCOPE_DATA</c>, else <c>~/.cache/freqscope/datasets</c>.</summary>
    internal static string CacheRoot() =>
        CacheRootFor(Environment.GetEnvironmentVariable(DataEnvironmentVariable), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    private static string CacheRootFor(string? dataVariable, string home) =>
        string.IsNullOrWhiteSpace(dataVariable) ? Path.Combine(home, ".cache", "freqscope", "datasets") : dataVariable;

    /// <summary>The names an IDX file <c>X.gz</c> may have locally: <c>X.gz</c>, <c>X</c>, dotted <c>X</c>, dotted <c>X.gz</c>.</summary>
    internal static IReadOnlyList<string> IdxNameVariants(string fileName)
    {
        string raw = fileName.EndsWith(".gz", StringComparison.Ordinal) ? fileName[..^3] : fileName;
        var names = new List<string> { raw + ".gz", raw };
        int idx = raw.LastIndexOf("-idx", StringComparison.Ordinal);
        if (idx > 0)
        {
            string dotted = raw[..idx] + "." + raw[(idx + 1)..];
            names.Add(dotted);
            names.Add(dotted + ".gz");
        }

        return names;
    }

    private static DatasetPair LoadIdxLocal(DatasetSpec spec, string dataDir, ContentHashCache hashes)
    {
        var found = new Dictionary<string, string>();
        var lookedFor = new List<string>();
        foreach (var part in spec.TrainParts.Concat(spec.TestParts))
        {
            var candidates = IdxNameVariants(part).Select(n => Path.Combine(dataDir, n)).ToList();
            var hit = candidates.FirstOrDefault(File.Exists);
            if (hit is null && candidates.FirstOrDefault(Directory.Exists) is { } folder)
                throw new DataFileException(folder, null, $"is a folder; expected the IDX file {part} (gzipped or not)");
            if (hit is null) lookedFor.AddRange(candidates);
            else found[part] = hit;
        }

        if (lookedFor.Count > 0)
        {
            throw Missing(spec, dataDir, lookedFor,
                $"Put the files in {dataDir} (gzipped or not), pass --data with another folder, or leave out --data and set \"download\": true to download them into {DefaultCacheDirectory(spec.Name)}.");
        }

        return ReadIdx(spec, dataDir, found, hashes);
    }

    private static DatasetPair LoadIdxCache(DatasetSpec spec, string cacheDir, DatasetDownloader? downloader, ContentHashCache hashes)
    {
        var found = new Dictionary<string, string>();
        var lookedFor = new List<string>();
        foreach (var part in spec.TrainParts.Concat(spec.TestParts))
        {
            var candidates = IdxNameVariants(part).Select(n => Path.Combine(cacheDir, n)).ToList();
            var hit = candidates.FirstOrDefault(File.Exists);
            if (hit is null && downloader is not null) hit = downloader.Download(spec.File(part), spec.Mirrors, cacheDir);
            if (hit is null) lookedFor.AddRange(candidates);
            else found[part] = hit;
        }

        if (lookedFor.Count > 0)
        {
            throw Missing(spec, cacheDir, lookedFor,
                $"Pass --data DIR with a folder that holds the files, or set \"download\": true to download them into {cacheDir} (from {string.Join(" or ", spec.Mirrors)}).");
        }

        return ReadIdx(spec, cacheDir, found, hashes);
    }

    private static DatasetPair ReadIdx(DatasetSpec spec, string folder, Dictionary<string, string> found, ContentHashCache hashes)
    {
        // Each file's decompressed content is read once: hashed (or its hash found in the cache) to tell which data
        // set it is, then parsed.
        var contents = new Dictionary<string, byte[]>();
        var md5 = new Dictionary<string, string>();
        foreach (var part in spec.TrainParts.Concat(spec.TestParts))
        {
            var stamp = ContentHashCache.Stamp(found[part]);
            contents[part] = IdxReader.ReadBytes(found[part]);
            md5[part] = hashes.ContentMd5(stamp, contents[part]);
        }

        hashes.Save();
        var (identity, note) = Identify(spec, folder, found, md5);

        ImageDataset Read(IReadOnlyList<string> parts, string split)
        {
            string images = found[parts[0]];
            var data = IdxReader.FromBytes(contents[parts[0]], images, contents[parts[1]], found[parts[1]], spec.Name + "/" + split);
            contents.Remove(parts[0]); // the bytes are parsed: let them go before the next split is
            contents.Remove(parts[1]);
            if (data.Channels != spec.Channels || data.Height != spec.Height || data.Width != spec.Width)
            {
                throw new DataFileException(images, null,
                    $"images are {data.Channels}×{data.Height}×{data.Width}; expected {spec.Channels}×{spec.Height}×{spec.Width} for {spec.Name}");
            }

            return data;
        }

        return new DatasetPair(Read(spec.TrainParts, "train"), Read(spec.TestParts, "test")) { Identity = identity, IdentityNote = note };
    }

    /// <summary>
    /// Which data set the IDX files in <paramref name="folder"/> hold, by their content MD5s: verified when every one
    /// is the catalogued content of <paramref name="spec"/>'s file; refused when one is the content of another
    /// catalogued data set's file; otherwise unverified, with the note that says so.
    /// </summary>
    /// <exception cref="DataFileException">A file holds another catalogued data set; the message names both.</exception>
    internal static (DataIdentity Identity, string? Note) Identify(DatasetSpec spec, string folder, IReadOnlyDictionary<string, string> found, IReadOnlyDictionary<string, string> md5)
    {
        var parts = spec.TrainParts.Concat(spec.TestParts).ToList();
        string? Expected(string part) => spec.Files.FirstOrDefault(f => f.FileName == part)?.ContentMd5;
        var differing = parts.Where(p => Expected(p) != md5[p]).ToList();
        if (differing.Count == 0) return (DataIdentity.Verified, null);

        foreach (var part in differing)
        {
            var other = DatasetCatalog.All
                .Where(s => s.Name != spec.Name)
                .SelectMany(s => s.Files.Where(f => f.ContentMd5 == md5[part]).Select(f => (Spec: s, File: f)))
                .FirstOrDefault();
            if (other.Spec is not null)
            {
                throw new DataFileException(folder, null,
                    $"holds {other.Spec.Name}, not {spec.Name}: the content MD5 of {Path.GetFileName(found[part])} ({md5[part]}) is that of {other.Spec.Name}'s {other.File.FileName}, but data.dataset is \"{spec.Name}\"; expected the {spec.Name} files there, or data.dataset \"{other.Spec.Name}\"");
            }
        }

        string first = Path.GetFileName(found[differing[0]]);
        string why = Expected(differing[0]) is null
            ? $"the catalog has no content MD5 for {differing[0]}"
            : $"content differs: {first} has MD5 {md5[differing[0]]}, the published one {Expected(differing[0])}"
              + (differing.Count > 1 ? $", and {differing.Count - 1} more file{(differing.Count > 2 ? "s" : "")} differ" : "");
        return (DataIdentity.Unverified, $"note: the files in {folder} are not the published {spec.Name} ({why}); running on them as given");
    }

    private static DatasetPair LoadCifarLocal(DatasetSpec spec, string dataDir)
    {
        var folders = new[] { dataDir, Path.Combine(dataDir, spec.ArchiveFolder ?? DatasetCatalog.CifarFolder) };
        var batches = FindBatches(spec, folders);
        if (batches is not null) return ReadCifar(spec, batches);

        var archive = Path.Combine(dataDir, spec.Files[0].FileName);
        if (File.Exists(archive)) return ReadCifarArchive(spec, archive);

        var lookedFor = folders.SelectMany(f => spec.TrainParts.Concat(spec.TestParts).Select(p => Path.Combine(f, p))).Append(archive).ToList();
        throw Missing(spec, dataDir, lookedFor,
            $"Put the batch files or {spec.Files[0].FileName} in {dataDir}, pass --data with another folder, or leave out --data and set \"download\": true to download them into {DefaultCacheDirectory(spec.Name)}.");
    }

    private static DatasetPair LoadCifarCache(DatasetSpec spec, string cacheDir, DatasetDownloader? downloader, Action<string>? log)
    {
        string folder = Path.Combine(cacheDir, spec.ArchiveFolder ?? DatasetCatalog.CifarFolder);
        var batches = FindBatches(spec, [folder]);
        if (batches is not null) return ReadCifar(spec, batches);

        string archive = Path.Combine(cacheDir, spec.Files[0].FileName);
        if (!File.Exists(archive) && downloader is not null) archive = downloader.Download(spec.Files[0], spec.Mirrors, cacheDir);
        if (!File.Exists(archive))
        {
            var lookedFor = spec.TrainParts.Concat(spec.TestParts).Select(p => Path.Combine(folder, p)).Append(archive).ToList();
            throw Missing(spec, cacheDir, lookedFor,
                $"Pass --data DIR with a folder that holds the files, or set \"download\": true to download them into {cacheDir} (from {string.Join(" or ", spec.Mirrors)}).");
        }

        log?.Invoke($"extracting {archive} into {cacheDir}");
        string temporary = Path.Combine(cacheDir, ".extract-" + Guid.NewGuid().ToString("N"));
        try
        {
            TarGzArchive.Extract(archive, temporary, Cifar10Reader.MaxBatchBytes, Cifar10Reader.BatchBound);
            string extracted = Path.Combine(temporary, spec.ArchiveFolder ?? DatasetCatalog.CifarFolder);
            if (!Directory.Exists(extracted))
            {
                throw new DataFileException(archive, null, $"the archive has no folder \"{spec.ArchiveFolder}\"; expected the batches there");
            }

            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.Move(extracted, folder);
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }

        batches = FindBatches(spec, [folder]);
        if (batches is null)
        {
            var missing = spec.TrainParts.Concat(spec.TestParts).Where(p => !File.Exists(Path.Combine(folder, p)));
            throw new DataFileException(archive, null, $"the archive lacks {string.Join(", ", missing)} in \"{spec.ArchiveFolder}\"");
        }

        return ReadCifar(spec, batches);
    }

    /// <summary>Each part's path in the first folder that has it, or null when a part is in none.</summary>
    private static Dictionary<string, string>? FindBatches(DatasetSpec spec, IReadOnlyList<string> folders)
    {
        var found = new Dictionary<string, string>();
        foreach (var part in spec.TrainParts.Concat(spec.TestParts))
        {
            var hit = folders.Select(f => Path.Combine(f, part)).FirstOrDefault(File.Exists);
            if (hit is null) return null;
            found[part] = hit;
        }

        return found;
    }

    private static DatasetPair ReadCifar(DatasetSpec spec, Dictionary<string, string> found) => new(
        Cifar10Reader.Read(spec.TrainParts.Select(p => found[p]).ToList(), spec.Name + "/train"),
        Cifar10Reader.Read(spec.TestParts.Select(p => found[p]).ToList(), spec.Name + "/test"))
    {
        IdentityNote = CifarNote(spec, Path.GetDirectoryName(found[spec.TrainParts[0]])!),
    };

    /// <summary>
    /// The note of CIFAR-10 batches, always unverified: the catalog has the archive's SHA-256 (checked when it is
    /// downloaded), not the batch files' hashes.
    /// </summary>
    private static string CifarNote(DatasetSpec spec, string where) =>
        $"note: the {spec.Name} batch files in {where} are not verified (the catalog holds only the archive's SHA-256, checked when it is downloaded); running on them as given";

    private static DatasetPair ReadCifarArchive(DatasetSpec spec, string archive)
    {
        var parts = spec.TrainParts.Concat(spec.TestParts).ToList();
        var files = TarGzArchive.ReadFiles(archive, parts, Cifar10Reader.MaxBatchBytes, Cifar10Reader.BatchBound);
        var missing = parts.Where(p => !files.ContainsKey(p)).ToList();
        if (missing.Count > 0)
        {
            throw new DataFileException(archive, null, $"the archive lacks {string.Join(", ", missing)}; expected all of {string.Join(", ", parts)}");
        }

        List<(string, byte[])> Batches(IEnumerable<string> names) => names.Select(p => ($"{archive}!{p}", files[p])).ToList();
        return new DatasetPair(
            Cifar10Reader.Parse(Batches(spec.TrainParts), spec.Name + "/train"),
            Cifar10Reader.Parse(Batches(spec.TestParts), spec.Name + "/test"))
        {
            IdentityNote = CifarNote(spec, archive),
        };
    }

    private static DataFileException Missing(DatasetSpec spec, string folder, IReadOnlyList<string> lookedFor, string fix) =>
        new(folder, null, $"{spec.Name} files are missing; looked for:" + string.Concat(lookedFor.Select(p => "\n  " + p)) + "\n" + fix);
}
